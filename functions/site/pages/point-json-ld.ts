import { WEEKDAYS } from '../../../shared/vocabulary.ts'
import { seasonCovers, siteIntervalsOn, SEARCH_DAYS } from '../../../shared/hours/open-at.ts'
import { addDays, weekdayOf } from '../../../shared/hours/rome-time.ts'
import { dayMinutes, formatTimeOfDay, mergeIntervals } from '../../../shared/hours/normalize-schedule.ts'
import { PlaceRole, sitePlaces, siteAtPlace, type SitePlace } from '../../../shared/geo/site-places.ts'
import type { LocalDate, WeeklySchedule } from '../../../shared/schemas/hours.ts'
import type { PointRecord, Site } from '../../../shared/schemas/point.ts'
import { provinceOfComune } from '../../../shared/gazetteer/admin-units.ts'
import type { DayOfWeek, GovernmentService, OpeningHoursSpecification, Place, ServiceChannel, WithContext } from 'schema-dts'

/**
 * A point as schema.org JSON-LD (issue 14): a `GovernmentService` (Misura 1.7.2's digital
 * facilitation) provided by its operator, serving its comune, available at each place where it
 * can be met (a `ServiceChannel` whose `serviceLocation` is a `Place` with `geo`, `address` and
 * `openingHoursSpecification`), or online.
 *
 * Opening hours, as search engines read them: the weekly hours (bounded by the season's
 * `validFrom`/`validThrough` where there is one), then, for each date of the next year on which
 * the place keeps other hours than its week (a public holiday it closes on, a closure, a van's
 * stop), that date's own hours as special hours (`validFrom` = `validThrough` = the date; closed
 * is opens = closes = 00:00). So the file says, date by date, what `siteIntervalsOn` says.
 */
const DAY_URIS: Record<(typeof WEEKDAYS)[number], DayOfWeek & string> = {
  mo: 'https://schema.org/Monday',
  tu: 'https://schema.org/Tuesday',
  we: 'https://schema.org/Wednesday',
  th: 'https://schema.org/Thursday',
  fr: 'https://schema.org/Friday',
  sa: 'https://schema.org/Saturday',
  su: 'https://schema.org/Sunday',
}

/**
 * The shapes are schema-dts's, generated from the schema.org vocabulary: a property that
 * schema.org does not define on a type, or a value of a type it does not accept there, fails
 * the type check (`npm test` runs tsc first), so the JSON-LD cannot drift from the vocabulary.
 */
export type OpeningHoursSpecificationLd = OpeningHoursSpecification & { '@type': 'OpeningHoursSpecification'; opens: string; closes: string; dayOfWeek?: DayOfWeek & string; validFrom?: string; validThrough?: string }
type PlaceLd = Place & { '@type': 'Place'; openingHoursSpecification: OpeningHoursSpecificationLd[] }

export function pointJsonLd(point: PointRecord, { url, today }: { url: string; today: LocalDate }): WithContext<GovernmentService> {
  const channels = point.sites.flatMap((site): ServiceChannel[] =>
    site.kind === 'online'
      ? [{ '@type': 'ServiceChannel', name: site.label, ...(point.contacts.website ? { serviceUrl: point.contacts.website } : {}), availableLanguage: point.languages }]
      : sitePlaces(site, today).map((place) => ({ '@type': 'ServiceChannel', name: placeName(site, place), serviceLocation: placeLd(point, site, place, today), availableLanguage: point.languages })),
  )
  return {
    '@context': 'https://schema.org',
    '@type': 'GovernmentService',
    '@id': `${url}#servizio`,
    name: point.name,
    url,
    serviceType: 'Facilitazione digitale (PNRR Misura 1.7.2)',
    ...(point.description ? { description: point.description } : {}),
    provider: {
      '@type': point.operator.type === 'comune' ? 'GovernmentOrganization' : 'Organization',
      name: point.operator.name,
      ...(point.contacts.phone ? { telephone: point.contacts.phone } : {}),
      ...(point.contacts.email ? { email: point.contacts.email } : {}),
    },
    areaServed: {
      '@type': 'City',
      name: point.comune.name,
      ...(point.region ? { containedInPlace: { '@type': 'AdministrativeArea', name: point.region.name } } : {}),
    },
    availableChannel: channels,
  }
}

function placeName(site: Site, place: SitePlace): string {
  if (place.role !== PlaceRole.stop) return site.label
  const stop = site.stops?.find((s) => s.place.location.lat === place.location.lat && s.place.location.lon === place.location.lon)
  return stop?.place.label ?? site.label
}

function placeLd(point: PointRecord, site: Site, place: SitePlace, today: LocalDate): PlaceLd {
  const street = place.role === PlaceRole.stop ? undefined : (site.address?.street ?? point.address.street ?? undefined)
  const postcode = place.role === PlaceRole.stop ? undefined : (site.address?.postcode ?? point.address.postcode ?? undefined)
  // The site's own comune and province: a point's sites may lie in other comuni, even provinces, than its seat.
  const province = site.comune?.istat ? provinceOfComune(site.comune.istat) : (point.province ?? undefined)
  return {
    '@type': 'Place',
    name: placeName(site, place),
    geo: { '@type': 'GeoCoordinates', latitude: place.location.lat, longitude: place.location.lon },
    address: {
      '@type': 'PostalAddress',
      ...(street ? { streetAddress: street } : {}),
      ...(postcode ? { postalCode: postcode } : {}),
      addressLocality: site.comune?.name ?? point.comune.name,
      ...(province ? { addressRegion: province } : {}),
      addressCountry: point.country,
    },
    // A suspended or closed point opens nowhere: it advertises no hours.
    openingHoursSpecification: point.status === 'active' ? openingHoursSpecification(siteAtPlace(site, place), today) : [],
  }
}

/** The weekly hours (with the season's bounds) and each date of the next year that differs from them. */
export function openingHoursSpecification(site: Site, today: LocalDate): OpeningHoursSpecificationLd[] {
  const weekly = site.opening_hours ?? {}
  const seasons = seasonWindows(site, today)
  const specs: OpeningHoursSpecificationLd[] = []
  for (const window of seasons) {
    for (const day of WEEKDAYS) {
      for (const interval of weekly[day] ?? []) {
        specs.push({ '@type': 'OpeningHoursSpecification', dayOfWeek: DAY_URIS[day], opens: interval.start, closes: interval.end, ...(window ? { validFrom: window.from, validThrough: window.to } : {}) })
      }
    }
  }
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const date = addDays(today, offset)
    const actual = siteIntervalsOn(site, date).map(span)
    const regular = seasonCovers(site, date) ? regularIntervals(weekly, date) : []
    if (actual.join() === regular.join()) continue
    if (actual.length === 0) specs.push({ '@type': 'OpeningHoursSpecification', opens: '00:00', closes: '00:00', validFrom: date, validThrough: date })
    for (const span of actual) {
      const [opens, closes] = span.split('-') as [string, string]
      specs.push({ '@type': 'OpeningHoursSpecification', opens, closes, validFrom: date, validThrough: date })
    }
  }
  return specs
}

/** "09:00-13:00": an interval as the specifications write it. */
const span = (i: { start: number; end: number }): string => `${formatTimeOfDay(i.start)}-${formatTimeOfDay(i.end)}`

/** The weekly intervals of the date's weekday, merged as siteIntervalsOn merges them (the same two functions). */
function regularIntervals(weekly: WeeklySchedule, date: LocalDate): string[] {
  return mergeIntervals(dayMinutes(weekly, weekdayOf(date))).map(span)
}

/**
 * The season's windows as dates over the next year: none (`[null]`, the week always holds), the
 * full-date season, or each yearly occurrence of a recurring one (`--06-15`…`--09-15`) that
 * overlaps [today, today + SEARCH_DAYS].
 */
function seasonWindows(site: Site, today: LocalDate): Array<{ from: string; to: string } | null> {
  const { valid_from: from, valid_to: to } = site
  if (from === undefined || to === undefined) return [null]
  if (!from.startsWith('--')) return [{ from, to }]
  const year = Number(today.slice(0, 4))
  const horizon = addDays(today, SEARCH_DAYS)
  const windows: Array<{ from: string; to: string }> = []
  for (let y = year - 1; y <= year + 1; y++) {
    const start = calendarDate(y, from.slice(2))
    const end = from.slice(2) <= to.slice(2) ? calendarDate(y, to.slice(2)) : calendarDate(y + 1, to.slice(2))
    if (end >= today && start <= horizon) windows.push({ from: start, to: end })
  }
  return windows.length > 0 ? windows : [{ from: calendarDate(year, from.slice(2)), to: calendarDate(year, to.slice(2)) }]
}

/** "02-29" in a given year as a real date: a day past the month's end (29 February of a common year, a 31 April) becomes its last day. */
function calendarDate(year: number, monthDay: string): string {
  const month = Number(monthDay.slice(0, 2))
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${monthDay.slice(0, 2)}-${String(Math.min(Number(monthDay.slice(3, 5)), lastDay)).padStart(2, '0')}`
}
