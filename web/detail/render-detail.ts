import { labelColon } from '../../shared/i18n/label-colon.ts'
import { dayPlanWords } from '../../shared/i18n/day-plan-words.ts'
import { registryTextLang } from '../../shared/i18n/registry-text-lang.ts'
import { WEEKDAYS } from '../../shared/vocabulary.ts'
import { isWebAddress } from '../../shared/text/web-address.ts'
import type { PointView } from '../../shared/schemas/point-view.ts'
import type { Site } from '../../shared/schemas/point.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'
import { h, type Child } from '../dom/h.ts'
import { dateAfterVerb, formatDate, shortTime } from '../i18n/format.ts'
import { seasonRange } from '../../shared/i18n/season-range.ts'
import type { MessageKey } from '../../shared/i18n/messages.ts'
import { demoBadge } from '../list/demo-badge.ts'
import { hasKnownHours } from '../../shared/hours/known-hours.ts'
import { addressLine, cardStatus, kindLabel, otherSiteNote, primarySite, roundStop, shownPlaceLine, shownSiteLabel } from '../list/point-summary.ts'
import type { ViewContext } from '../locator/view-context.ts'
import { citizenNotes } from './citizen-notes.ts'
import { closureDates } from './closure-line.ts'
import { directionsHref, platformOf, type Platform } from './directions.ts'
import { nextDays, type DayPlan } from '../../shared/hours/next-days.ts'
import { holidayNote } from './holiday-note.ts'
import { publishedHours } from './published-hours.ts'
import { reportBlock, type ReportHandlers } from './report-form.ts'
import { weekCaveat } from './week-caveat.ts'

export interface DetailHandlers {
  readonly back: () => void
  /** The address of this view, for the share link. */
  readonly shareUrl: string
  /**
   * The locator is on another site (a widget, or our page in a host's iframe): the share link, to
   * our full page, opens a new tab. In a frame it could not open in place: the page refuses framing.
   */
  readonly onAnotherSite?: boolean
  /** Where the citizen searched from (a comune or their rounded position): the start of a route. */
  readonly origin?: { lat: number; lon: number } | null
  /** Which maps app directions should open; read from the browser when absent. */
  readonly platform?: Platform
  /** "Segnala un errore": how to file and check reports (absent: no report block). */
  readonly report?: ReportHandlers
  /** The point's iCalendar file (`/v1/points/{id}.ics`), for "Aggiungi al calendario". */
  readonly calendarUrl?: string
}

const UPCOMING_CLOSURES = 5

const section = (title: string, ...children: Child[]) => h('section', { class: 'pv-detail__section' }, h('h3', {}, title), ...children)

/**
 * The week of one site, Monday first, today's row marked for eyes (bold, label) and for screen
 * readers (aria-current), then what happens on national public holidays; on a holiday the site
 * keeps, today's row says so instead of showing hours that do not apply. Out of season, or for a
 * point suspended or closed, the week is said not to apply now and no row is marked as today.
 */
function weekTable(point: PointView, site: Site, context: ViewContext): HTMLElement | null {
  // A site without a readable weekly opening gets no week of "chiuso" rows: that would claim closed.
  if (!site.opening_hours || !hasKnownHours({ ...site, stops: [] })) return null
  const { t, lang } = context
  const now = toRomeWallClock(context.now())
  const caveat = weekCaveat(point, site, now.date)
  const today = caveat ? null : now.weekday
  const holidays = holidayNote(site, now.date, t)
  const hoursOf = (intervals: readonly { start: string; end: string }[]) =>
    intervals.length > 0 ? intervals.map((i) => `${shortTime(i.start)}–${shortTime(i.end)}`).join(', ') : t('detail.closed_day')
  const table = h(
    'table',
    { class: 'pv-week' },
    h('caption', { class: 'pv-visually-hidden' }, `${t('detail.hours')}${labelColon(lang)}${site.label}`),
    h(
      'tbody',
      {},
      ...WEEKDAYS.map((day) => {
        const intervals = site.opening_hours?.[day] ?? []
        const isToday = day === today
        return h(
          'tr',
          { class: isToday ? 'pv-week__today' : null, 'aria-current': isToday ? 'date' : null },
          h('th', { scope: 'row' }, t(`day.${day}` as MessageKey), isToday ? h('span', { class: 'pv-today-label' }, ` (${t('detail.today')})`) : null),
          h(
            'td',
            {},
            isToday && holidays.closedToday ? null : hoursOf(intervals),
            isToday && holidays.today ? h('span', { class: 'pv-holiday-today' }, holidays.closedToday ? holidays.today : ` · ${holidays.today}`) : null,
          ),
        )
      }),
    ),
  )
  const note = caveat === 'out_of_season' ? t('detail.out_of_season') : caveat === 'inactive' ? t('detail.inactive_hours') : null
  return h('div', { class: 'pv-week-block' }, note ? h('p', { class: 'pv-week-note' }, note) : null, table, h('p', { class: 'pv-holidays' }, holidays.rule))
}

/**
 * A site's hours: its week when the registry can read it; else its hours as published, labelled
 * as such (always: the status line above may be about something else, such as a suspension), or
 * a word that there are none, which a one-site point's status line already says.
 */
function siteHours(point: PointView, site: Site, context: ViewContext): HTMLElement | null {
  if (hasKnownHours(site)) return weekTable(point, site, context)
  const { t, lang } = context
  const published = publishedHours(point, site, lang)
  if (published) return h('p', { class: 'pv-published-hours' }, h('strong', {}, `${t('detail.published_hours')}${labelColon(lang)}`), h('span', published === site.opening_hours_source?.trim() ? registryText(point, lang) : {}, published))
  if (point.sites.length === 1) return null
  return h('p', { class: 'pv-published-hours' }, t('status.no_hours'))
}

function foldedHours(point: PointView, site: Site, context: ViewContext): HTMLElement | null {
  const hours = siteHours(point, site, context)
  return hours ? h('details', { class: 'pv-folded' }, h('summary', {}, context.t('detail.weekly_hours')), hours) : null
}

function siteBlock(point: PointView, site: Site, context: ViewContext): HTMLElement {
  const { t, lang } = context
  const today = toRomeWallClock(context.now()).date
  const closures = (site.closures ?? []).filter((c) => c.to >= today).slice(0, UPCOMING_CLOSURES)
  return h(
    'div',
    { class: 'pv-site' },
    h('h4', { class: 'pv-site__title' }, site.label, ' ', h('span', { class: `pv-kind pv-kind--${site.kind}` }, kindLabel(site.kind, context))),
    site.kind === 'online' ? h('p', {}, t('detail.online')) : h('p', { class: 'pv-site__address' }, addressLine(point, site, lang)),
    site.valid_from && site.valid_to
      ? h('p', {}, h('strong', {}, `${t('detail.season')}${labelColon(lang)}`), t('kind.season', seasonRange(site.valid_from, site.valid_to, lang)))
      : null,
    // A van's dated stops are listed above, one line each; its weekly table is there if wanted.
    site.kind === 'mobile' && point.next_stops.length > 0 ? foldedHours(point, site, context) : siteHours(point, site, context),
    closures.length > 0
      ? h(
          'div',
          {},
          h('h5', {}, t('detail.closures')),
          // The reason is the registry's text: marked Italian on a page in another language (WCAG 3.1.2).
          h('ul', { class: 'pv-closures' }, ...closures.map((c) => h('li', {}, closureDates(c, today, lang), ...(c.reason ? [labelColon(lang), h('span', registryText(point, lang), c.reason)] : [])))),
        )
      : null,
  )
}

/**
 * A mobile unit's next sessions, once for the whole unit (its weekly round and its dated stops
 * merged by the API): date, time, place. Each stop is also one of its sites below, so listing
 * them under every site would repeat the same five lines.
 */
function nextStops(point: PointView, context: ViewContext, route: RouteTo): HTMLElement | null {
  const { t, lang } = context
  if (point.status !== 'active' || point.next_stops.length === 0 || !point.sites.some((s) => s.kind === 'mobile')) return null
  return h(
    'div',
    { class: 'pv-next-stops' },
    h('h4', {}, t('detail.next_stops')),
    h(
      'ul',
      { class: 'pv-stops' },
      ...point.next_stops.map((s) =>
        h(
          'li',
          {},
          `${formatDate(s.date, lang)}, ${shortTime(s.start)}–${shortTime(s.end)}${labelColon(lang)}${s.place.label} `,
          newTabLink({ href: route(s.place.location, s.place.label), class: 'pv-stop__route' }, t, t('detail.route'), h('span', { class: 'pv-visually-hidden' }, ` ${s.place.label}`)),
        ),
      ),
    ),
  )
}

/** The shown site's next seven days, dated: what happens on the days a visit is planned for. */
function nextDaysBlock(point: PointView, site: Site, context: ViewContext): HTMLElement | null {
  if (point.status !== 'active' || site.kind === 'online' || !hasKnownHours(site)) return null
  const { t, lang } = context
  const today = toRomeWallClock(context.now()).date
  const line = (plan: DayPlan) => dayPlanWords(plan, t, labelColon(lang)).text
  return h(
    'div',
    { class: 'pv-next-days' },
    h('h4', {}, t('detail.next_days'), point.sites.length > 1 ? `: ${site.label}` : ''),
    h(
      'ul',
      { class: 'pv-days' },
      ...nextDays(site, today).map((plan) =>
        h(
          'li',
          { class: `pv-day pv-day--${plan.kind}${plan.date === today ? ' pv-day--today' : ''}`, 'aria-current': plan.date === today ? 'date' : null },
          h('span', { class: 'pv-day__date' }, `${formatDate(plan.date, lang, { weekday: 'short', day: 'numeric', month: 'short' })}${plan.date === today ? ` (${t('detail.today')})` : ''}`),
          ' — ',
          line(plan),
        ),
      ),
    ),
  )
}

/**
 * What a citizen does next, first: where (the shown site's address), call, get directions, book.
 * Buttons big enough for a thumb; each a plain link, so it works without this page's script.
 */
function actionBar(point: PointView, site: Site | undefined, context: ViewContext, route: RouteTo): HTMLElement {
  const { t } = context
  const phone = point.contacts.phone
  // A van not found at one of its places: where it is or stops next, not its base.
  const stop = roundStop(point, site, context)
  const located = site?.kind !== 'online' ? (stop?.place.location ?? point.matched_place?.location ?? site?.location) : undefined
  const label = stop?.place.label ?? point.matched_place?.label ?? site?.label ?? point.name
  return h(
    'div',
    { class: 'pv-actions', role: 'group', 'aria-label': t('detail.actions') },
    site && site.kind !== 'online' ? h('p', { class: 'pv-actions__address' }, shownPlaceLine(point, site, context)) : null,
    h(
      'div',
      { class: 'pv-actions__buttons' },
      phone ? h('a', { href: `tel:${phone.replace(/[^\d+]/g, '')}`, class: 'pv-button pv-action' }, t('detail.call')) : null,
      located ? newTabLink({ href: route(located, label), class: 'pv-button pv-action' }, t, t('detail.route')) : null,
      point.status === 'active' && isWebAddress(point.booking_url) ? newTabLink({ href: point.booking_url, class: 'pv-button pv-button--outline pv-action' }, t, t('detail.book')) : null,
    ),
  )
}

type RouteTo = (to: { lat: number; lon: number }, label: string) => string

/** The registry's warnings a citizen needs (hours unreadable or missing): said, never hidden. */
const dataNotes = (point: PointView, { t, lang }: ViewContext): HTMLElement[] =>
  citizenNotes(point.data_quality, lang).map((message) => h('p', { class: 'pv-data-note' }, t('detail.data_note', { message })))

/** A link to another site, opened in a new tab, which it says to a screen reader (WCAG G201). */
const newTabLink = (attributes: { href: string; class?: string }, t: ViewContext['t'], ...children: Child[]): HTMLAnchorElement =>
  h('a', { ...attributes, rel: 'noopener', target: '_blank' }, ...children, h('span', { class: 'pv-visually-hidden' }, ` ${t('detail.new_tab')}`))

/** A `lang` attribute for text the registry holds as written (registryTextLang: none on a page in the comune's own second language, where it may be either). */
const registryText = (point: PointView, lang: ViewContext['lang']): { lang?: string } => {
  const marked = registryTextLang(point.comune, lang)
  return marked ? { lang: marked } : {}
}

function shareBlock(handlers: DetailHandlers, context: ViewContext): HTMLElement {
  const { t } = context
  const status = h('p', { class: 'pv-share__status', role: 'status' })
  const share = async () => {
    const nav = navigator as Navigator & { share?: (data: ShareData) => Promise<void> }
    if (nav.share) {
      // Cancelled by the citizen, or refused: nothing to say, the plain link below still works.
      await nav.share({ url: handlers.shareUrl, title: document.title }).catch(() => {})
      return
    }
    try {
      await navigator.clipboard.writeText(handlers.shareUrl)
      status.textContent = t('detail.share_copied')
    } catch {
      // Never "copied" when it was not: the link below is the way then.
      status.textContent = t('detail.share_failed')
    }
  }
  return section(
    t('detail.share'),
    h('button', { type: 'button', class: 'pv-button pv-button--outline', onclick: () => void share() }, t('detail.share')),
    h('p', {}, handlers.onAnotherSite ? newTabLink({ href: handlers.shareUrl }, t, t('detail.share_link')) : h('a', { href: handlers.shareUrl }, t('detail.share_link'))),
    status,
  )
}

/** The site the detail shows first: the one the search found, as the point holds it. */
function shownSite(point: PointView) {
  const site = primarySite(point)
  return site ? point.sites.find((s) => s.id === site.id) ?? site : undefined
}

/**
 * The detail's status line, for the site it shows first: it stands above that site's address and
 * directions and speaks for it (as a card does). Hours published as text are quoted in full under
 * each site's "Orari": the line points there instead of quoting them twice. Also what a detail
 * left open is brought up to date with (the locator's quiet refresh).
 */
export function detailStatus(point: PointView, context: ViewContext): { tone: string; text: string } {
  const status = cardStatus(point, shownSite(point), context)
  const text = status.tone === 'unknown' && point.sites.some((s) => publishedHours(point, s, context.lang)) ? context.t('status.published_below') : status.text
  return { tone: status.tone, text }
}

/**
 * The detail view: everything needed to go there (hours with today marked, seasons, a mobile
 * unit's next stops, closures), what they help with, how to book, contacts, access, directions.
 */
export function renderDetail(point: PointView, context: ViewContext, handlers: DetailHandlers): HTMLElement {
  const { t, lang } = context
  // The site the search found comes first; the others follow in the point's order.
  const shown = shownSite(point)
  const status = detailStatus(point, context)
  const otherSite = otherSiteNote(point, shown, context)
  // The heading names the point; the status, the note and the address below are this site's.
  const siteLabel = shownSiteLabel(point, shown)
  const sites = shown ? [shown, ...point.sites.filter((s) => s.id !== shown.id)] : point.sites
  const { phone, email, website } = point.contacts
  const stepFree = point.accessibility.step_free
  const platform = handlers.platform ?? platformOf(navigator.userAgent, navigator.maxTouchPoints)
  const route: RouteTo = (to, label) => directionsHref(to, label, platform, handlers.origin)
  return h(
    'article',
    { class: 'pv-detail', 'aria-labelledby': 'pv-detail-title' },
    h('button', { type: 'button', class: 'pv-button pv-button--link pv-detail__back', onclick: handlers.back }, `← ${t('detail.back')}`),
    h('h2', { id: 'pv-detail-title', tabindex: '-1', class: 'pv-detail__title' }, point.name),
    demoBadge(point, t),
    siteLabel ? h('p', { class: 'pv-detail__site' }, t('result.site', { label: siteLabel })) : null,
    h('p', { class: `pv-status pv-status--${status.tone}` }, status.text),
    otherSite ? h('p', { class: 'pv-detail__other-site' }, otherSite) : null,
    actionBar(point, shown, context, route),
    h('p', { class: 'pv-detail__operator' }, `${t('detail.operator')}${labelColon(lang)}${point.operator.name}`),
    // The registry's own words are Italian: said so on a page in another language (WCAG 3.1.2).
    point.description ? h('p', { class: 'pv-detail__description', ...registryText(point, lang) }, point.description) : null,
    section(
      t('detail.hours'),
      ...dataNotes(point, context),
      nextStops(point, context, route),
      shown && shown.kind !== 'mobile' ? nextDaysBlock(point, shown, context) : null,
      ...sites.map((s) => siteBlock(point, s, context)),
      handlers.calendarUrl && point.status === 'active'
        ? h('p', { class: 'pv-detail__calendar' }, h('a', { href: handlers.calendarUrl, class: 'pv-button pv-button--outline', download: `${point.id}.ics` }, t('detail.add_calendar')))
        : null,
    ),
    section(t('detail.services'), h('ul', { class: 'pv-tags' }, ...point.services.map((s) => h('li', { class: 'pv-tag' }, t(`service.${s}` as MessageKey))))),
    point.topics.length > 0 ? section(t('detail.topics'), h('ul', { class: 'pv-tags' }, ...point.topics.map((s) => h('li', { class: 'pv-tag pv-tag--topic' }, t(`topic.${s}` as MessageKey))))) : null,
    // No way to book a point where nobody will be: the section goes with the status.
    point.status === 'active'
      ? section(
          t('detail.booking'),
          h('p', {}, t(`detail.booking.${point.booking}` as MessageKey)),
          isWebAddress(point.booking_url) ? h('p', {}, newTabLink({ href: point.booking_url, class: 'pv-button' }, t, t('detail.booking_link'))) : null,
        )
      : null,
    phone || email || website
      ? section(
          t('detail.contacts'),
          h(
            'ul',
            { class: 'pv-links' },
            phone ? h('li', {}, `${t('detail.phone')}${labelColon(lang)}`, h('a', { href: `tel:${phone.replace(/[^\d+]/g, '')}` }, phone)) : null,
            email ? h('li', {}, `${t('detail.email')}${labelColon(lang)}`, h('a', { href: `mailto:${email}` }, email)) : null,
            isWebAddress(website) ? h('li', {}, newTabLink({ href: website }, t, t('detail.website'))) : null,
          ),
        )
      : null,
    section(
      t('detail.access'),
      h('p', {}, stepFree === true ? t('detail.step_free') : stepFree === false ? t('detail.not_step_free') : t('detail.step_free_unknown')),
      point.accessibility.notes ? h('p', registryText(point, lang), point.accessibility.notes) : null,
      point.languages.length > 0 ? h('p', {}, `${t('detail.languages')}${labelColon(lang)}${point.languages.map((l) => new Intl.DisplayNames([lang], { type: 'language' }).of(l) ?? l).join(', ')}`) : null,
    ),
    handlers.report ? reportBlock(point.id, context, handlers.report) : null,
    shareBlock(handlers, context),
    point.last_verified_at ? h('p', { class: 'pv-detail__verified' }, t('detail.verified', { date: dateAfterVerb(toRomeWallClock(new Date(point.last_verified_at)).date, lang, { day: 'numeric', month: 'long', year: 'numeric' }) })) : null,
  )
}
