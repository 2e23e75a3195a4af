import type { LocalDate, Location } from '../schemas/hours.ts'
import type { Site } from '../schemas/point.ts'

/**
 * Where a site can be met, i.e. the places the snapshot indexes for it.
 * - A fixed or seasonal site: its `location`.
 * - A mobile unit with upcoming dated stops: each distinct stop place (same coordinates = same
 *   place, whatever the label), plus its `location` only if it also keeps a weekly schedule there.
 * - A mobile unit with no upcoming stop: its `location` (its base), so a point never vanishes
 *   from the map because its calendar lapsed; "open at" still tells the truth about it.
 * - An online site: nowhere; it matches only queries without a place.
 */
export const PlaceRole = {
  /** `site.location`, where the whole site (schedule and any stops) applies. */
  wholeSite: 0,
  /** `site.location` of a mobile unit that also has upcoming stops: only the weekly schedule applies. */
  weeklyBase: 1,
  /** One distinct stop place: only the stops at these coordinates apply. */
  stop: 2,
} as const
export type PlaceRole = (typeof PlaceRole)[keyof typeof PlaceRole]

export interface SitePlace {
  readonly role: PlaceRole
  readonly location: Location
}

/** The places to index for `site`, counting as upcoming the stops dated `fromDate` or later. */
export function sitePlaces(site: Site, fromDate: LocalDate): SitePlace[] {
  if (site.kind === 'online') return []
  // Most sites have no stops: answer without the Set, once per site of a million-site build.
  if (site.stops === undefined || site.stops.length === 0) {
    return site.location ? [{ role: PlaceRole.wholeSite, location: site.location }] : []
  }
  const places: SitePlace[] = []
  const seen = new Set<string>()
  for (const stop of site.stops ?? []) {
    if (stop.date < fromDate) continue
    const key = `${stop.place.location.lat},${stop.place.location.lon}`
    if (seen.has(key)) continue
    seen.add(key)
    places.push({ role: PlaceRole.stop, location: stop.place.location })
  }
  if (!site.location) return places
  if (places.length === 0) return [{ role: PlaceRole.wholeSite, location: site.location }]
  if (hasWeeklyHours(site)) places.push({ role: PlaceRole.weeklyBase, location: site.location })
  return places
}

/**
 * The site as it is at one of its places: what "open at" must be asked about, so that a van open
 * today in one town is not reported open at tomorrow's stop in the next one.
 */
export function siteAtPlace(site: Site, place: SitePlace): Site {
  if (place.role === PlaceRole.wholeSite) return site
  const { stops, opening_hours, ...rest } = site
  if (place.role === PlaceRole.weeklyBase) return opening_hours ? { ...rest, opening_hours } : rest
  const { lat, lon } = place.location
  return { ...rest, stops: (stops ?? []).filter((s) => s.place.location.lat === lat && s.place.location.lon === lon) }
}

function hasWeeklyHours(site: Site): boolean {
  const week = site.opening_hours
  return week !== undefined && Object.values(week).some((day) => day !== undefined && day.length > 0)
}
