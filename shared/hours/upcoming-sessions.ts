import type { Stop } from '../schemas/hours.ts'
import type { Site } from '../schemas/point.ts'
import { formatTimeOfDay } from './normalize-schedule.ts'
import { siteSessionsOn } from './open-at.ts'
import { addDays, toRomeWallClock } from './rome-time.ts'

/**
 * The next sessions of a mobile unit's site as dated stops, whether the site declares them one by
 * one (`stops`) or as a weekly round ("Tuesdays 9–12:30 in Vinci"): a citizen asks "when is the
 * van next here?", not how the timetable is written. Seasons, closures and national holidays
 * apply, since the sessions come from the same intervals as "open now".
 */
export function upcomingSessions(at: Date, site: Site, { days = 14, limit = 5 }: { days?: number; limit?: number } = {}): Stop[] {
  const now = toRomeWallClock(at)
  const sessions: Stop[] = []
  const weeklyPlace = site.location
    ? { label: site.label, location: site.location, ...(site.comune?.istat ? { comune_istat: site.comune.istat } : {}) }
    : undefined
  for (let offset = 0; offset < days && sessions.length < limit; offset++) {
    const date = addDays(now.date, offset)
    for (const interval of siteSessionsOn(site, date)) {
      if (offset === 0 && interval.end <= now.minutes) continue
      const place = interval.place ?? weeklyPlace
      if (!place) continue
      sessions.push({ date, start: formatTimeOfDay(interval.start), end: formatTimeOfDay(interval.end), place })
    }
  }
  return sessions.slice(0, limit)
}
