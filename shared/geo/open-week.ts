import type { LocalDate } from '../schemas/hours.ts'
import type { Site } from '../schemas/point.ts'
import { WEEKDAYS } from '../vocabulary.ts'
import { PlaceRole } from './site-places.ts'
import { epochDay, minutesOf } from './char-code-time.ts'

/**
 * "Open at" answered from typed arrays, exactly, for the places whose opening is their weekly
 * hours alone (issue 12): most fixed sites and vans' weekly bases. Such a place points at one
 * entry of a table of distinct weeks (`weekBits`): which 15-minute slots of the week are open
 * throughout, which only in part (an interval starting or ending inside the slot), and whether
 * the weekly hours hold on public holidays. The nearest-search predicate then tests one bit.
 *
 * Everything else is left to `isOpenAt` on the record (`NO_WEEK`): a place with dated stops, a
 * season, a slot open only in part, or a date inside the place's closures (kept as one window
 * from the first closure's start to the last one's end, `placeClosures`). Property tests keep the
 * verdicts equal to `isOpenAt` for every place and instant tried.
 */
export const SLOTS_PER_DAY = 96
const SLOT_MINUTES = 15
const HALF_WORDS = (7 * SLOTS_PER_DAY) / 32 // 21
/** Words of one week: open throughout (21), open in part (21), flags (1). */
export const WEEK_WORDS = 2 * HALF_WORDS + 1
const FLAG_OPEN_ON_HOLIDAYS = 1
/** A place its week cannot decide; also every place past the 65,535th distinct week (ids are 16 bits, the table stays small). */
export const NO_WEEK = 0xffff

export const OpenVerdict = {
  closed: 0,
  open: 1,
  /** The typed arrays cannot tell: the record decides. */
  undecided: 2,
} as const
export type OpenVerdict = (typeof OpenVerdict)[keyof typeof OpenVerdict]

/** The distinct weeks of a snapshot being built, deduplicated by content. */
export class WeekTable {
  private words = new Uint32Array(64 * WEEK_WORDS)
  private count = 0
  private readonly byHash = new Map<number, number[]>()
  private readonly scratch = new Uint32Array(WEEK_WORDS)

  /** The week of the site as seen at a place of this role, or NO_WEEK when its dates matter. */
  idOf(site: Site, role: PlaceRole): number {
    if (role === PlaceRole.stop) return NO_WEEK
    if (role === PlaceRole.wholeSite && site.stops !== undefined && site.stops.length > 0) return NO_WEEK
    if (site.valid_from !== undefined || site.valid_to !== undefined) return NO_WEEK
    const week = this.scratch
    week.fill(0)
    const schedule = site.opening_hours
    if (schedule !== undefined) {
      for (let day = 0; day < DAY_KEYS.length; day++) {
        const intervals = schedule[DAY_KEYS[day]!]
        if (intervals === undefined) continue
        for (let i = 0; i < intervals.length; i++) markInterval(week, day, minutesOf(intervals[i]!.start), minutesOf(intervals[i]!.end))
      }
    }
    // A slot open throughout is not also "in part".
    for (let w = 0; w < HALF_WORDS; w++) week[HALF_WORDS + w] = (week[HALF_WORDS + w]! & ~week[w]!) >>> 0
    week[2 * HALF_WORDS] = site.public_holidays === 'open' ? FLAG_OPEN_ON_HOLIDAYS : 0
    return this.intern(week)
  }

  get size(): number {
    return this.count
  }

  /**
   * The weeks renumbered by `newId` (-1: not used), `used` of them: ids in the order the places
   * use them in point order, so a snapshot's tables do not depend on the order its records came in.
   */
  finish(newId: Int32Array, used: number): Uint32Array<ArrayBuffer> {
    const out = new Uint32Array(used * WEEK_WORDS)
    for (let id = 0; id < this.count; id++) {
      if (newId[id]! >= 0) out.set(this.words.subarray(id * WEEK_WORDS, (id + 1) * WEEK_WORDS), newId[id]! * WEEK_WORDS)
    }
    return out
  }

  private intern(week: Uint32Array): number {
    let hash = 2166136261
    for (let w = 0; w < WEEK_WORDS; w++) hash = Math.imul(hash ^ week[w]!, 16777619)
    const candidates = this.byHash.get(hash)
    if (candidates !== undefined) {
      for (const id of candidates) if (this.equals(id, week)) return id
    }
    if (this.count === NO_WEEK) return NO_WEEK
    const id = this.count++
    if (this.count * WEEK_WORDS > this.words.length) {
      const grown = new Uint32Array(2 * this.words.length)
      grown.set(this.words)
      this.words = grown
    }
    this.words.set(week, id * WEEK_WORDS)
    if (candidates === undefined) this.byHash.set(hash, [id])
    else candidates.push(id)
    return id
  }

  private equals(id: number, week: Uint32Array): boolean {
    const base = id * WEEK_WORDS
    for (let w = 0; w < WEEK_WORDS; w++) if (this.words[base + w] !== week[w]) return false
    return true
  }
}

/** Marks [start, end) minutes of `day` (0 = Monday): whole slots as open throughout, cut ones as open in part. */
function markInterval(week: Uint32Array, day: number, start: number, end: number): void {
  if (end <= start) return
  const base = day * SLOTS_PER_DAY
  const firstWhole = Math.ceil(start / SLOT_MINUTES)
  const endWhole = Math.floor(end / SLOT_MINUTES) // exclusive
  if (firstWhole < endWhole) setBits(week, 0, base + firstWhole, base + endWhole)
  // The slots the interval cuts: where it starts (if not on a quarter hour) and where it ends.
  if (start % SLOT_MINUTES !== 0) setBits(week, HALF_WORDS, base + Math.floor(start / SLOT_MINUTES), base + Math.floor(start / SLOT_MINUTES) + 1)
  if (end % SLOT_MINUTES !== 0) setBits(week, HALF_WORDS, base + Math.floor(end / SLOT_MINUTES), base + Math.floor(end / SLOT_MINUTES) + 1)
}

/** Sets bits [from, to) of the half of `week` starting at word `offset`, a word at a time. */
function setBits(week: Uint32Array, offset: number, from: number, to: number): void {
  for (let bit = from; bit < to; ) {
    const word = bit >>> 5
    const shift = bit & 31
    const count = Math.min(32 - shift, to - bit)
    const mask = count === 32 ? 0xffffffff : ((1 << count) - 1) << shift
    week[offset + word]! |= mask
    bit += count
  }
}

/**
 * The verdict of week `id` at a Rome wall-clock time (weekday 0 = Monday); the caller has
 * checked the place's closures and the point's status.
 */
export function weekVerdict(weeks: Uint32Array, id: number, weekday: number, minutes: number, isHoliday: boolean): OpenVerdict {
  const base = id * WEEK_WORDS
  if (isHoliday && (weeks[base + 2 * HALF_WORDS]! & FLAG_OPEN_ON_HOLIDAYS) === 0) return OpenVerdict.closed
  const bit = weekday * SLOTS_PER_DAY + Math.floor(minutes / SLOT_MINUTES)
  const word = bit >>> 5
  const mask = 1 << (bit & 31)
  if ((weeks[base + word]! & mask) !== 0) return OpenVerdict.open
  return (weeks[base + HALF_WORDS + word]! & mask) !== 0 ? OpenVerdict.undecided : OpenVerdict.closed
}

/** The site's closures as one window of day numbers (`dayNumber`), first start in the high half, last end in the low; 0 for none. */
export function closureWindow(site: Site): number {
  const closures = site.closures
  if (closures === undefined || closures.length === 0) return 0
  let from = 0xffff
  let to = 0
  for (let i = 0; i < closures.length; i++) {
    from = Math.min(from, dayNumber(closures[i]!.from))
    to = Math.max(to, dayNumber(closures[i]!.to))
  }
  return ((from << 16) | to) >>> 0
}

/** Whether a day number falls inside a closure window. */
export const insideClosureWindow = (window: number, day: number): boolean => window !== 0 && window >>> 16 <= day && day <= (window & 0xffff)

const DAY_2000 = epochDay('2000-01-01')

/** Days from 2000-01-01 to a "YYYY-MM-DD" date, clamped to 1…65535 (0 is "no window"). */
export function dayNumber(date: LocalDate | string): number {
  return Math.min(0xffff, Math.max(1, epochDay(date) - DAY_2000))
}

// Module-local copy: read a million times, and an imported binding may compile to a getter call.
const DAY_KEYS = WEEKDAYS
