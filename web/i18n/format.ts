import { clockTime, shortTime } from '../../shared/hours/render-hours.ts'
import { formatDate } from '../../shared/i18n/format-date.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'
import type { Lang } from '../../shared/i18n/langs.ts'

export { clockTime, formatDate, shortTime }
export { formatDistance } from '../../shared/i18n/format-distance.ts'



/** The Rome wall-clock time of an ISO instant: "9:00". */
export const romeTime = (iso: string): string => clockTime(toRomeWallClock(new Date(iso)).minutes)


/**
 * A date to follow a verb, with Italian's article: "il 15 dicembre", "l'8 dicembre", "l'11 dicembre",
 * "il 1° dicembre" (English needs none: "15 December"). Without it the page wrote "apre il 8 dicembre".
 */
export function dateAfterVerb(date: string, lang: Lang, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long' }): string {
  const formatted = formatDate(date, lang, options)
  if (lang !== 'it') return formatted
  const day = Number(date.slice(8, 10))
  if (day === 1) return `il ${formatted.replace(/^1(?=\s)/, '1°')}`
  return day === 8 || day === 11 ? `l'${formatted}` : `il ${formatted}`
}
