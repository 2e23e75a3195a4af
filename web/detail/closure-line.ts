import type { Lang } from '../../shared/i18n/langs.ts'
import { formatDate } from '../i18n/format.ts'

/**
 * A closure's dates as the detail lists them, before its reason (the registry's text, marked apart):
 * "lunedì 9 agosto – domenica 22 agosto". The year is
 * said when the closure is not this year's (a closure next August, read in December, or one
 * across New Year), so nobody takes it for a date already past.
 */
export function closureDates(closure: { readonly from: string; readonly to: string }, today: string, lang: Lang): string {
  const thisYear = today.slice(0, 4)
  const withYear = closure.from.slice(0, 4) !== thisYear || closure.to.slice(0, 4) !== thisYear
  const options: Intl.DateTimeFormatOptions = withYear ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } : { weekday: 'long', day: 'numeric', month: 'long' }
  return closure.from === closure.to ? formatDate(closure.from, lang, options) : `${formatDate(closure.from, lang, options)} – ${formatDate(closure.to, lang, options)}`
}
