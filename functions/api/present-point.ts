import { hoursPerWeek, lowHoursWarning } from '../../shared/hours/hours-per-week.ts'
import { renderEnglishHours, renderItalianHours } from '../../shared/hours/italian-text.ts'
import { openingFields } from '../../shared/hours/opening-fields.ts'
import { upcomingSessions } from '../../shared/hours/upcoming-sessions.ts'
import type { WeeklySchedule } from '../../shared/schemas/hours.ts'
import type { PointRecord, Site } from '../../shared/schemas/point.ts'
import type { DataQualityNote, MatchedPlace, NamedSite, PointView } from '../../shared/schemas/point-view.ts'
import { PlaceRole, siteAtPlace, stopAtPlace, type SitePlace } from '../../shared/geo/site-places.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'
import { hasKnownHours } from '../../shared/hours/known-hours.ts'
import { compareCodeUnits } from '../../shared/util/compare-code-units.ts'

const NEXT_STOPS_SHOWN = 5

/**
 * A stored point → the public Point at instant `at`: the open/next-opening fields are computed
 * here, at response time, in Europe/Rome.
 */
export function presentPoint(record: PointRecord, at: Date): PointView {
  const mainSite = record.sites.find((s) => s.location) ?? record.sites[0]!
  // A point not active goes nowhere: no sessions ahead (as its calendar has no events).
  const stops = record.sites
    .filter((s) => s.kind === 'mobile' && record.status === 'active')
    .flatMap((s) => upcomingSessions(at, s, { limit: NEXT_STOPS_SHOWN }))
    .sort((a, b) => compareCodeUnits(a.date + a.start, b.date + b.start))
    .slice(0, NEXT_STOPS_SHOWN)
  const today = toRomeWallClock(at).date
  return {
    ...record,
    sites: record.sites.map((site) => withoutPast(site, today)),
    location: mainSite.location ?? null,
    opening_hours: mainSite.opening_hours ?? {},
    opening_hours_text: pointHoursText(record, 'it'),
    opening_hours_text_en: pointHoursText(record, 'en'),
    hours_per_week: hoursPerWeek(record),
    ...openingFields(record, at),
    next_stops: stops,
    data_quality: dataQuality(record),
  }
}

/**
 * The site an answer names, at the place it was matched: its own open now, closing time and next
 * opening there. The point's fields speak for all its sites, so a card must not show one site's
 * address beside another site's "opens Wednesday" (Perugia, Passignano). The site of a point
 * suspended or closed opens at no time, whatever its hours, like the point itself.
 */
export function presentNamedSite(site: Site, place: SitePlace | undefined, at: Date, status: PointRecord['status']): NamedSite {
  const here = place ? siteAtPlace(site, place) : site
  return { ...withoutPast(site, toRomeWallClock(at).date), ...openingFields({ status, sites: [here] }, at) }
}

/** Where a `near` answer found the item: the place `distance_m` is measured to, and a van's next session there. */
export function presentMatchedPlace(site: Site, place: SitePlace, at: Date, status: PointRecord['status']): MatchedPlace {
  const here = siteAtPlace(site, place)
  const { lat, lon } = place.location
  const stopHere = stopAtPlace(site, place)
  return {
    site_id: site.id,
    kind: place.role === PlaceRole.stop ? 'stop' : place.role === PlaceRole.weeklyBase ? 'base' : 'site',
    label: stopHere?.place.label ?? site.label,
    location: { lat, lon },
    // As far ahead as the calendar goes in practice: a village may see the van once a month.
    next_session: site.kind === 'mobile' && status === 'active' ? (upcomingSessions(at, here, { limit: 1, days: 92 })[0] ?? null) : null,
  }
}

/**
 * A site as a caller needs it today: closures that have ended and stops already made are history,
 * not information about where to go, and only weigh the answer down.
 */
export function withoutPast(site: Site, today: string): Site {
  if (!site.closures?.length && !site.stops?.length) return site
  return {
    ...site,
    ...(site.closures ? { closures: site.closures.filter((c) => c.to >= today) } : {}),
    ...(site.stops ? { stops: site.stops.filter((s) => s.date >= today) } : {}),
  }
}

interface HoursWording {
  readonly render: (schedule: WeeklySchedule) => string
  readonly months: readonly string[]
  readonly season: (from: string, to: string) => string
  readonly noHours: string
  readonly datedOnly: string
}

const ITALIAN: HoursWording = {
  render: renderItalianHours,
  months: ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'],
  season: (from, to) => `dal ${from} al ${to}`,
  noHours: 'orari non indicati',
  datedOnly: 'solo nelle date indicate',
}
const ENGLISH: HoursWording = {
  render: renderEnglishHours,
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  season: (from, to) => `${from} to ${to}`,
  noHours: 'hours not given',
  datedOnly: 'on given dates only',
}

/** `--06-15` → "15 giu"; `2027-06-15` → "15 giu 2027". */
function seasonBound(bound: string, months: readonly string[]): string {
  const [year, month, day] = bound.startsWith('--') ? [null, bound.slice(2, 4), bound.slice(5, 7)] : bound.split('-')
  return `${Number(day)} ${months[Number(month) - 1]}${year ? ` ${year}` : ''}`
}

/**
 * Hours as a sentence over every site: one site reads "lun–ven 9:00–13:00"; several read
 * "Biblioteca: lun–ven 9:00–13:00 · Unità mobile a Vinci: mar 9:00–12:30". A seasonal site
 * says its season ("dal 15 giu al 15 set: mar, gio 17:00–20:00"), so a chatbot reading the text
 * alone does not send anyone there in November. Text that could not be parsed is shown as
 * published rather than hidden.
 */
function hoursText(sites: readonly Site[], wording: HoursWording): string {
  const parts = sites.map((site) => {
    const hours = site.opening_hours_unparsed
      ? (site.opening_hours_source ?? wording.noHours)
      : site.opening_hours && Object.values(site.opening_hours).some((d) => d && d.length > 0)
        ? wording.render(site.opening_hours)
        : site.stops?.length
          ? wording.datedOnly
          : wording.noHours
    const season =
      site.valid_from && site.valid_to
        ? `${wording.season(seasonBound(site.valid_from, wording.months), seasonBound(site.valid_to, wording.months))}: `
        : ''
    return { label: site.label, text: season + hours }
  })
  if (parts.length === 1) return parts[0]!.text
  return parts.map((p) => `${p.label}: ${p.text}`).join(' · ')
}

/** The point's hours as one sentence over its sites, in Italian or English (see `hoursText`). */
export function pointHoursText(record: PointRecord, language: 'it' | 'en'): string {
  return hoursText(record.sites, language === 'it' ? ITALIAN : ENGLISH)
}

function dataQuality(record: PointRecord): DataQualityNote[] {
  const notes: DataQualityNote[] = []
  const unparsed = record.sites.filter((s) => s.opening_hours_unparsed)
  if (unparsed.length > 0) {
    // The published text itself, so a reader of the note alone sees what the hours say.
    const quoted = unparsed.map((s) => `«${s.opening_hours_source ?? ''}»${record.sites.length > 1 ? ` (${s.label})` : ''}`).join('; ')
    notes.push({
      code: 'hours_unparsed',
      message: `orari non interpretabili, riportati come pubblicati: ${quoted}`,
      message_en: `hours could not be read and are given as published: ${quoted}`,
    })
  }
  // Hours published as text count as given (quoted as published), only none at all does not.
  const hasHours = record.sites.some((s) => s.opening_hours_unparsed || hasKnownHours(s))
  if (!hasHours) {
    notes.push({ code: 'no_hours', message: 'orari non indicati: contattare il punto', message_en: 'no hours given: contact the point' })
  }
  const low = lowHoursWarning(record)
  if (low) notes.push({ code: 'low_hours', message: low.it, message_en: low.en })
  return notes
}
