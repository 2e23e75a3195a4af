import { addDays, weekdayOf } from '../../shared/hours/rome-time.ts'
import { formatDate } from './format.ts'
import type { MessageKey, Translate } from '../../shared/i18n/messages.ts'
import type { Lang } from '../../shared/i18n/langs.ts'

/** Within a week the weekday is enough ("opens Tuesday"); later, the date is clearer. */
const WEEKDAY_HORIZON_DAYS = 6

export type RelativeDay = { readonly kind: 'today' } | { readonly kind: 'tomorrow' } | { readonly kind: 'weekday' } | { readonly kind: 'date' }

/**
 * How far a Rome date is from `today` (also a Rome date, YYYY-MM-DD), in the steps people speak
 * in: today, tomorrow, a weekday within the week, else a date. The status line and a mobile
 * unit's next stop both use it, so the two never word the same day differently.
 */
export function relativeDay(date: string, today: string): RelativeDay {
  if (date === today) return { kind: 'today' }
  if (date === addDays(today, 1)) return { kind: 'tomorrow' }
  if (date > today && date <= addDays(today, WEEKDAY_HORIZON_DAYS)) return { kind: 'weekday' }
  return { kind: 'date' }
}

/** The day alone, in words: "oggi", "domani", "venerdì", "martedì 15 dicembre". */
export function dayWords(date: string, today: string, lang: Lang, t: Translate): string {
  const kind = relativeDay(date, today).kind
  if (kind === 'today') return t('day.today')
  if (kind === 'tomorrow') return t('day.tomorrow')
  if (kind === 'weekday') return t(`day.${weekdayOf(date)}` as MessageKey)
  return formatDate(date, lang)
}
