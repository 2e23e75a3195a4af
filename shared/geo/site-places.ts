import type { LocalDate, Location, Stop } from '../schemas/hours.ts'
import type { Site } from '../schemas/point.ts'
import { WEEKDAYS } from '../vocabulary.ts'

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
  const places: SitePlace[] = []
  visitSitePlaces(site, fromDate, { place: (role, location) => places.push({ role, location }) })
  return places
}

/** Receives the places of a site one by one, in `sitePlaces` order. */
export interface SitePlaceSink {
  place(role: PlaceRole, location: Location): void
}

/**
 * `sitePlaces` without the array: tells `sink` (if any) each place and returns how many there
 * are. The snapshot walks a million sites with it, twice (count, then write), so it creates
 * nothing: distinct stop places are found by looking back over the earlier stops, which for the
 * few stops of a real mobile unit is cheaper than building a key and a Set.
 */
export function visitSitePlaces(site: Site, fromDate: LocalDate, sink: SitePlaceSink | null): number {
  if (site.kind === 'online') return 0
  let count = 0
  const stops = site.stops
  if (stops !== undefined) {
    for (let i = 0; i < stops.length; i++) {
      const stop = stops[i]!
      if (stop.date < fromDate || !isFirstUpcomingStopThere(stops, i, fromDate)) continue
      sink?.place(PlaceRole.stop, stop.place.location)
      count++
    }
  }
  const location = site.location
  if (!location) return count
  if (count === 0) {
    sink?.place(PlaceRole.wholeSite, location)
    return 1
  }
  if (hasWeeklyHours(site)) {
    sink?.place(PlaceRole.weeklyBase, location)
    count++
  }
  return count
}

/** Whether no upcoming stop before `stops[i]` stands at the same coordinates (same place, whatever the label). */
function isFirstUpcomingStopThere(stops: readonly Stop[], i: number, fromDate: LocalDate): boolean {
  const { lat, lon } = stops[i]!.place.location
  for (let j = 0; j < i; j++) {
    const earlier = stops[j]!
    if (earlier.date >= fromDate && earlier.place.location.lat === lat && earlier.place.location.lon === lon) return false
  }
  return true
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

/** The stop a place of the `stop` role stands for (the first at its coordinates), else undefined. */
export function stopAtPlace(site: Site, place: SitePlace): Stop | undefined {
  if (place.role !== PlaceRole.stop) return undefined
  const { lat, lon } = place.location
  return site.stops?.find((stop) => stop.place.location.lat === lat && stop.place.location.lon === lon)
}

/** Whether the site's week has an opening on some day. */
export function hasWeeklyHours(site: Site): boolean {
  const week = site.opening_hours
  if (week === undefined) return false
  for (let day = 0; day < DAY_KEYS.length; day++) {
    const intervals = week[DAY_KEYS[day]!]
    if (intervals !== undefined && intervals.length > 0) return true
  }
  return false
}

// Module-local copy: read a million times, and an imported binding may compile to a getter call.
const DAY_KEYS = WEEKDAYS
