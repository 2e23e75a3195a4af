import { clockTime, shortTime } from '../../shared/hours/render-hours.ts'
import { dateAfterVerb, formatDate } from '../../shared/i18n/format-date.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'

export { clockTime, dateAfterVerb, formatDate, shortTime }
export { formatDistance } from '../../shared/i18n/format-distance.ts'

/** The Rome wall-clock time of an ISO instant: "9:00". */
export const romeTime = (iso: string): string => clockTime(toRomeWallClock(new Date(iso)).minutes)
