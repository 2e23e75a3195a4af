import { minutesOfDay, WEEKDAYS } from '../schemas/hours.ts'
import type { Site } from '../schemas/point.ts'
import { weekdayOf } from '../hours/rome-time.ts'

/**
 * A cheap necessary condition for "open at", packed in 31 bits so the nearest-search predicate can
 * test it on a typed array: bits 24–30 are the weekdays (Monday first) with some opening, bits 0–23
 * the hours of the day with some opening on any day. If the hint says no, `isOpenAt` would say no;
 * if it says maybe, `isOpenAt` decides on the candidate. Without it an "open now" search at night
 * would walk and evaluate every site in the country before answering "nothing".
 * Seasons and closures only ever close a site, so ignoring them keeps the hint a superset.
 */
export const ANY_TIME = 0x7fffffff

export function openingHint(site: Site): number {
  const stops = site.stops ?? []
  // A site without any schedule is left to `isOpenAt` to judge, whatever it decides for it.
  if (site.opening_hours === undefined && stops.length === 0) return ANY_TIME
  let days = 0
  let hours = 0
  const week = site.opening_hours
  if (week !== undefined) {
    for (let day = 0; day < WEEKDAYS.length; day++) {
      const intervals = week[WEEKDAYS[day]!]
      if (intervals === undefined) continue
      for (const interval of intervals) {
        days |= 1 << day
        hours |= hourBits(minutesOfDay(interval.start), minutesOfDay(interval.end))
      }
    }
  }
  for (const stop of stops) {
    days |= 1 << WEEKDAYS.indexOf(weekdayOf(stop.date))
    hours |= hourBits(minutesOfDay(stop.start), minutesOfDay(stop.end))
  }
  return ((days << 24) | hours) >>> 0
}

/** Whether the hint allows an opening at this Rome wall-clock time (weekday 0 = Monday, minutes since midnight). */
export function hintAllows(hint: number, weekday: number, minutes: number): boolean {
  return ((hint >>> (24 + weekday)) & (hint >>> Math.floor(minutes / 60)) & 1) === 1
}

/** The hours touched by [start, end) minutes. */
function hourBits(startMinute: number, endMinute: number): number {
  let bits = 0
  for (let h = Math.floor(startMinute / 60); h <= Math.floor((endMinute - 1) / 60); h++) bits |= 1 << h
  return bits
}
