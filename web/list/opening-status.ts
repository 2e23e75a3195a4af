import { addDays, toRomeWallClock } from '../../shared/hours/rome-time.ts'
import type { PointView } from '../../shared/schemas/point-view.ts'
import { formatDate, romeTime } from '../i18n/format.ts'
import type { Lang, MessageKey, Translate } from '../i18n/messages.ts'

export interface OpeningStatus {
  readonly open: boolean
  readonly text: string
}

/** Below this, "closes in 20 min" says more than "closes at 13:00". */
const CLOSING_SOON_MINUTES = 60
/** Within a week the weekday is enough ("opens Tuesday"); later, the date is clearer. */
const WEEKDAY_HORIZON_DAYS = 6

/**
 * The one line a citizen reads first: open now and until when, or when it opens next. The API
 * computed `open_now`, `closes_at` and `next_opening` at response time; this only words them,
 * with `now` telling "today" from "tomorrow" on Rome's calendar.
 */
export function openingStatus(point: Pick<PointView, 'open_now' | 'closes_at' | 'next_opening'>, now: Date, lang: Lang, t: Translate): OpeningStatus {
  if (point.open_now && point.closes_at) {
    const minutesLeft = Math.ceil((new Date(point.closes_at).getTime() - now.getTime()) / 60_000)
    if (minutesLeft > 0 && minutesLeft <= CLOSING_SOON_MINUTES) return { open: true, text: t('status.closes_in', { minutes: minutesLeft }) }
    return { open: true, text: t('status.open_until', { time: romeTime(point.closes_at) }) }
  }
  if (!point.next_opening) return { open: false, text: t('status.closed') }
  const today = toRomeWallClock(now).date
  const opening = toRomeWallClock(new Date(point.next_opening))
  const time = romeTime(point.next_opening)
  if (opening.date === today) return { open: false, text: t('status.opens_today', { time }) }
  if (opening.date === addDays(today, 1)) return { open: false, text: t('status.opens_tomorrow', { time }) }
  if (opening.date <= addDays(today, WEEKDAY_HORIZON_DAYS)) {
    return { open: false, text: t('status.opens_on', { weekday: t(`day.${opening.weekday}` as MessageKey), time }) }
  }
  return { open: false, text: t('status.opens_date', { date: formatDate(opening.date, lang, { day: 'numeric', month: 'long' }), time }) }
}
