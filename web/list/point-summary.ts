import type { PointView } from '../../shared/schemas/point-view.ts'
import type { Stop } from '../../shared/schemas/hours.ts'
import type { Site } from '../../shared/schemas/point.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'
import { minutesOfDay } from '../../shared/vocabulary.ts'
import { formatDistance, shortTime } from '../i18n/format.ts'
import { seasonRange } from '../../shared/i18n/season-range.ts'
import { refNameIn } from '../../shared/gazetteer/comune-names.ts'
import { postalLine } from '../../shared/text/postal-line.ts'
import { DEFAULT_LANG, type Lang } from '../../shared/i18n/langs.ts'
import type { MessageKey } from '../../shared/i18n/messages.ts'
import { dayWords } from '../i18n/relative-day.ts'
import type { ViewContext } from '../locator/view-context.ts'
import { isOpenAt, nextOpening, type HoursTarget } from '../../shared/hours/open-at.ts'
import { openingFields } from '../../shared/hours/opening-fields.ts'
import { upcomingSessions } from '../../shared/hours/upcoming-sessions.ts'
import { hasKnownHours } from '../../shared/hours/known-hours.ts'
import { closingWords, openingStatus, whenText, type OpeningStatus, type OpeningStatusOptions } from './opening-status.ts'

/**
 * A van the answer found at none of its places (a filter named it, or no site was named): its
 * stops are one round, which a card speaks of as a whole (its status, place and note), not as one site.
 */
const isRoundShown = (point: PointView, site: Site | undefined): boolean => site?.kind === 'mobile' && !point.matched_place

/** The site the list speaks about: the one the API named (nearest, or matching a site filter), else the first one can go to. */
export const primarySite = (point: PointView): Site | undefined => point.site ?? point.sites.find((s) => s.location) ?? point.sites[0]

/**
 * The status of the site a card or the detail shows, beside that site's address: for the site
 * the API named (near, or a site filter), its own open now and next opening at the place it was
 * matched; for another site of a point with several, the same fields computed here by the same
 * code. The point's own fields speak for all its sites together (its next opening may be at
 * another building), so they are used for a point with a single site, and for a mobile unit the
 * API named no site of: its stops are one round, which the card's next-stop line words as a whole.
 */
export function shownSiteStatus(point: PointView, site: Site | undefined, at: Date): Pick<PointView, 'open_now' | 'closes_at' | 'next_opening' | 'sites'> | undefined {
  if (!site) return undefined
  const named = point.site
  // A van named by a filter (kind, open at), not found at one of its places: its round as a whole.
  if (isRoundShown(point, site)) return undefined
  if (named && named.id === site.id && 'open_now' in named) return { open_now: named.open_now, closes_at: named.closes_at, next_opening: named.next_opening, sites: [named] }
  if (point.sites.length < 2) return undefined
  return { ...openingFields(site, at), sites: [site] }
}

/**
 * Which site a card or a message speaks of, for a point with several: its heading is the point's
 * name, and the address, distance and hours below it are that site's. Null for a single site.
 */
export function shownSiteLabel(point: PointView, site: Site | undefined): string | null {
  if (!site || point.sites.length < 2) return null
  // A van's stop not matched at its place is one stop of a round the card speaks of as a whole.
  if (isRoundShown(point, site)) return null
  // A name that already says the site ("Punto Digitale Facile – Sportello CAF") needs it not twice.
  return point.name.includes(site.label) ? null : site.label
}

/**
 * "Open now" found nothing: the nearest point and when it opens, both said of the site the
 * distance is measured to ("Il più vicino, Digipass Perugia, sede Centro civico (410 m), apre
 * sabato alle 10:00"). Null when it has no opening ahead.
 */
export function nearestNextText(point: PointView, context: ViewContext): string | null {
  const { t, lang, now } = context
  const at = now()
  const site = primarySite(point)
  const opening = (shownSiteStatus(point, site, at) ?? point).next_opening
  if (!opening) return null
  const label = shownSiteLabel(point, site)
  return t('results.nearest_next', {
    name: label ? t('result.name_at_site', { name: point.name, label }) : point.name,
    distance: point.distance_m !== undefined ? formatDistance(point.distance_m, lang, t) : point.comune.name,
    when: whenText(opening, at, lang, t),
  })
}

/**
 * When the shown site is closed and another site of the same point is open, or opens sooner,
 * the card says which and when: "Un'altra sede apre prima: Biblioteca, mercoledì alle 15:00".
 */
export function otherSiteNote(point: PointView, site: Site | undefined, context: ViewContext): string | null {
  const { lang, t, now, visitAt } = context
  const at = now()
  const shown = shownSiteStatus(point, site, at)
  if (!site || !shown || point.status !== 'active' || point.sites.length < 2) return null
  const others = point.sites.filter((s) => s.id !== site.id)
  // A chosen time: only whether another site is open then; the detail's week says the rest.
  if (visitAt) {
    const openThen = isOpenAt(visitAt)(site) ? undefined : others.find(isOpenAt(visitAt))
    return openThen ? t(otherKey(openThen, 'open_then'), { label: siteName(point, openThen), when: whenText(visitAt.toISOString(), at, lang, t) }) : null
  }
  if (shown.open_now) return null
  const openNow = others.find(isOpenAt(at))
  if (openNow) return t(otherKey(openNow, 'open'), { label: siteName(point, openNow) })
  let sooner: { site: Site; at: Date } | undefined
  for (const site of others) {
    const next = nextOpening(at)(site)
    if (next && (!sooner || next < sooner.at)) sooner = { site, at: next }
  }
  if (!sooner || (shown.next_opening && sooner.at >= new Date(shown.next_opening))) return null
  return t(otherKey(sooner.site, 'sooner'), { label: siteName(point, sooner.site), when: whenText(sooner.at.toISOString(), at, lang, t) })
}

/** The words for another site: help online (a phone line, a video call) is no "sede" one goes to. */
const otherKey = (site: Site, what: 'open' | 'open_then' | 'sooner'): MessageKey => `status.other_${site.kind === 'online' ? 'online' : 'site'}_${what}`

/** A site's label; two sites of one point may share it (two desks of one municipio), and then the street tells them apart. */
const siteName = (point: PointView, site: Site): string =>
  point.sites.some((s) => s !== site && s.label === site.label) && site.address?.street ? `${site.label}, ${site.address.street}` : site.label

/**
 * Where a van the query did not find at one of its places is, or stops next: the session its
 * status line announces, or else its next one. A card or the detail shows this place, not the
 * van's base, which may be in another town. Undefined for any other site.
 */
export function roundStop(point: PointView, site: Site | undefined, { now, visitAt }: Pick<ViewContext, 'now' | 'visitAt'>): Stop | undefined {
  if (!site || !isRoundShown(point, site)) return undefined
  return (visitAt && sessionAt(shownSites(point, site), visitAt)) || currentOrNextStop(point, now())
}

/** The place a card and the detail's directions speak of: a van's stop now or next (`roundStop`), else the site's address. */
export function shownPlaceLine(point: PointView, site: Site | undefined, context: Pick<ViewContext, 'lang' | 'now' | 'visitAt'>): string {
  return roundStop(point, site, context)?.place.label ?? addressLine(point, site, context.lang)
}

/**
 * The sites a card's hours speak of: the shown one, or for a van the answer found at none of its
 * places, its round (every mobile site of the point: a round may be written as several).
 */
const shownSites = (point: PointView, site: Site): Site[] => (isRoundShown(point, site) ? point.sites.filter((s) => s.kind === 'mobile') : [site])

/** A mobile unit's session in progress at a moment, from its sites' own rounds and stops (any day ahead, not only the answer's next five). */
const sessionAt = (sites: readonly Site[], at: Date): Stop | undefined => {
  for (const site of sites) {
    const session = upcomingSessions(at, site, { days: 1, limit: 24 }).find((s) => isInProgress(s, at))
    if (session) return session
  }
  return undefined
}

/** "Via Roma 1, 50100 Firenze"; for a van found at one of its stops, that stop's place. */
export function addressLine(point: PointView, site: Site | undefined = primarySite(point), lang: Lang = DEFAULT_LANG): string {
  if (site && site.id === point.matched_place?.site_id && point.matched_place.kind === 'stop') return point.matched_place.label
  const address = site?.address ?? point.address
  return postalLine(address?.street, address?.postcode, refNameIn(site?.comune ?? point.comune, lang))
}

/**
 * The session of a mobile unit that the status line speaks about: the announced one (see
 * `announcedStop`); while open at no session of the unit, the one starting at `next_opening`; the
 * first upcoming one otherwise (a point whose next opening is at another, fixed site). `next_stops`
 * is in date order.
 */
export function currentOrNextStop(point: Pick<PointView, 'open_now' | 'next_opening' | 'next_stops'>, now: Date): Stop | undefined {
  const announced = announcedStop(point, now) ?? stopAtNextOpening(point)
  if (announced) return announced
  const clock = toRomeWallClock(now)
  return point.next_stops.find((s) => s.date > clock.date || (s.date === clock.date && minutesOfDay(s.end) > clock.minutes))
}

/**
 * The session the status line announces, and only that one: the one in progress while the point
 * is open, or the one starting exactly at `next_opening`. `undefined` when the announced opening is
 * not a session of the unit (another, fixed site), so the line never borrows another stop's place.
 */
export function announcedStop(point: Pick<PointView, 'open_now' | 'next_opening' | 'next_stops'>, now: Date): Stop | undefined {
  if (point.open_now) return point.next_stops.find((s) => isInProgress(s, now))
  return stopAtNextOpening(point)
}

/** The session that starts exactly at `next_opening` (Rome wall clock), if the unit has one. */
function stopAtNextOpening(point: Pick<PointView, 'next_opening' | 'next_stops'>): Stop | undefined {
  if (!point.next_opening) return undefined
  const opening = toRomeWallClock(new Date(point.next_opening))
  return point.next_stops.find((s) => s.date === opening.date && minutesOfDay(s.start) === opening.minutes)
}

/** True while `now` (Rome time) falls inside the session. */
export function isInProgress(stop: Stop, now: Date): boolean {
  const clock = toRomeWallClock(now)
  return stop.date === clock.date && minutesOfDay(stop.start) <= clock.minutes && clock.minutes < minutesOfDay(stop.end)
}

/**
 * What makes a mobile or seasonal point different, in one line: where the unit is now or stops
 * next (the same session, worded with the same day, as the status line above it), or its season.
 */
export function kindNote(point: PointView, site: Site | undefined, { lang, t, now, visitAt }: ViewContext): string | null {
  // A suspended or closed unit goes nowhere: no "next stop" under its status.
  if (point.status !== 'active') return null
  // A chosen time: where the van is then, whatever its sessions before.
  const then = site?.kind === 'mobile' && visitAt ? sessionAt(shownSites(point, site), visitAt) : undefined
  if (then) return t('kind.stop_then', { day: dayWords(then.date, toRomeWallClock(now()).date, lang, t), start: shortTime(then.start), end: shortTime(then.end), place: then.place.label })
  const matched = point.matched_place
  if (site?.kind === 'mobile' && matched?.kind === 'stop') {
    // Found at one of its stops: the van's next session there, not its next session anywhere.
    const session = matched.next_session
    const at = now()
    if (!session) return null
    if (isInProgress(session, at)) return t('kind.stop_now', { place: matched.label, end: shortTime(session.end) })
    return t('kind.next_stop_here', { day: dayWords(session.date, toRomeWallClock(at).date, lang, t), start: shortTime(session.start), end: shortTime(session.end), place: matched.label })
  }
  if (site?.kind === 'mobile') {
    const at = now()
    const stop = currentOrNextStop(point, at)
    if (!stop) return null
    if (point.open_now && isInProgress(stop, at)) return t('kind.stop_now', { place: stop.place.label, end: shortTime(stop.end) })
    return t('kind.next_stop', { day: dayWords(stop.date, toRomeWallClock(at).date, lang, t), start: shortTime(stop.start), end: shortTime(stop.end), place: stop.place.label })
  }
  if (site?.kind === 'seasonal' && site.valid_from && site.valid_to) {
    return t('kind.season', seasonRange(site.valid_from, site.valid_to, lang))
  }
  return null
}

/**
 * A card's status line. A mobile unit's card shows its nearest stop's address below, so the line
 * names the place of the session it announces, which may be another stop ("apre domani alle 14:30
 * · Piazza Grande, Montepulciano").
 */
export function cardStatus(point: PointView, site: Site | undefined, context: ViewContext, options: OpeningStatusOptions = {}): OpeningStatus {
  const { lang, t, now } = context
  const chosen = context.visitAt ? statusAtChosenTime(point, site, context.visitAt, context) : null
  if (chosen) return chosen
  const shown = shownSiteStatus(point, site, now())
  const spoken = shown ? { ...point, ...shown } : point
  const status = openingStatus(spoken, now(), lang, t, options)
  if (status.tone === 'inactive' || site?.kind !== 'mobile') return status
  // Matched at a stop, the status is about that stop, which the card's place line names.
  if (point.matched_place?.kind === 'stop') return status
  // The place of the session the line announces: the shown site's, when the line speaks for it.
  const place = announcedStop(spoken, now())?.place.label
  return place ? { ...status, text: t('status.at_place', { status: status.text, place }) } : status
}

export const kindLabel = (kind: Site['kind'], { t }: ViewContext): string => t(`kind.${kind}` as MessageKey)

/**
 * A card's status at the moment the citizen chose to go: "Aperto domani alle 16:00 · chiude alle
 * 18:00" (and, for a van, where it is then); for a site closed then (a shared link, the detail),
 * "Chiuso domani alle 16:00 · apre sabato alle 9:00". It speaks for what the card shows: the
 * site, or a van's round as a whole when the answer found it at none of its places (never the
 * point's fixed desk beside it). Null where the status now says more: a point not active, hours
 * the registry cannot compute.
 */
function statusAtChosenTime(point: PointView, site: Site | undefined, visitAt: Date, { lang, t, now }: ViewContext): OpeningStatus | null {
  if (point.status !== 'active') return null
  const sites = site ? shownSites(point, site) : point.sites
  if (!sites.some(hasKnownHours)) return null
  const target: HoursTarget = { status: point.status, sites }
  const fields = openingFields(target, visitAt)
  const when = whenText(visitAt.toISOString(), now(), lang, t)
  if (!fields.open_now || !fields.closes_at) {
    const text = fields.next_opening ? t('status.closed_then', { when, next: whenText(fields.next_opening, now(), lang, t) }) : t('status.closed_then_none', { when })
    return { tone: 'closed', text }
  }
  const closing = closingWords(fields.closes_at, visitAt, now(), lang, t)
  const open = closing.sameDay ? t('status.open_then', { when, time: closing.time }) : t('status.open_then_until_when', { when, until: closing.when })
  const place = site?.kind === 'mobile' ? sessionAt(sites, visitAt)?.place.label : undefined
  return { tone: 'open', text: place ? t('status.at_place', { status: open, place }) : open }
}
