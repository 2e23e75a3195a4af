/** Opening-hours logic: pure functions, Europe/Rome, safe for the browser bundle. */
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
export { osmToSchedule, scheduleToOsm, type OsmConversion } from './osm.ts'
export { parseItalianHours, type ItalianHoursParse } from './italian-text.ts'
export { renderEnglishHours, renderItalianHours } from './render-hours.ts'
export { easterSunday, italianPublicHolidays, type PublicHoliday } from './holidays.ts'
export { normalizeSchedule } from './normalize-schedule.ts'
