import type { Location, Stop, WeeklySchedule } from '../schemas/hours.ts'
import type { Site } from '../schemas/point.ts'
import { WEEKDAYS } from '../vocabulary.ts'
import { PlaceRole } from './site-places.ts'
import { epochDay, minutesOf } from './char-code-time.ts'

/**
 * A cheap necessary condition for "open at", packed in 31 bits so the nearest-search predicate can
 * test it on a typed array: bits 24–30 are the weekdays (Monday first) with some opening, bits 0–23
 * the hours of the day with some opening on any day. If the hint says no, `isOpenAt` would say no;
 * if it says maybe, `isOpenAt` decides on the candidate. Without it an "open now" search at night
 * would walk and evaluate every site in the country before answering "nothing".
 * Seasons and closures only ever close a site, so ignoring them keeps the hint a superset.
 *
 * The snapshot computes one per indexed place, a million at a time: these functions read the
 * site as it is and create nothing (no sliced strings, no Date, no site copies).
 */
export const ANY_TIME = 0x7fffffff

export function openingHint(site: Site): number {
  // A site without any schedule is left to `isOpenAt` to judge, whatever it decides for it.
  if (site.opening_hours === undefined && (site.stops === undefined || site.stops.length === 0)) return ANY_TIME
  return (weeklyBits(site.opening_hours) | stopBits(site.stops, null)) >>> 0
}

/**
 * `openingHint(siteAtPlace(site, { role, location }))`, without making that site: the whole site,
 * only its weekly schedule (a mobile unit's base), or only its stops at `location`.
 */
export function placeOpeningHint(site: Site, role: PlaceRole, location: Location): number {
  if (role === PlaceRole.wholeSite) return openingHint(site)
  if (role === PlaceRole.weeklyBase) return site.opening_hours === undefined ? ANY_TIME : weeklyBits(site.opening_hours) >>> 0
  // Every stop sets its weekday bit, so 0 means no stop stands there: like a site without any schedule.
  const bits = stopBits(site.stops, location)
  return bits === 0 ? ANY_TIME : bits >>> 0
}

/** Whether the hint allows an opening at this Rome wall-clock time (weekday 0 = Monday, minutes since midnight). */
export function hintAllows(hint: number, weekday: number, minutes: number): boolean {
  return ((hint >>> (24 + weekday)) & (hint >>> Math.floor(minutes / 60)) & 1) === 1
}

// Module-local copy: read a million times, and an imported binding may compile to a getter call.
const DAY_KEYS = WEEKDAYS

function weeklyBits(week: WeeklySchedule | undefined): number {
  if (week === undefined) return 0
  let bits = 0
  for (let day = 0; day < DAY_KEYS.length; day++) {
    const intervals = week[DAY_KEYS[day]!]
    if (intervals === undefined) continue
    for (let i = 0; i < intervals.length; i++) {
      const interval = intervals[i]!
      bits |= (1 << (24 + day)) | hourBits(interval.start, interval.end)
    }
  }
  return bits
}

/** The bits of `stops`, or of those standing exactly at `at` when given. */
function stopBits(stops: readonly Stop[] | undefined, at: Location | null): number {
  if (stops === undefined) return 0
  let bits = 0
  for (let i = 0; i < stops.length; i++) {
    const stop = stops[i]!
    if (at !== null && (stop.place.location.lat !== at.lat || stop.place.location.lon !== at.lon)) continue
    bits |= (1 << (24 + mondayFirstWeekday(stop.date))) | hourBits(stop.start, stop.end)
  }
  return bits
}

/** The hours touched by [start, end), times as "HH:MM". */
function hourBits(start: string, end: string): number {
  const first = Math.floor(minutesOf(start) / 60)
  const last = Math.floor((minutesOf(end) - 1) / 60)
  if (last < first) return 0
  // Bits first…last; `last` is at most 23 ("24:00" ends in hour 23), so the shift stays in 32 bits.
  return ((1 << (last + 1)) - 1) ^ ((1 << first) - 1)
}

/** Weekday of a "YYYY-MM-DD" calendar date, 0 = Monday. */
function mondayFirstWeekday(date: string): number {
  // 1970-01-01 was a Thursday (3 with Monday as 0).
  return (((epochDay(date) + 3) % 7) + 7) % 7
}
