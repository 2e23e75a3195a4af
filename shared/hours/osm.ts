import OpeningHours from 'opening_hours'
import { WEEKDAYS, type WeeklySchedule, type Weekday } from '../schemas/hours.ts'
import { weekdayRuns, groupDaysWithSameHours } from './group-days.ts'
import { formatTimeOfDay, scheduleFromDayMinutes, type MinuteInterval } from './normalize-schedule.ts'

/**
 * OpenStreetMap `opening_hours` ⇄ WeeklySchedule. Parsing and evaluation belong to the
 * `opening_hours` library; this module only reads what the library says about sample weeks.
 */

export type OsmConversion = { ok: true; schedule: WeeklySchedule } | { ok: false; reason: string }

/** Public holidays (PH) are evaluated for Italy, where the schedules will be used. */
const ITALY = { lat: 41.9, lon: 12.5, address: { country_code: 'it', state: 'Lazio' } }
const MAX_INTERVALS_PER_DAY = 8
const DAY_MS = 86_400_000

/**
 * Mondays of the sample weeks. A rule is a weekly schedule only if every one of them reads the
 * same. Together they hold an Italian public holiday on every weekday (8 Dec 2024 Su, 1 Jan
 * 2025 We, 2 Jun 2025 Mo, 1 Jan 2026 Th, 6 Jan Tu, 2 Jun Tu, 25–26 Dec Fr–Sa), two consecutive
 * weeks (odd/even week rules), winter and summer (month and season rules), and June 2026 whole,
 * whose five Mondays catch "first/last Monday of the month" rules. They avoid every usual
 * daylight-saving change, north (March, October–November) and south (April, September–October),
 * so a local clock reading in any process zone is a plain wall-clock time.
 */
const SAMPLE_WEEKS: ReadonlyArray<[number, number, number]> = [
  [2026, 1, 12], [2026, 1, 5], [2024, 12, 2], [2024, 12, 30], [2025, 6, 2], [2025, 12, 29], [2026, 12, 21],
  [2026, 6, 1], [2026, 6, 8], [2026, 6, 15], [2026, 6, 22], [2026, 6, 29], [2026, 7, 6],
]

/** Days counted on the local calendar, so the answer holds in any process time zone. */
const localDayIndex = (d: Date, weekStart: Date): number =>
  Math.round(
    (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) -
      Date.UTC(weekStart.getFullYear(), weekStart.getMonth(), weekStart.getDate())) / DAY_MS,
  )

/**
 * The library evaluates in the process's local zone, so the sample week is built from local
 * components and its intervals are read back as local components: the wall-clock times of the
 * rule, whatever TZ is. An interval that runs past midnight is split at each midnight.
 */
function readWeek(hours: OpeningHours, [year, month, day]: [number, number, number]): OsmConversion {
  const from = new Date(year, month - 1, day)
  const to = new Date(year, month - 1, day + 7)
  const days: Partial<Record<Weekday, MinuteInterval[]>> = {}
  for (const [start, end, unknown, comment] of hours.getOpenIntervals(from, to)) {
    if (unknown || comment !== undefined) {
      return { ok: false, reason: `uncertain or commented hours${comment ? ` ("${comment}")` : ''} do not fit a weekly schedule` }
    }
    let cursor = start
    while (cursor < end) {
      const nextMidnight = new Date(cursor.getFullYear(), cursor.getMonth(), cursor.getDate() + 1)
      const segmentEnd = end < nextMidnight ? end : nextMidnight
      const weekday = WEEKDAYS[localDayIndex(cursor, from)] as Weekday
      const endMinutes = segmentEnd === nextMidnight ? 1440 : segmentEnd.getHours() * 60 + segmentEnd.getMinutes()
      ;(days[weekday] ??= []).push({ start: cursor.getHours() * 60 + cursor.getMinutes(), end: endMinutes })
      cursor = segmentEnd
    }
  }
  const schedule = scheduleFromDayMinutes(days)
  const crowded = WEEKDAYS.find((d) => (schedule[d]?.length ?? 0) > MAX_INTERVALS_PER_DAY)
  if (crowded) return { ok: false, reason: `more than ${MAX_INTERVALS_PER_DAY} intervals on ${crowded}` }
  return { ok: true, schedule }
}

const weekLabel = ([y, m, d]: [number, number, number]): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

/**
 * Converts an OSM opening_hours value to a weekly schedule, or says why it cannot: invalid
 * syntax, times that follow the sun, uncertain or commented hours, or hours that change with
 * holidays, months or week numbers (not one weekly pattern).
 */
export function osmToSchedule(osm: string): OsmConversion {
  // The library places sunrise/sunset at fixed default times; they are no fixed schedule.
  if (/\b(sunrise|sunset|dawn|dusk)\b/i.test(osm)) {
    return { ok: false, reason: 'times that follow the sun (sunrise, sunset, dawn, dusk) are not a fixed schedule' }
  }
  let hours: OpeningHours
  try {
    hours = new OpeningHours(osm, ITALY)
  } catch (error) {
    return { ok: false, reason: `not valid OSM opening_hours: ${String(error).split('\n')[0]}` }
  }
  let first: { week: [number, number, number]; schedule: WeeklySchedule; key: string } | null = null
  for (const week of SAMPLE_WEEKS) {
    let read: OsmConversion
    try {
      read = readWeek(hours, week)
    } catch (error) {
      return { ok: false, reason: `OSM opening_hours could not be evaluated: ${String(error).split('\n')[0]}` }
    }
    if (!read.ok) return read
    const key = JSON.stringify(read.schedule)
    if (first === null) first = { week, schedule: read.schedule, key }
    else if (key !== first.key) {
      return {
        ok: false,
        reason: `the hours of the week of ${weekLabel(week)} differ from the week of ${weekLabel(first.week)} (holidays, months or week numbers): not one weekly schedule`,
      }
    }
  }
  return { ok: true, schedule: first?.schedule ?? {} }
}

const osmDay = (day: Weekday): string => `${day[0]?.toUpperCase()}${day[1]}`

/** Mo-We for three days or more, Mo,Tu for two: the forms OSM editors write. */
const osmDays = (days: readonly Weekday[]): string =>
  weekdayRuns(days)
    .map(([a, b]) =>
      a === b ? osmDay(a) : WEEKDAYS.indexOf(b) - WEEKDAYS.indexOf(a) === 1 ? `${osmDay(a)},${osmDay(b)}` : `${osmDay(a)}-${osmDay(b)}`,
    )
    .join(',')

/**
 * The OSM value of a schedule: days with identical hours grouped (`Mo-Fr 09:00-13:00;
 * Sa 09:00-12:00`), each day in one rule only, "off" when never open.
 */
export function scheduleToOsm(schedule: WeeklySchedule): string {
  const rules = groupDaysWithSameHours(schedule).map(
    (g) => `${osmDays(g.days)} ${g.intervals.map((i) => `${formatTimeOfDay(i.start)}-${formatTimeOfDay(i.end)}`).join(',')}`,
  )
  return rules.length > 0 ? rules.join('; ') : 'off'
}
