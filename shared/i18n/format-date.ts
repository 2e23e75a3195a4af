import { localeOf, type Lang } from './langs.ts'

/** A calendar date (YYYY-MM-DD, a Rome date) in words: "giovedì 28 novembre". */
export function formatDate(date: string, lang: Lang, options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' }): string {
  // The date is already Rome's; format it at UTC midnight so no zone can shift the day.
  return new Intl.DateTimeFormat(localeOf(lang), { ...options, timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`))
}
