import type { PointHit } from '../../shared/geo/query.ts'
import { PlaceRole } from '../../shared/geo/site-places.ts'
import { isClosedOn } from '../../shared/hours/open-at.ts'

/**
 * What an export row says about its place: which kind (the whole site; a mobile unit's weekly
 * base; one of its stop places), its name, and the dates of the unit's stops there. A mobile
 * unit has one row per stop place, so `near` measures the same distance in an export as in
 * /v1/points, and a reader sees where and when the van comes.
 */
export interface PlaceFacts {
  readonly kind: 'site' | 'base' | 'stop' | null
  readonly label: string
  /** The dates of the stops at this place, sorted (empty but for stops). */
  readonly dates: readonly string[]
  /** Unique within the point: the site id, and the stop's coordinates for a stop place. */
  readonly key: string
}

/**
 * `fromDate` (Rome's today, for an answer computed now): the stops before it are past and left out.
 * Null (a file made without a clock): every stop there. A stop on a day the site is closed (a dated
 * closure) does not happen and is never listed, as `next_stops` never lists it.
 */
export function placeFacts({ site, place }: PointHit, fromDate: string | null): PlaceFacts {
  if (!place) return { kind: null, label: site.label, dates: [], key: site.id }
  if (place.role !== PlaceRole.stop) return { kind: place.role === PlaceRole.weeklyBase ? 'base' : 'site', label: site.label, dates: [], key: site.id }
  const { lat, lon } = place.location
  const here = (site.stops ?? []).filter((stop) => stop.place.location.lat === lat && stop.place.location.lon === lon)
  const happening = here.filter((stop) => (fromDate === null || stop.date >= fromDate) && !isClosedOn(site, stop.date))
  return {
    kind: 'stop',
    label: here[0]?.place.label ?? site.label,
    dates: [...new Set(happening.map((stop) => stop.date))].sort(),
    key: `${site.id}@${lat},${lon}`,
  }
}
