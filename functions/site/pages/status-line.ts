import { closingWallClock } from '../../../shared/hours/closing-wall-clock.ts'
import { nextOpening, openingState } from '../../../shared/hours/open-at.ts'
import { clockTime } from '../../../shared/hours/render-hours.ts'
import { toRomeWallClock } from '../../../shared/hours/rome-time.ts'
import { dateAfterVerb, formatDate } from '../../../shared/i18n/format-date.ts'
import type { PointRecord, Site } from '../../../shared/schemas/point.ts'
import { siteInStatus } from '../../../shared/text/site-in-status.ts'
import { hasKnownHours } from '../../../shared/hours/known-hours.ts'
import { registryTextLang } from '../../../shared/i18n/registry-text-lang.ts'
import type { Lang } from '../../../shared/i18n/langs.ts'
import { html, type Html } from './html.ts'
import type { PointPageContext } from './point-page.ts'

/** A status line quotes hours published as text up to this length (they run to 2,000 characters); the site's section has them whole. */
const PUBLISHED_MAX = 160

/**
 * "Aperto ora · chiude alle 13:00" or "Chiuso ora · apre …"; `asOf` adds the instant it was true at
 * (the point's own page, cached for minutes). A point with several sites names the one the line
 * speaks of: "Aperto ora" under a page whose first site is a closed library sent people to it
 * while only a hall in the next comune was open.
 */
export function statusLine(point: PointRecord, context: PointPageContext, { asOf = false, at }: { asOf?: boolean; at?: Site } = {}): Html {
  const { t, lang, now } = context
  if (point.status === 'suspended') return html`<p class="pv-page__status">${t('status.suspended')}</p>`
  if (point.status === 'closed') return html`<p class="pv-page__status">${t('status.closed_permanently')}</p>`
  const when = asOf ? ` (${asOfText(context)})` : ''
  // `at`: the line speaks of that site only (a card naming its place and distance), not of the
  // point's earliest-opening site, which may be a desk in another comune.
  const pointState = at ? null : openingState(now)(point)
  const named = pointState?.site ? siteInStatus(point, pointState.site, context.comuneName) : null
  // A site named: its own times (another site may go on after it closes, back to back).
  const target = at ?? (named ? pointState!.site! : point)
  const state = pointState && !named ? pointState : openingState(now)(target)
  const site = named ? ` · ${named}` : ''
  if (state.open) return html`<p class="pv-page__status pv-page__status--open">${t('pages.open_now')}${when} · ${closesText(state.closesAt, context)}${site}</p>`
  const next = nextOpening(now)(target)
  if (!next) {
    // Hours no one could read are quoted as published, and missing ones send to the contacts, as
    // the locator does: never "Chiuso ora" over seven days "chiuso" ("solo su appuntamento…").
    const sites = at ? [at] : point.sites
    const unread = sites.find((s) => s.opening_hours_unparsed && s.opening_hours_source?.trim())
    if (unread) return html`<p class="pv-page__status">${asPublished(point, unread, context, PUBLISHED_MAX)}</p>`
    if (!sites.some(hasKnownHours)) return html`<p class="pv-page__status">${t('status.no_hours')}</p>`
  }
  const nextText = next ? ` · ${t('pages.opens', { date: formatDate(toRomeWallClock(next).date, lang), time: clockTime(toRomeWallClock(next).minutes) })}${site}` : ''
  return html`<p class="pv-page__status">${t('pages.closed_now')}${when}${nextText}</p>`
}

/**
 * "Orari come pubblicati: solo su appuntamento…", the text marked as the registry's language (a
 * screen reader reads it in Italian on a German page), cut at `max` characters when given.
 */
export function asPublished(point: PointRecord, site: Site, { t, lang }: PointPageContext, max = Infinity): Html {
  const source = site.opening_hours_source?.trim() ?? ''
  const quoted = source.length > max ? `${source.slice(0, max - 1).trimEnd()}…` : source
  return markedRegistryText(t('status.hours_as_published', { text: quoted }), quoted, point, lang)
}

/**
 * A translated sentence holding a registry text (hours as published, a closure's reason), the text
 * marked in the registry's language (registryTextLang), as the locator's statusContent does.
 */
export function markedRegistryText(sentence: string, text: string, point: PointRecord, lang: Lang): Html {
  const at = sentence.indexOf(text)
  const marked = registryTextLang(point.comune, lang)
  if (at < 0 || !marked) return html`${sentence}`
  return html`${sentence.slice(0, at)}<span lang="${marked}">${text}</span>${sentence.slice(at + text.length)}`
}

/** "alle 12:04 del 7 dicembre" ("dell'8"): the moment a page's open and closed were computed, for a copy read later from a cache. */
export function asOfText({ t, lang, now }: PointPageContext): string {
  const wall = toRomeWallClock(now)
  return t('pages.as_of', { time: clockTime(wall.minutes), date: dateAfterVerb(wall.date, lang, { day: 'numeric', month: 'long' }, 'di') })
}

/** "chiude alle 13:00" today; another day named: "chiude sabato 5 dicembre alle 24:00" (closingWallClock). */
function closesText(closesAt: Date, { t, lang, now }: PointPageContext): string {
  const { date, time } = closingWallClock(closesAt)
  return date === toRomeWallClock(now).date ? t('pages.closes', { time }) : t('pages.closes_on', { date: formatDate(date, lang), time })
}
