/**
 * Opening-hours logic: pure functions, Europe/Rome, safe for the browser bundle. The OSM
 * converter is deliberately not here: it pulls in the `opening_hours` library (parser, holiday
 * tables), which only the importer and the CSV export need. They import `./osm.ts` directly.
 */
export { addDays, romeInstant, romeOffsetMinutes, toRomeWallClock, weekdayOf, type RomeWallClock } from './rome-time.ts'
export {
  SEARCH_DAYS,
  isOpenAt,
  nextOpening,
  nextStops,
  openingState,
  siteIntervalsOn,
  type DayInterval,
  type HoursTarget,
  type OpeningState,
} from './open-at.ts'
export { LOW_HOURS_THRESHOLD, hoursPerWeek, lowHoursWarning } from './hours-per-week.ts'
export { parseItalianHours, type ItalianHoursParse } from './italian-text.ts'
export { renderEnglishHours, renderItalianHours } from './render-hours.ts'
export { easterSunday, isItalianPublicHoliday, italianPublicHolidays, type PublicHoliday } from './holidays.ts'
export { normalizeSchedule } from './normalize-schedule.ts'
