import { WEEKDAYS } from '../vocabulary.ts'
import type { PointRecord, Site } from '../schemas/point.ts'
import { dayMinutes, mergeIntervals } from './normalize-schedule.ts'
import { isPoint, type HoursTarget } from './open-at.ts'

/** The programme's norm for one point (PNRR 1.7.2): open about 24 hours a week. */
export const WEEKLY_HOURS_NORM = 24

/**
 * Under this many weekly hours a point with a fixed site gets a data-quality warning, which names
 * the norm: a margin under WEEKLY_HOURS_NORM, so a point a few hours short is not flagged to citizens.
 */
export const LOW_HOURS_THRESHOLD = 20

const isSeasonal = (site: Site): boolean => site.valid_from !== undefined || site.kind === 'seasonal'

/** Weekly open minutes of one site's schedule (overlaps within a day counted once; stops not at all). */
function weeklyMinutes(site: Site): number {
  const schedule = site.opening_hours
  if (!schedule) return 0
  let total = 0
  for (const day of WEEKDAYS) for (const i of mergeIntervals(dayMinutes(schedule, day))) total += i.end - i.start
  return total
}

const roundToHalfHour = (minutes: number): number => Math.round(minutes / 30) / 2

/**
 * Hours per week, rounded to the half hour.
 * - A site: its weekly schedule, in season if it is seasonal. Dated stops are not weekly hours.
 * - A point: the sum over its year-round sites (two sites open at once are two places to go).
 *   Seasonal sites count only when the point has no year-round hours at all; then the point is
 *   worth its best season, the largest of its seasonal sites. So a library open 30 h all year
 *   with a summer beach desk is 30 h, and a beach-only point is its beach hours.
 * Status is ignored: this describes the schedule, not whether the point is running.
 */
export function hoursPerWeek(target: HoursTarget): number {
  if (!isPoint(target)) return roundToHalfHour(weeklyMinutes(target))
  const yearRound = target.sites.filter((s) => !isSeasonal(s)).reduce((sum, s) => sum + weeklyMinutes(s), 0)
  if (yearRound > 0) return roundToHalfHour(yearRound)
  return roundToHalfHour(Math.max(0, ...target.sites.filter(isSeasonal).map(weeklyMinutes)))
}

/**
 * A warning for the operator when a point with a fixed site offers fewer than
 * LOW_HOURS_THRESHOLD hours a week; null otherwise. Never a reason to reject a record. Points
 * whose hours are unknown (no fixed site has a weekly schedule, e.g. unparsed text) get no
 * warning: nothing says they open little.
 */
export function lowHoursWarning(point: PointRecord): { it: string; en: string } | null {
  const fixed = point.sites.filter((s) => s.kind === 'fixed')
  if (!fixed.some((s) => s.opening_hours && WEEKDAYS.some((d) => (s.opening_hours?.[d]?.length ?? 0) > 0))) return null
  const hours = hoursPerWeek(point)
  if (hours >= LOW_HOURS_THRESHOLD) return null
  return {
    // The Italian decimal comma by hand: this runs in every answer, where no ICU formatter is built (a test counts them).
    it: `aperto ${String(hours).replace('.', ',')} ore a settimana: il programma ne prevede circa ${WEEKLY_HOURS_NORM} per punto`,
    en: `open ${hours} hours a week: the programme expects about ${WEEKLY_HOURS_NORM} per point`,
  }
}
