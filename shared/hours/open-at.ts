import { WEEKDAYS, minutesOfDay } from '../vocabulary.ts'
import type { Stop } from '../schemas/hours.ts'
import type { PointRecord, Site } from '../schemas/point.ts'
import { isItalianPublicHoliday } from './holidays.ts'
import { dayMinutes, mergeIntervals } from './normalize-schedule.ts'
import { addDays, romeOccurrences, toRomeWallClock, weekdayOf, type RomeWallClock } from './rome-time.ts'

/**
 * "Can I go there now?" Every function takes the instant first and the site or point second,
 * so the API converts the instant to Rome's wall clock once and then tests thousands of
 * candidates with plain comparisons: `points.filter(isOpenAt(at))`.
 *
 * Opening is decided on Rome's wall clock: a site open 01:00–04:00 is open whenever the clock
 * in Rome shows a time in that range, which on DST Sundays lasts two or four real hours.
 * Intervals are half-open: open at 09:00, closed at 13:00 for 09:00–13:00.
 *
 * Italian national public holidays are a rule, not data: on those dates the weekly hours do not
 * apply unless the site says `public_holidays: 'open'`. A mobile unit's dated stop still happens
 * on a holiday: it was scheduled for that very date, so it is more specific than the rule. Local
 * holidays (patron saints) and summer breaks are `closures`, which close everything, stops included.
 */

/** A site, or a point as a whole (any of its sites, while it is active): a stored record or an answer's point alike. */
export type HoursTarget = Site | Pick<PointRecord, 'status' | 'sites'>

/** An opening within one local day, in minutes since midnight; `place` for a mobile unit's stop. */
export interface DayInterval {
  start: number
  end: number
  place?: Stop['place']
}

export type OpeningState =
  | { open: true; closesAt: Date; site: Site }
  | { open: false; opensAt: Date | null; site: Site | null }

/** How far ahead "next opening" looks, in days. */
export const SEARCH_DAYS = 366
const DAY_MS = 86_400_000

/** A point has sites; a site does not. */
export const isPoint = (target: HoursTarget): target is Pick<PointRecord, 'status' | 'sites'> => 'sites' in target

/** The sites that can open at all: none for a point that is suspended or closed. */
const openableSites = (target: HoursTarget): readonly Site[] =>
  isPoint(target) ? (target.status === 'active' ? target.sites : []) : [target]

/** Whether a dated closure of the site covers this Rome date (its weekly hours and its stops alike). */
export const isClosedOn = (site: Site, date: string): boolean =>
  site.closures?.some((c) => c.from <= date && date <= c.to) ?? false

/** Whether the weekly hours apply on a date: in season, and not a public holiday the site keeps closed. */
const weeklyHoursApply = (site: Site, date: string, isHoliday: boolean): boolean =>
  seasonCovers(site, date) && !(isHoliday && site.public_holidays !== 'open')

const isRecurring = (bound: string): boolean => bound.startsWith('--')

/**
 * Whether the site's season includes `date`. A full date bound compares with the full date;
 * a recurring `--MM-DD` bound with the month and day, and a recurring season whose start comes
 * after its end wraps the new year (--12-01 … --02-28). The schema forbids mixing the two forms;
 * a lone bound is compared in its own form.
 */
/** Whether the site's season (if it has one) includes this Rome date. */
export function seasonCovers(site: Site, date: string): boolean {
  const { valid_from: from, valid_to: to } = site
  const monthDay = date.slice(5)
  if (from !== undefined && to !== undefined && isRecurring(from) && isRecurring(to)) {
    const [start, end] = [from.slice(2), to.slice(2)]
    return start <= end ? start <= monthDay && monthDay <= end : monthDay >= start || monthDay <= end
  }
  const afterFrom = from === undefined || (isRecurring(from) ? monthDay >= from.slice(2) : date >= from)
  const beforeTo = to === undefined || (isRecurring(to) ? monthDay <= to.slice(2) : date <= to)
  return afterFrom && beforeTo
}

const samePlace = (a: Stop['place'] | undefined, b: Stop['place'] | undefined): boolean =>
  a !== undefined && b !== undefined && a.label === b.label && a.location.lat === b.location.lat && a.location.lon === b.location.lon

/** Joined openings keep a place only when every part was a stop at that same place. */
function joinKeepingPlace(a: DayInterval, b: DayInterval): DayInterval {
  const joined: DayInterval = { start: a.start, end: Math.max(a.end, b.end) }
  if (samePlace(a.place, b.place)) joined.place = a.place
  return joined
}

/** The weekly hours (at the site's own place) and the stops of a date, as written: not merged. */
function openingParts(site: Site, date: string, stopsOfDate: readonly Stop[]): DayInterval[] {
  if (isClosedOn(site, date)) return []
  const parts: DayInterval[] =
    site.opening_hours && weeklyHoursApply(site, date, isItalianPublicHoliday(date)) ? dayMinutes(site.opening_hours, weekdayOf(date)) : []
  for (const stop of stopsOfDate) parts.push({ start: minutesOfDay(stop.start), end: minutesOfDay(stop.end), place: stop.place })
  return parts
}

const intervalsWithStops = (site: Site, date: string, stopsOfDate: readonly Stop[]): DayInterval[] =>
  mergeIntervals(openingParts(site, date, stopsOfDate), joinKeepingPlace)

/**
 * The site's sessions on a Rome date, each at one place, in order: as siteIntervalsOn, but openings
 * that touch at two places stay two. A van at its base 9–12 and at the market 12–15 is open 9–15
 * (siteIntervalsOn), and a citizen must be told where it is when (this): one session "9–15 at the
 * base" sent people to the base for the afternoon.
 */
export function siteSessionsOn(site: Site, date: string): DayInterval[] {
  const byPlace: DayInterval[][] = []
  for (const part of openingParts(site, date, site.stops?.filter((s) => s.date === date) ?? [])) {
    const group = byPlace.find(([first]) => (first!.place === undefined && part.place === undefined) || samePlace(first!.place, part.place))
    if (group) group.push(part)
    else byPlace.push([part])
  }
  return byPlace.flatMap((group) => mergeIntervals(group, joinKeepingPlace)).sort((a, b) => a.start - b.start || a.end - b.end)
}

/**
 * The site's openings on a Rome calendar date, in minutes of that day, sorted and merged:
 * the weekly hours when the season covers the date and it is not a public holiday the site keeps
 * closed, plus the mobile unit's stops of that date. A closure empties the whole day, stops included.
 */
export function siteIntervalsOn(site: Site, date: string): DayInterval[] {
  return intervalsWithStops(site, date, site.stops?.filter((s) => s.date === date) ?? [])
}

/**
 * The same answer as "some interval of siteIntervalsOn contains the minute", without building
 * the intervals: this is the predicate the API runs over thousands of candidates.
 */
function isSiteOpenAtWall(site: Site, wall: RomeWallClock, isHoliday: boolean): boolean {
  if (isClosedOn(site, wall.date)) return false
  const contains = (i: { start: string; end: string }): boolean =>
    minutesOfDay(i.start) <= wall.minutes && wall.minutes < minutesOfDay(i.end)
  if (site.opening_hours && weeklyHoursApply(site, wall.date, isHoliday) && site.opening_hours[wall.weekday]?.some(contains)) return true
  return site.stops?.some((stop) => stop.date === wall.date && contains(stop)) ?? false
}

/** Is the site, or any site of an active point, open at that instant? */
export const isOpenAt = (at: Date): ((target: HoursTarget) => boolean) => {
  const wall = toRomeWallClock(at)
  // Once per instant, not per candidate: the predicate stays plain comparisons.
  const isHoliday = isItalianPublicHoliday(wall.date)
  return (target) => openableSites(target).some((site) => isSiteOpenAtWall(site, wall, isHoliday))
}

/**
 * When the opening that contains `atMs` ends, or null if the site is closed then. In the
 * autumn overlap a wall time happens twice, so the end is its first occurrence after `atMs`.
 */
function endOfIntervalContaining(site: Site, atMs: number): number | null {
  const wall = toRomeWallClock(new Date(atMs))
  const interval = siteIntervalsOn(site, wall.date).find((i) => i.start <= wall.minutes && wall.minutes < i.end)
  if (!interval) return null
  return romeOccurrences(wall.date, interval.end).find((ms) => ms > atMs) ?? null
}

/**
 * The end of the site's continuous opening from `atMs`: intervals that touch are one opening,
 * across midnight (…–24:00 then 00:00–…) and across the spring gap (…–02:30 then 03:00–…).
 */
function siteClosesAtMs(site: Site, atMs: number, limitMs: number): number | null {
  let end = endOfIntervalContaining(site, atMs)
  while (end !== null && end < limitMs) {
    const further = endOfIntervalContaining(site, end)
    if (further === null) break
    end = further
  }
  return end
}

function stopsByDate(site: Site): Map<string, Stop[]> {
  const byDate = new Map<string, Stop[]>()
  for (const stop of site.stops ?? []) {
    const list = byDate.get(stop.date)
    if (list) list.push(stop)
    else byDate.set(stop.date, [stop])
  }
  return byDate
}

/**
 * The first instant after `afterMs` (and not after `limitMs`) when an opening of the site starts.
 * Walks forward day by day and stops at the first hit, so a weekly site costs a few days at most;
 * a site with no weekly hours and no stops costs nothing.
 */
function siteNextStartMs(site: Site, afterMs: number, limitMs: number): number | null {
  const stops = stopsByDate(site)
  const weekly = site.opening_hours
  if (stops.size === 0 && !(weekly && WEEKDAYS.some((d) => (weekly[d]?.length ?? 0) > 0))) return null
  const firstDate = toRomeWallClock(new Date(afterMs)).date
  for (let day = 0; day <= Math.ceil((limitMs - afterMs) / DAY_MS); day++) {
    const date = addDays(firstDate, day)
    for (const interval of intervalsWithStops(site, date, stops.get(date) ?? [])) {
      const start = romeOccurrences(date, interval.start).find((ms) => ms > afterMs)
      if (start === undefined) continue
      if (start > limitMs) return null
      // An interval wholly inside the spring gap (02:00–02:45) never shows on the clock.
      if ((romeOccurrences(date, interval.end).at(-1) as number) <= start) continue
      return start
    }
  }
  return null
}

function earliestStart(sites: readonly Site[], afterMs: number, limitMs: number): { site: Site; ms: number } | null {
  let best: { site: Site; ms: number } | null = null
  for (const site of sites) {
    const ms = siteNextStartMs(site, afterMs, limitMs)
    if (ms !== null && (best === null || ms < best.ms)) best = { site, ms }
  }
  return best
}

/**
 * The open state at an instant. Open: when the current continuous opening ends (for a point,
 * of all its sites together: a hand-over from one site to another is no closing), and the site
 * open now whose own opening lasts longest. Closed: the next opening within SEARCH_DAYS and the
 * site where it happens, or null. A point that is not active is closed with no next opening.
 * A site open round the clock for longer than the search window reports the window's end.
 */
export const openingState =
  (at: Date) =>
  (target: HoursTarget): OpeningState => {
    const sites = openableSites(target)
    const atMs = at.getTime()
    const limitMs = atMs + SEARCH_DAYS * DAY_MS
    let longest: { site: Site; ms: number } | null = null
    for (const site of sites) {
      const ms = siteClosesAtMs(site, atMs, limitMs)
      if (ms !== null && (longest === null || ms > longest.ms)) longest = { site, ms }
    }
    if (longest) return { open: true, closesAt: new Date(pointClosesAtMs(sites, longest.ms, limitMs)), site: longest.site }
    const next = earliestStart(sites, atMs, limitMs)
    return next ? { open: false, opensAt: new Date(next.ms), site: next.site } : { open: false, opensAt: null, site: null }
  }

/** Extends an opening while another site of the point is open when the previous one closes. */
function pointClosesAtMs(sites: readonly Site[], fromMs: number, limitMs: number): number {
  let end = fromMs
  while (end < limitMs) {
    let further = end
    for (const site of sites) further = Math.max(further, siteClosesAtMs(site, end, limitMs) ?? end)
    if (further === end) return end
    end = further
  }
  return end
}

/**
 * The next time the doors open: if closed, the next start; if open, the first start after the
 * current opening ends ("open now, next opening Tuesday 9:00"). Null if none within SEARCH_DAYS.
 */
export const nextOpening =
  (at: Date) =>
  (target: HoursTarget): Date | null => {
    const state = openingState(at)(target)
    if (!state.open) return state.opensAt
    const next = earliestStart(openableSites(target), state.closesAt.getTime(), at.getTime() + SEARCH_DAYS * DAY_MS)
    return next ? new Date(next.ms) : null
  }

/**
 * The mobile unit's stops that have not ended yet at `at` (the one under way included), in
 * date and time order, at most `limit`. Stops on a closure day are cancelled and left out.
 */
export function nextStops(at: Date, site: Site, limit: number): Stop[] {
  const wall = toRomeWallClock(at)
  const notEnded = (stop: Stop): boolean =>
    stop.date > wall.date || (stop.date === wall.date && minutesOfDay(stop.end) > wall.minutes)
  return (site.stops ?? [])
    .filter((stop) => notEnded(stop) && !isClosedOn(site, stop.date))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : minutesOfDay(a.start) - minutesOfDay(b.start)))
    .slice(0, Math.max(0, limit))
}
