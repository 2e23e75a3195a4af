import { WEEKDAYS } from '../vocabulary.ts'
import type { Weekday } from '../schemas/hours.ts'

/**
 * Europe/Rome wall clock ⇄ instants, whatever the time zone of the process or browser.
 *
 * Dates are `YYYY-MM-DD` strings and times are minutes since local midnight: the same units the
 * schedules are written in. Date arithmetic runs on UTC midnights, where every day has 24 hours,
 * so it never depends on the process zone.
 */

export interface RomeWallClock {
  /** The calendar date in Rome, YYYY-MM-DD. */
  readonly date: string
  readonly weekday: Weekday
  /** Minutes since Rome's local midnight, 0…1439. */
  readonly minutes: number
}

const MINUTE_MS = 60_000
const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

/**
 * Since 1996 Italy follows the EU's summer time (Directive 2000/84/EC and its predecessors): +02:00
 * from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October, +01:00
 * otherwise. Within these years the offset is arithmetic; tests/shared/hours/rome-time.test.ts
 * compares it with the runtime's tz database at every UTC hour of the range, so a change of rule
 * reaching the tz database turns that test red. Outside them (Italy's older rules, a far future)
 * the tz database answers through Intl. Why not Intl always: the first Intl.DateTimeFormat a
 * process builds loads ICU's date formatting, ~17 ms of every cold start (and of every page).
 */
export const EU_SUMMER_TIME_YEARS = { from: 1996, until: 2099 } as const

const summerTimeByYear = new Map<number, readonly [start: number, end: number]>()

/** Epoch ms of 01:00 UTC on the last Sunday of `month` (0-based) of `year`. */
function lastSundayOneUtc(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0)
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS + HOUR_MS
}

/** Rome's offset in minutes by the EU rule, or undefined outside the years it holds for. */
export function romeOffsetByEuRule(ms: number): number | undefined {
  const year = new Date(ms).getUTCFullYear()
  if (!(year >= EU_SUMMER_TIME_YEARS.from && year <= EU_SUMMER_TIME_YEARS.until)) return undefined
  let summer = summerTimeByYear.get(year)
  if (!summer) summerTimeByYear.set(year, (summer = [lastSundayOneUtc(year, 2), lastSundayOneUtc(year, 9)]))
  return ms >= summer[0] && ms < summer[1] ? 120 : 60
}

// One formatter for the whole process, built on first need: building one costs far more than using it.
let romeFormatter: Intl.DateTimeFormat | undefined
const formatterForRome = (): Intl.DateTimeFormat =>
  (romeFormatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }))

/**
 * Outside the EU rule's years: Rome's offset from UTC is constant within each UTC hour (since
 * 1893 every offset has been a whole number of hours and every change has happened on a whole
 * UTC hour), so one Intl lookup per UTC hour is exact, and the cache turns it into arithmetic.
 */
const offsetByUtcHour = new Map<number, number>()
const OFFSET_CACHE_LIMIT = 10_000

function offsetMinutesAtMs(ms: number): number {
  const byRule = romeOffsetByEuRule(ms)
  if (byRule !== undefined) return byRule
  const hour = Math.floor(ms / HOUR_MS)
  const cached = offsetByUtcHour.get(hour)
  if (cached !== undefined) return cached
  const offset = romeOffsetFromTzDatabase(hour * HOUR_MS)
  if (offsetByUtcHour.size >= OFFSET_CACHE_LIMIT) offsetByUtcHour.clear()
  offsetByUtcHour.set(hour, offset)
  return offset
}

/** Rome's offset at an instant as the runtime's tz database (ICU) gives it, in minutes. */
export function romeOffsetFromTzDatabase(ms: number): number {
  const probe = Math.floor(ms / MINUTE_MS) * MINUTE_MS
  let year = 0, month = 0, day = 0, h = 0, min = 0
  for (const part of formatterForRome().formatToParts(probe)) {
    if (part.type === 'year') year = Number(part.value)
    else if (part.type === 'month') month = Number(part.value)
    else if (part.type === 'day') day = Number(part.value)
    else if (part.type === 'hour') h = Number(part.value)
    else if (part.type === 'minute') min = Number(part.value)
  }
  return Math.round((Date.UTC(year, month - 1, day, h, min) - probe) / MINUTE_MS)
}

/** Rome's offset from UTC at that instant, in minutes (60 in winter, 120 in summer). */
export function romeOffsetMinutes(at: Date): number {
  return offsetMinutesAtMs(at.getTime())
}

/** The weekday of a UTC-midnight timestamp (Date#getUTCDay counts from Sunday). */
const weekdayOfUtcMs = (ms: number): Weekday => WEEKDAYS[(new Date(ms).getUTCDay() + 6) % 7] as Weekday

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

function dateOfUtcMs(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** UTC midnight of a YYYY-MM-DD date, in epoch milliseconds. */
function utcMidnightMs(date: string): number {
  const m = DATE.exec(date)
  if (!m) throw new RangeError(`date must be YYYY-MM-DD, got "${date}"`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
}

/** The Rome date, weekday and minute of an instant. */
export function toRomeWallClock(at: Date): RomeWallClock {
  const ms = at.getTime()
  if (Number.isNaN(ms)) throw new RangeError('at must be a valid Date')
  // Shift the instant by the offset, then read UTC fields: they are Rome's wall clock.
  const wall = ms + offsetMinutesAtMs(ms) * MINUTE_MS
  const midnight = Math.floor(wall / DAY_MS) * DAY_MS
  return { date: dateOfUtcMs(midnight), weekday: weekdayOfUtcMs(midnight), minutes: Math.floor((wall - midnight) / MINUTE_MS) }
}

/** An instant (ISO 8601) as Rome's wall clock to the minute, `2026-12-07 09:41`: how operators read a time of writing. */
export function romeDateTimeText(iso: string): string {
  const { date, minutes } = toRomeWallClock(new Date(iso))
  return `${date} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`
}

/**
 * Every instant at which Rome's wall clock shows `minutes` after midnight of `date`, earliest
 * first, in epoch milliseconds. Usually one; two in the autumn overlap (02:00–03:00 on the last
 * Sunday of October happens twice); in the spring gap (02:00–03:00 on the last Sunday of March
 * never happens) the one instant just after the gap, when the clock jumps to 03:00.
 * `minutes` may run past the day (1440 is the next midnight).
 */
export function romeOccurrences(date: string, minutes: number): number[] {
  const asIfUtc = utcMidnightMs(date) + minutes * MINUTE_MS
  // The offsets a day either side bracket any change near this wall time (changes are months apart).
  const offsetBefore = offsetMinutesAtMs(asIfUtc - DAY_MS)
  const offsetAfter = offsetMinutesAtMs(asIfUtc + DAY_MS)
  const found: number[] = []
  for (const offset of offsetBefore === offsetAfter ? [offsetBefore] : [offsetBefore, offsetAfter]) {
    const candidate = asIfUtc - offset * MINUTE_MS
    if (offsetMinutesAtMs(candidate) === offset) found.push(candidate)
  }
  if (found.length > 0) return found.sort((a, b) => a - b)
  // In the gap: with the old offset the instant is already past the change, with the new one not
  // yet there. Search the minute between where the new offset begins.
  let notYet = asIfUtc - offsetAfter * MINUTE_MS
  let already = asIfUtc - offsetBefore * MINUTE_MS
  while (already - notYet > MINUTE_MS) {
    const middle = notYet + Math.floor((already - notYet) / 2 / MINUTE_MS) * MINUTE_MS
    if (offsetMinutesAtMs(middle) === offsetAfter) already = middle
    else notYet = middle
  }
  return [already]
}

/**
 * The instant at which Rome's wall clock shows `minutes` after midnight of `date`
 * (1440 = the next midnight). Ambiguous or missing wall times resolve like this:
 * - spring-forward gap (last Sunday of March, 02:00–02:59 do not exist): the instant just after
 *   the gap, i.e. 03:00+02:00, so an opening set at 02:30 starts when the clock shows 03:00;
 * - autumn overlap (last Sunday of October, 02:00–02:59 happen twice): the first occurrence (+02:00).
 */
export function romeInstant(date: string, minutes: number): Date {
  return new Date(romeOccurrences(date, minutes)[0] as number)
}

/** The date `n` calendar days after (or before, if negative) `date`. */
export function addDays(date: string, n: number): string {
  return dateOfUtcMs(utcMidnightMs(date) + n * DAY_MS)
}

/** The weekday of a calendar date. */
export function weekdayOf(date: string): Weekday {
  return weekdayOfUtcMs(utcMidnightMs(date))
}
