import { labelColon } from '../../../shared/i18n/label-colon.ts'
import { shortTime } from '../../../shared/hours/render-hours.ts'
import { addDays, toRomeWallClock } from '../../../shared/hours/rome-time.ts'
import { upcomingSessions } from '../../../shared/hours/upcoming-sessions.ts'
import type { ComuneRef, PointRecord, Site } from '../../../shared/schemas/point.ts'
import { pointPath } from '../../../shared/text/page-paths.ts'
import { postalLine } from '../../../shared/text/postal-line.ts'
import { isWebAddress } from '../../../shared/text/web-address.ts'
import { formatDate } from '../../../shared/i18n/format-date.ts'
import { seasonRange } from '../../../shared/i18n/season-range.ts'
import { chosenLangQuery, type Lang } from '../../../shared/i18n/langs.ts'
import { html, jsonForScript, type Html } from './html.ts'
import type { PagesTranslate } from './page-messages.ts'
import { pageShell } from './page-shell.ts'
import { pointJsonLd } from './point-json-ld.ts'
import { breadcrumb, comunePath, PROVINCE_BY_SIGLA, provincePath, regionPath } from './territory-paths.ts'
import { REGIONS } from '../../../shared/gazetteer/admin-units.ts'
import { registryTextLang } from '../../../shared/i18n/registry-text-lang.ts'
import { asPublished, markedRegistryText, statusLine } from './status-line.ts'
import { dayPlanWords } from '../../../shared/i18n/day-plan-words.ts'
import { nextDays, type DayPlan } from '../../../shared/hours/next-days.ts'
import { hasKnownHours } from '../../../shared/hours/known-hours.ts'
import { DEMO_DATASET, WEEKDAYS } from '../../../shared/vocabulary.ts'
import { hasWeeklyHours } from '../../../shared/geo/site-places.ts'
import { pointCard } from './point-card.ts'
import { queryNearest } from '../../../shared/geo/query.ts'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'

/**
 * `/punti/{id}/{slug}`: one point as a complete HTML page, for search engines, link previews and
 * anyone without JavaScript (issue 14): the same facts as the locator's detail — where, whether
 * it is open now, each site's next seven days with dates, a van's next stops, services, booking,
 * contacts, directions — with the point's schema.org JSON-LD.
 */

export interface PointPageContext {
  readonly lang: Lang
  readonly t: PagesTranslate
  /** The site's origin, e.g. https://puntovicino.example (canonical URLs are absolute). */
  readonly origin: string
  readonly now: Date
  /** A comune as this page's language names it ("Bozen" on a German page): see comuneNameIn. */
  readonly comuneName: (comune: Pick<ComuneRef, 'istat' | 'name' | 'alt_name'>) => string
}

/** Active points offered on a suspended or closed point's page, instead of a dead end. */
const ALTERNATIVES = 5

export function renderPointPage(point: PointRecord, context: PointPageContext, snapshot: Snapshot): string {
  const { t, lang, now } = context
  const canonical = `${context.origin}${pointPath(point)}`
  const today = toRomeWallClock(now).date
  const comune = context.comuneName(point.comune)
  const active = point.status === 'active'
  const where = point.region && point.province ? t('pages.where', { comune, province: point.province, region: point.region.name }) : comune
  const main = html`
<article class="pv-page" data-point-id="${point.id}" data-point-name="${point.name}">
  ${trail(point, context)}
  <h1 class="page-title">${point.name}</h1>
  <p class="pv-page__where">${where}</p>
  ${point.source.dataset === DEMO_DATASET ? html`<p class="pv-page__demo">${t('pages.demo')}</p>` : ''}
  ${statusLine(point, context, { asOf: true })}
  ${alternatives(point, snapshot, context)}
  ${point.description ? html`<p${registryLang(point, lang)}>${point.description}</p>` : ''}
  <p>${t('pages.operator', { operator: point.operator.name })}</p>
  ${point.sites.map((site) => siteSection(point, site, today, context))}
  <section aria-labelledby="servizi"><h2 id="servizi">${t('pages.services')}</h2>
    <ul>${point.services.map((service) => html`<li>${t(`service.${service}`)}</li>`)}</ul>
    ${point.topics.length > 0 ? html`<h3>${t('pages.topics')}</h3><ul class="pv-page__topics">${point.topics.map((topic) => html`<li>${t(`topic.${topic}`)}</li>`)}</ul>` : ''}
  </section>
  ${accessSection(point, context)}
  <section aria-labelledby="contatti"><h2 id="contatti">${t('pages.contacts')}</h2>
    ${active ? html`<p>${t(`pages.booking.${point.booking}`)}</p>` : ''}
    <ul class="pv-page__links">
      ${active && isWebAddress(point.booking_url) ? html`<li><a href="${point.booking_url}" rel="nofollow">${t('pages.booking_online')}</a></li>` : ''}
      ${point.contacts.phone ? html`<li>${t('pages.phone')}${labelColon(lang)}<a href="tel:${point.contacts.phone.replace(/[^+\d]/g, '')}">${point.contacts.phone}</a></li>` : ''}
      ${point.contacts.email ? html`<li>${t('pages.email')}${labelColon(lang)}<a href="mailto:${point.contacts.email}">${point.contacts.email}</a></li>` : ''}
      ${isWebAddress(point.contacts.website) ? html`<li><a href="${point.contacts.website}" rel="nofollow">${t('pages.website')}</a></li>` : ''}
    </ul>
  </section>
  <p class="pv-page__actions"><a href="/?point=${point.id}${chosenLangQuery(lang, '&')}">${t('pages.locator')}</a> · <a href="/?point=${point.id}${chosenLangQuery(lang, '&')}#segnala">${t('pages.report')}</a></p>
</article>`
  // A link shared months ago, or a search result, must say at once that the point is not open.
  const title = t(point.status === 'active' ? 'pages.point_title' : `pages.point_title_${point.status}`, { name: point.name, comune })
  const description = t(point.status === 'active' ? 'pages.point_description' : `pages.point_description_${point.status}`, { name: point.name, comune })
  // A closed point keeps its page (links to it still answer) but is not offered to search engines.
  return pageShell({ lang, title, description, canonical, jsonLd: jsonForScript(pointJsonLd(point, { url: canonical, today })), noIndex: point.status === 'closed', script: '/point-page.js' }, main, t)
}

/**
 * A suspended or closed point's page leads on: the nearest active points to its first place, as
 * the comune pages list them. People who follow an old link are the ones who need another point.
 */
function alternatives(point: PointRecord, snapshot: Snapshot, context: PointPageContext): Html | string {
  const from = point.sites.find((site) => site.location)?.location
  if (point.status === 'active' || !from) return ''
  const hits = queryNearest(snapshot, from, {}, { limit: ALTERNATIVES })
  if (hits.length === 0) return ''
  return html`<section aria-labelledby="alternative"><h2 id="alternative">${context.t('pages.alternatives')}</h2>
    <ul class="pv-page__cards">${hits.map((hit) => pointCard(hit, context))}</ul>
  </section>`
}

/** Whether the entrance has steps, the access notes and the languages spoken: what the locator's detail says, for a citizen who uses a wheelchair or speaks another language. */
function accessSection(point: PointRecord, { t, lang }: PointPageContext): Html {
  const stepFree = point.accessibility.step_free
  const languages = new Intl.DisplayNames([lang], { type: 'language' })
  return html`<section aria-labelledby="accessibilita"><h2 id="accessibilita">${t('detail.access')}</h2>
    <p>${t(stepFree === true ? 'detail.step_free' : stepFree === false ? 'detail.not_step_free' : 'detail.step_free_unknown')}</p>
    ${point.accessibility.notes ? html`<p${registryLang(point, lang)}>${point.accessibility.notes}</p>` : ''}
    ${point.languages.length > 0 ? html`<p>${t('detail.languages')}${labelColon(lang)}${point.languages.map((code) => languages.of(code) ?? code).join(', ')}</p>` : ''}
  </section>`
}

/** Up to the point's comune, province and region pages (an Italian point's): the way back from a search result. */
function trail(point: PointRecord, context: PointPageContext): Html | string {
  const province = point.province ? PROVINCE_BY_SIGLA.get(point.province) : undefined
  if (!point.region || !point.province || !province || point.comune.istat === null) return ''
  return breadcrumb(context, [
    [regionPath(point.region.istat), REGIONS[point.region.istat]!],
    [provincePath(point.province), province.name],
    [comunePath({ name: point.comune.name, province: point.province }), context.comuneName(point.comune)],
  ])
}

/**
 * The registry's texts are written in Italian (German too in South Tyrol, and so on): on a page in
 * another language they say so, for a screen reader to read them as Italian (WCAG 3.1.2), as the
 * locator's detail does.
 */
const registryLang = (point: PointRecord, lang: Lang): Html => (registryTextLang(point.comune, lang) ? html` lang="it"` : html``)

/** "Via Cavour 28, 39012 Meran": the site's street and CAP, and its own comune (a site may be in another comune than its point). */
function placeLine(point: PointRecord, site: Site, street: string | null, context: PointPageContext): string {
  return postalLine(street, site.address?.postcode, context.comuneName(site.comune ?? point.comune))
}

/**
 * One of the next seven days as the locator's detail words it: its hours, or why there are none
 * (a national holiday and its name, a closure and its reason, out of season). A bare "chiuso"
 * left a reader of the page, or of a search result, to guess at 8 December or at Christmas week.
 */
function dayWords(plan: DayPlan, point: PointRecord, { t, lang }: PointPageContext): Html | string {
  const { text, reason } = dayPlanWords(plan, t, labelColon(lang))
  return reason ? markedRegistryText(text, reason, point, lang) : text
}

/**
 * The site's usual week (a seasonal site's, in its season), day by day. The dated table covers the
 * next seven days only: a copy read later, or a seasonal desk out of season (seven days "chiuso"),
 * said nothing of the hours themselves, which only the JSON-LD carried.
 */
function usualWeek(site: Site, { t }: PointPageContext): Html | string {
  const week = site.opening_hours
  if (!week || !hasWeeklyHours(site)) return ''
  return html`<table class="pv-page__week pv-page__usual">
    <caption>${t(site.kind === 'seasonal' ? 'pages.usual_week_season' : 'pages.usual_week')}</caption>
    <thead><tr><th scope="col">${t('pages.day')}</th><th scope="col">${t('pages.hours')}</th></tr></thead>
    <tbody>${WEEKDAYS.map((day) => {
      const intervals = week[day] ?? []
      return html`<tr><th scope="row">${t(`day.${day}`)}</th><td>${intervals.length === 0 ? t('pages.closed') : intervals.map((i) => `${shortTime(i.start)}–${shortTime(i.end)}`).join(', ')}</td></tr>`
    })}</tbody>
  </table>`
}

function siteSection(point: PointRecord, site: Site, today: string, context: PointPageContext): Html {
  const { t, lang, now } = context
  // Ids are free text (spaces, anything): the heading's id is made of its position instead.
  const id = `sede-${point.sites.indexOf(site) + 1}`
  const address = site.address?.street ?? (site === point.sites[0] ? point.address.street : null)
  // A suspended or closed point opens nowhere, whatever its sites' hours say: no table, no stops.
  const active = point.status === 'active'
  const days = active ? Array.from({ length: 7 }, (_, offset) => addDays(today, offset)) : []
  const stops = active && site.kind === 'mobile' ? upcomingSessions(now, site, { days: 14, limit: 8 }) : []
  return html`
<section aria-labelledby="${id}" class="pv-page__site">
  <h2 id="${id}">${site.kind === 'online' ? t('pages.online') : site.label}</h2>
  <p>${t(`kind.${site.kind}`)}${site.kind === 'online' ? '' : html` · ${placeLine(point, site, address, context)}`}</p>
  ${site.kind === 'seasonal' && site.valid_from && site.valid_to ? html`<p class="pv-page__season">${t('kind.season', seasonRange(site.valid_from, site.valid_to, lang))}</p>` : ''}
  ${site.location ? html`<p><a href="https://www.openstreetmap.org/directions?to=${site.location.lat}%2C${site.location.lon}" rel="nofollow">${t('pages.directions')}</a></p>` : ''}
  ${days.length > 0 && site.opening_hours_unparsed && site.opening_hours_source?.trim() ? html`<p class="pv-page__published">${asPublished(point, site, context)}</p>` : ''}
  ${days.length > 0 && !hasKnownHours(site) && !site.opening_hours_unparsed ? html`<p>${t('status.no_hours')}</p>` : ''}
  ${days.length === 0 || !hasKnownHours(site) ? '' : html`<table class="pv-page__week">
    <caption>${t('pages.this_week')}</caption>
    <thead><tr><th scope="col">${t('pages.day')}</th><th scope="col">${t('pages.hours')}</th></tr></thead>
    <tbody>${nextDays(site, today).map((plan) => html`<tr><th scope="row">${formatDate(plan.date, lang)}</th><td>${dayWords(plan, point, context)}</td></tr>`)}</tbody>
  </table>`}
  ${active ? usualWeek(site, context) : ''}
  ${stops.length > 0 ? html`<h3>${t('pages.next_stops')}</h3><ul>${stops.map((stop) => html`<li>${formatDate(stop.date, lang)} ${shortTime(stop.start)}–${shortTime(stop.end)}${labelColon(lang)}${stop.place.label}</li>`)}</ul>` : ''}
</section>`
}
