import type { WeeklySchedule, Weekday } from '../schemas/hours.ts'
import type { Site } from '../schemas/point.ts'
import { WEEKDAYS } from '../vocabulary.ts'
import { groupDaysWithSameHours, weekdayRuns } from './group-days.ts'
import { formatTimeOfDay } from './normalize-schedule.ts'

/**
 * Writing a WeeklySchedule in OpenStreetMap's `opening_hours` syntax. Apart from osm.ts, which
 * reads it with the `opening_hours` library (~750 KB): the exports only write, and should not
 * carry the library into the indexer's cold start.
 */

/** What a site does on Italian public holidays (see `Site.public_holidays`). */
export type PublicHolidaysRule = NonNullable<Site['public_holidays']>

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
 * Sa 09:00-12:00`), each day in one rule only, "off" when never open. With `publicHolidays`
 * the holiday rule is written too, in the forms osmToSchedule reads back: `; PH off` when
 * closed, and when open the same rules restricted to holidays (`; PH Mo-Fr 09:00-13:00`), since
 * OSM has no shorter way to say "as on any other day" that stays distinct from saying nothing.
 * A schedule that never opens is "off" whatever the holidays.
 */
export function scheduleToOsm(schedule: WeeklySchedule, publicHolidays?: PublicHolidaysRule): string {
  const rules = groupDaysWithSameHours(schedule).map(
    (g) => `${osmDays(g.days)} ${g.intervals.map((i) => `${formatTimeOfDay(i.start)}-${formatTimeOfDay(i.end)}`).join(',')}`,
  )
  if (rules.length === 0) return 'off'
  if (publicHolidays === 'closed') return [...rules, 'PH off'].join('; ')
  if (publicHolidays === 'open') return [...rules, ...rules.map((rule) => `PH ${rule}`)].join('; ')
  return rules.join('; ')
}
