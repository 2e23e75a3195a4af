import { h, type Child } from '../dom/h.ts'
import { registryTextLang } from '../../shared/i18n/registry-text-lang.ts'
import { hasKnownHours } from '../../shared/hours/known-hours.ts'
import { toRomeWallClock, weekdayOf } from '../../shared/hours/rome-time.ts'
import { closingWallClock } from '../../shared/hours/closing-wall-clock.ts'
import type { PointView } from '../../shared/schemas/point-view.ts'
import { dateAfterVerb, romeTime } from '../i18n/format.ts'
import type { MessageKey, Translate } from '../../shared/i18n/messages.ts'
import type { Lang } from '../../shared/i18n/langs.ts'
import { relativeDay } from '../i18n/relative-day.ts'

/**
 * `open` and `closed` are facts computed from a known schedule; `unknown` means the registry
 * cannot say (hours published as text it could not read, or no hours at all), and the page must
 * not paint that as closed. `inactive` is a point suspended or closed for good: whatever its
 * schedule says, nobody is there.
 */
export type OpeningTone = 'open' | 'closed' | 'unknown' | 'inactive'

export interface OpeningStatus {
  readonly tone: OpeningTone
  readonly text: string
  /** The registry's own words inside `text` (hours as published), for a page to mark their language. */
  readonly quoted?: string
}

export type OpeningStatusInput = Pick<PointView, 'status' | 'open_now' | 'closes_at' | 'next_opening' | 'sites' | 'opening_hours_text' | 'opening_hours_text_en'>

export interface OpeningStatusOptions {
  /** The list shortens hours published as free text (they can run to 2,000 characters); the detail shows them whole. */
  readonly publishedMaxLength?: number
}

/** Below this, "closes in 20 min" says more than "closes at 13:00". */
export const CLOSING_SOON_MINUTES = 60

const shorten = (text: string, max: number | undefined): string => (max !== undefined && text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text)

/**
 * The one line a citizen reads first: open now and until when, or when it opens next. The API
 * computed `open_now`, `closes_at` and `next_opening` at response time; this only words them,
 * with `now` telling "today" from "tomorrow" on Rome's calendar. "Closed" is said only when the
 * schedule is known: unreadable hours are quoted as published, missing ones send the citizen to
 * the point's contacts. A suspended or closed point says that, and nothing about hours.
 */
export function openingStatus(point: OpeningStatusInput, now: Date, lang: Lang, t: Translate, options: OpeningStatusOptions = {}): OpeningStatus {
  // The API hides these by default, but a shared link still opens them: say so before any hours.
  if (point.status === 'suspended') return { tone: 'inactive', text: t('status.suspended') }
  if (point.status === 'closed') return { tone: 'inactive', text: t('status.closed_permanently') }
  if (point.open_now && point.closes_at) {
    const minutesLeft = Math.ceil((new Date(point.closes_at).getTime() - now.getTime()) / 60_000)
    if (minutesLeft > 0 && minutesLeft <= CLOSING_SOON_MINUTES) return { tone: 'open', text: t('status.closes_in', { minutes: minutesLeft }) }
    const closing = closingWords(point.closes_at, now, now, lang, t)
    return { tone: 'open', text: closing.sameDay ? t('status.open_until', { time: closing.time }) : t('status.open_until_when', { when: closing.when }) }
  }
  if (point.next_opening) return { tone: 'closed', text: nextOpeningText(point.next_opening, now, lang, t) }
  if (point.sites.some((site) => site.opening_hours_unparsed)) {
    const published = shorten(lang === 'en' ? point.opening_hours_text_en : point.opening_hours_text, options.publishedMaxLength)
    // The registry's own words, where the line holds them whole: the point's text may wrap them in
    // English ("15 Jun to 15 Sep: …") or name several sites, which are not Italian.
    const source = point.sites.find((site) => site.opening_hours_unparsed)?.opening_hours_source?.trim()
    return { tone: 'unknown', text: t('status.hours_as_published', { text: published }), ...(source && published.includes(source) ? { quoted: source } : {}) }
  }
  if (!point.sites.some(hasKnownHours)) return { tone: 'unknown', text: t('status.no_hours') }
  return { tone: 'closed', text: t('status.closed') }
}

/** When an opening is, in the words of the status line: "oggi alle 15:00", "mercoledì alle 15:00". */
export function whenText(instant: string, now: Date, lang: Lang, t: Translate): string {
  return whenOnDay(toRomeWallClock(new Date(instant)).date, romeTime(instant), now, lang, t)
}

function whenOnDay(date: string, time: string, now: Date, lang: Lang, t: Translate): string {
  switch (relativeDay(date, toRomeWallClock(now).date).kind) {
    case 'today':
      return t('when.today', { time })
    case 'tomorrow':
      return t('when.tomorrow', { time })
    case 'weekday':
      // The weekday as the language says "on Saturday" (Slovene: "v soboto", not "sobota").
      return t('when.weekday', { weekday: t(`day_on.${weekdayOf(date)}` as MessageKey), time })
    case 'date':
      return t('when.date', { date: dateAfterVerb(date, lang), time })
  }
}

/**
 * When an opening ends, in the status line's words (closingWallClock: 00:00 is the day before's
 * 24:00). A closing on another day than `reference`'s (now, or the time the citizen chose) names its
 * day: "chiude sabato alle 24:00", not "chiude alle 0:00".
 */
export function closingWords(closesAt: string, reference: Date, now: Date, lang: Lang, t: Translate): { sameDay: boolean; time: string; when: string } {
  const { date, time } = closingWallClock(new Date(closesAt))
  return { sameDay: date === toRomeWallClock(reference).date, time, when: whenOnDay(date, time, now, lang, t) }
}

function nextOpeningText(nextOpening: string, now: Date, lang: Lang, t: Translate): string {
  const opening = toRomeWallClock(new Date(nextOpening))
  const time = romeTime(nextOpening)
  switch (relativeDay(opening.date, toRomeWallClock(now).date).kind) {
    case 'today':
      return t('status.opens_today', { time })
    case 'tomorrow':
      return t('status.opens_tomorrow', { time })
    case 'weekday':
      return t('status.opens_on', { weekday: t(`day_on.${opening.weekday}` as MessageKey), time })
    case 'date':
      return t('status.opens_date', { date: dateAfterVerb(opening.date, lang), time })
  }
}

/**
 * A status line's content: its text, with the registry's own words in it (hours as published)
 * marked in their language for a screen reader (registryTextLang), not read in the page's voice.
 */
export function statusContent(status: OpeningStatus, point: Pick<PointView, 'comune'>, lang: Lang): Child[] {
  const marked = status.quoted ? registryTextLang(point.comune, lang) : null
  const at = marked ? status.text.indexOf(status.quoted!) : -1
  if (at < 0) return [status.text]
  return [status.text.slice(0, at), h('span', { lang: marked }, status.quoted!), status.text.slice(at + status.quoted!.length)]
}
