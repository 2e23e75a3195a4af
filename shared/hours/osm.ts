import OpeningHours from 'opening_hours'
import { WEEKDAYS } from '../vocabulary.ts'
import type { WeeklySchedule, Weekday } from '../schemas/hours.ts'
import { isItalianPublicHoliday } from './holidays.ts'
import { dayMinutes, mergeIntervals, scheduleFromDayMinutes, type MinuteInterval } from './normalize-schedule.ts'
import { addDays } from './rome-time.ts'
import type { PublicHolidaysRule } from './osm-write.ts'

/**
 * OpenStreetMap `opening_hours` → WeeklySchedule (writing it back: ./osm-write.ts). Parsing and
 * evaluation belong to the `opening_hours` library; this module only reads what the library says
 * about sample weeks.
 */

/**
 * A weekly schedule, and what the value says about public holidays when it says something;
 * or why the value is no weekly schedule. Callers that only want the schedule can ignore
 * `publicHolidays`.
 */
export type OsmConversion =
  | { ok: true; schedule: WeeklySchedule; publicHolidays?: PublicHolidaysRule }
  | { ok: false; reason: string }

/** Public holidays (PH) are evaluated for Italy, where the schedules will be used. */
const ITALY = { lat: 41.9, lon: 12.5, address: { country_code: 'it', state: 'Lazio' } }
const MAX_INTERVALS_PER_DAY = 8
const DAY_MS = 86_400_000

/** The Monday that starts a sample week, in local calendar components. */
type SampleWeek = readonly [year: number, month: number, day: number]

/**
 * Mondays of the sample weeks. A rule is a weekly schedule only if every one of them reads the
 * same on its ordinary days, and its public holidays are either all closed or all ordinary.
 * Together they hold an Italian public holiday on every weekday (8 Dec 2024 Su, 1 Jan
 * 2025 We, 2 Jun 2025 Mo, 1 Jan 2026 Th, 6 Jan Tu, 2 Jun Tu, 25–26 Dec Fr–Sa), two consecutive
 * weeks (odd/even week rules), winter and summer (month and season rules), and June 2026 whole,
 * whose five Mondays catch "first/last Monday of the month" rules. They avoid every usual
 * daylight-saving change, north (March, October–November) and south (April, September–October),
 * so a local clock reading in any process zone is a plain wall-clock time.
 */
const SAMPLE_WEEKS: readonly SampleWeek[] = [
  [2026, 1, 12], [2026, 1, 5], [2024, 12, 2], [2024, 12, 30], [2025, 6, 2], [2025, 12, 29], [2026, 12, 21],
  [2026, 6, 1], [2026, 6, 8], [2026, 6, 15], [2026, 6, 22], [2026, 6, 29], [2026, 7, 6],
]

/**
 * A value made only of weekdays, times and separators (`Mo-Fr 09:00-12:00,14:00-17:00; Sa off`)
 * has nothing that could vary from week to week or on holidays, so the first sample week, which
 * holds no holiday, reads it whole: most real values take this path, at a thirteenth of the cost.
 */
const PLAIN_WEEKLY = /^(?:\s|\d|[:,;-]|Mo|Tu|We|Th|Fr|Sa|Su|off|closed)*$/

/** Days counted on the local calendar, so the answer holds in any process time zone. */
const localDayIndex = (d: Date, weekStart: Date): number =>
  Math.round(
    (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) -
      Date.UTC(weekStart.getFullYear(), weekStart.getMonth(), weekStart.getDate())) / DAY_MS,
  )

/** One day of a sample week as the library reads it: merged intervals in minutes. */
interface DayReading {
  readonly date: string
  readonly weekday: Weekday
  readonly intervals: MinuteInterval[]
}

type WeekReading = { ok: true; days: DayReading[] } | { ok: false; reason: string }

/**
 * The library evaluates in the process's local zone, so the sample week is built from local
 * components and its intervals are read back as local components: the wall-clock times of the
 * rule, whatever TZ is. An interval that runs past midnight is split at each midnight.
 */
function readWeek(hours: OpeningHours, [year, month, day]: SampleWeek, hasQuotedComments: boolean): WeekReading {
  const from = new Date(year, month - 1, day)
  const to = new Date(year, month - 1, day + 7)
  const days: Partial<Record<Weekday, MinuteInterval[]>> = {}
  for (const [start, end, unknown, comment] of hours.getOpenIntervals(from, to)) {
    // A PH rule's intervals carry the holiday's name as a comment ("Natale di Gesù"): that one is
    // the library's, not the publisher's, and only a value with a quoted string has the latter.
    if (unknown || (comment !== undefined && hasQuotedComments)) {
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
  const monday = weekLabel([year, month, day])
  return { ok: true, days: WEEKDAYS.map((weekday, i) => ({ date: addDays(monday, i), weekday, intervals: mergeIntervals(days[weekday] ?? []) })) }
}

const weekLabel = ([y, m, d]: SampleWeek): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`

const keyOf = (intervals: readonly MinuteInterval[]): string => intervals.map((i) => `${i.start}-${i.end}`).join(',')

/** Strings ("…") are comments: a PH inside one is no rule. */
const mentionsPublicHolidays = (osm: string): boolean => /\bPH\b/.test(osm.replace(/"[^"]*"/g, ''))

/**
 * The weekly schedule read from the ordinary days of the sample weeks: each weekday must read
 * the same in every week where it is not a public holiday.
 */
function weeklyPattern(weeks: ReadonlyArray<{ week: SampleWeek; days: DayReading[] }>): { ok: true; schedule: WeeklySchedule } | { ok: false; reason: string } {
  const firstSeen = new Map<Weekday, { week: SampleWeek; key: string; intervals: MinuteInterval[] }>()
  for (const { week, days } of weeks) {
    for (const day of days) {
      if (isItalianPublicHoliday(day.date)) continue
      const key = keyOf(day.intervals)
      const first = firstSeen.get(day.weekday)
      if (first === undefined) firstSeen.set(day.weekday, { week, key, intervals: day.intervals })
      else if (first.key !== key) {
        return {
          ok: false,
          reason: `the hours of the week of ${weekLabel(week)} differ from the week of ${weekLabel(first.week)} (months or week numbers): not one weekly schedule`,
        }
      }
    }
  }
  // The sample weeks give every weekday ordinary days, so every weekday is in the map.
  const schedule = scheduleFromDayMinutes(Object.fromEntries([...firstSeen].map(([day, seen]) => [day, seen.intervals])))
  const crowded = WEEKDAYS.find((d) => (schedule[d]?.length ?? 0) > MAX_INTERVALS_PER_DAY)
  if (crowded) return { ok: false, reason: `more than ${MAX_INTERVALS_PER_DAY} intervals on ${crowded}` }
  return { ok: true, schedule }
}

/**
 * What the public holidays of the sample weeks say, next to the weekly schedule: closed on every
 * one that falls on an opening day (`PH off`), or the usual hours of its weekday on every one. A
 * holiday on a day that is closed anyway says nothing. Without a PH rule the library opens
 * holidays as ordinary days, and the rule is "not said": the site keeps the registry's default.
 */
function publicHolidaysRule(
  schedule: WeeklySchedule,
  holidays: readonly DayReading[],
  mentionsPH: boolean,
): { ok: true; rule: PublicHolidaysRule | undefined } | { ok: false; reason: string } {
  let closedOn: string | null = null
  let openOn: string | null = null
  for (const holiday of holidays) {
    const usual = keyOf(dayMinutes(schedule, holiday.weekday))
    const read = keyOf(holiday.intervals)
    if (read === usual) {
      if (usual !== '') openOn ??= holiday.date
    } else if (read === '') {
      closedOn ??= holiday.date
    } else {
      return {
        ok: false,
        reason: `the hours of the public holiday ${holiday.date} differ from those of an ordinary ${holiday.weekday} (only PH off or the usual hours fit a weekly schedule)`,
      }
    }
  }
  if (closedOn !== null && openOn !== null) {
    return { ok: false, reason: `closed on the public holiday ${closedOn} but open on ${openOn}: the hours differ between holidays` }
  }
  if (!mentionsPH) {
    if (closedOn !== null) return { ok: false, reason: `the hours of the public holiday ${closedOn} differ from the weekly hours without a PH rule (a date rule?)` }
    return { ok: true, rule: undefined }
  }
  return { ok: true, rule: closedOn !== null ? 'closed' : openOn !== null ? 'open' : undefined }
}

/** A value that says, and only says, that the place never opens: `off`, `closed`, `Mo-Su off`. */
const NEVER_OPEN = /^\s*(?:Mo-Su\s+)?(?:off|closed)\s*$/i

/** Warnings about notation only: `9-13` for `09:00-13:00`, an en dash, `9.00`. The reading is not in doubt. */
const NOTATION_WARNINGS = [
  'Time range without minutes', 'Please use notation "-" for', 'as hour/minute-separator',
  // `Mo-Fr 09:00-13:00;`, `Mo-Fr: 09:00-13:00`, `09:00-13:00h`: punctuation, the reading is the same.
  'This rule does not contain anything useful', 'separator_for_readability', 'Please omit "h"',
]

/**
 * Why the library's lenient reading of a value is a guess, or null when it is not. The library
 * takes other languages' words as it can: Italian `mar 9-13` (Tuesday) is read as March, and
 * `lun-ven 9-13 mar 15-18` loses its Tuesday afternoons, all without an error, so a site showed
 * closed every day. And a time without days is every day in OSM, Sunday included, which an office
 * writing `9-13` seldom means. Where another reader may follow (an Italian text), such values are
 * left to it, or kept as text with a warning.
 */
function guessedReading(osm: string, hours: OpeningHours): string | null {
  let warnings: string[]
  try {
    // The library evaluates the value to warn about it, and throws where it cannot (`SH off`:
    // Italy's school holidays are not in its data): that value is refused, the file read on.
    warnings = hours.getWarnings()
  } catch (error) {
    return `OSM opening_hours could not be evaluated: ${String(error).split('\n')[0]!.slice(0, 160)}`
  }
  const doubt = warnings.find((warning) => !NOTATION_WARNINGS.some((benign) => warning.includes(benign)))
  if (doubt) return `not OSM opening_hours as written: ${doubt.replace(/\s+/g, ' ').slice(0, 160)}`
  const selectors = osm.replace(/"[^"]*"/g, '')
  // A bare "off" is never open, not a time without its days: what the open-data file writes for
  // a site whose every slot was removed, and must read back.
  if (NEVER_OPEN.test(selectors)) return null
  if (!/\b(Mo|Tu|We|Th|Fr|Sa|Su|PH|SH)\b/i.test(selectors) && !selectors.includes('24/7')) return 'no days given: a time alone would be every day, Sunday included'
  return null
}

/**
 * Converts an OSM opening_hours value to a weekly schedule, or says why it cannot: invalid
 * syntax, times that follow the sun, uncertain or commented hours, or hours that change with
 * months or week numbers (not one weekly pattern). Public holidays may close the site (`PH off`
 * gives `publicHolidays: 'closed'`) or keep the usual hours (`publicHolidays: 'open'`); other
 * holiday hours are refused. Without a PH rule `publicHolidays` is left out: OSM would read that
 * as open, but publishers rarely write `PH off`, so the site keeps the registry's default.
 */
export const osmToSchedule = (osm: string): OsmConversion => convert(osm, false)

/**
 * osmToSchedule for a column that also takes other writings (the template's Italian text): a value
 * the library reads only by guessing (guessedReading) is refused, for the next reader to try.
 */
export const osmToScheduleAsWritten = (osm: string): OsmConversion => convert(osm, true)

function convert(osm: string, strict: boolean): OsmConversion {
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
  if (strict) {
    const guessed = guessedReading(osm, hours)
    if (guessed) return { ok: false, reason: guessed }
  }
  const weeks: Array<{ week: SampleWeek; days: DayReading[] }> = []
  for (const week of PLAIN_WEEKLY.test(osm) ? SAMPLE_WEEKS.slice(0, 1) : SAMPLE_WEEKS) {
    let read: WeekReading
    try {
      read = readWeek(hours, week, osm.includes('"'))
    } catch (error) {
      return { ok: false, reason: `OSM opening_hours could not be evaluated: ${String(error).split('\n')[0]}` }
    }
    if (!read.ok) return read
    weeks.push({ week, days: read.days })
  }
  const pattern = weeklyPattern(weeks)
  if (!pattern.ok) return pattern
  // `PH off` alone reads as a week with no opening: as written for the template it says nothing of
  // the week, and stored it would empty the site's hours without a word.
  if (strict && Object.keys(pattern.schedule).length === 0 && !NEVER_OPEN.test(osm)) return { ok: false, reason: 'no opening on any day of the week' }
  const holidays = weeks.flatMap((w) => w.days.filter((d) => isItalianPublicHoliday(d.date)))
  const holidayRule = publicHolidaysRule(pattern.schedule, holidays, mentionsPublicHolidays(osm))
  if (!holidayRule.ok) return holidayRule
  return holidayRule.rule === undefined ? { ok: true, schedule: pattern.schedule } : { ok: true, schedule: pattern.schedule, publicHolidays: holidayRule.rule }
}
