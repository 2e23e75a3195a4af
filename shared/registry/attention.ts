import { hoursPerWeek, WEEKLY_HOURS_NORM } from '../hours/hours-per-week.ts'
import type { PointRecord } from '../schemas/point.ts'

/**
 * What needs an operator's attention on a point, as the console's list shows it: reports from
 * citizens still open, data not verified for 90 days, fewer weekly hours than the programme's
 * ~24-hour norm, hours the registry could not read. Pure: the write API computes it for the
 * list, tests check it against the records.
 */
export const ATTENTION_REASONS = ['open_reports', 'not_verified', 'under_24h', 'unreadable_hours'] as const
export type AttentionReason = (typeof ATTENTION_REASONS)[number]

export const VERIFY_EVERY_DAYS = 90

export function attentionOf(point: PointRecord, { now, openReports }: { now: Date; openReports: number }): AttentionReason[] {
  const reasons: AttentionReason[] = []
  if (openReports > 0) reasons.push('open_reports')
  // A closed point serves no one: nothing of it is checked, only what citizens still report.
  if (point.status === 'closed') return reasons
  const verified = point.last_verified_at ? Date.parse(point.last_verified_at) : Number.NaN
  if (!(now.getTime() - verified <= VERIFY_EVERY_DAYS * 86_400_000)) reasons.push('not_verified')
  if (point.status === 'active' && hoursPerWeek(point) < WEEKLY_HOURS_NORM) reasons.push('under_24h')
  if (point.sites.some((s) => s.opening_hours_unparsed)) reasons.push('unreadable_hours')
  return reasons
}
