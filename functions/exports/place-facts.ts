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
  /** Each of those stops with its hours, "2026-12-12 09:30-12:30", in time order (empty but for stops). */
  readonly sessions: readonly string[]
  /** Unique within the point: the site id, and the stop's coordinates for a stop place. */
  readonly key: string
  /**
   * The ISTAT code of the comune the place is in, as the registry says it: a stop's own, a site's
   * own, else the point's (a site written without one is in the point's comune); null online, and
   * for a stop that names none. A third of the demo registry's rows are elsewhere than the point's
   * comune: counting by the point's comune put a van's villages in its home town.
   */
  readonly comuneIstat: string | null
}

/**
 * `fromDate` (Rome's today, for an answer computed now): the stops before it are past and left out.
 * Null (a file made without a clock): every stop there. A stop on a day the site is closed (a dated
 * closure) does not happen and is never listed, as `next_stops` never lists it.
 */
export function placeFacts({ point, site, place }: PointHit, fromDate: string | null): PlaceFacts {
  if (!place) return { kind: null, label: site.label, dates: [], sessions: [], key: site.id, comuneIstat: null }
  const siteComune = site.comune?.istat ?? point.comune.istat
  if (place.role !== PlaceRole.stop) return { kind: place.role === PlaceRole.weeklyBase ? 'base' : 'site', label: site.label, dates: [], sessions: [], key: site.id, comuneIstat: siteComune }
  const { lat, lon } = place.location
  const here = (site.stops ?? []).filter((stop) => stop.place.location.lat === lat && stop.place.location.lon === lon)
  const happening = here.filter((stop) => (fromDate === null || stop.date >= fromDate) && !isClosedOn(site, stop.date))
  return {
    kind: 'stop',
    label: here[0]?.place.label ?? site.label,
    dates: [...new Set(happening.map((stop) => stop.date))].sort(),
    sessions: [...new Set(happening.map((stop) => `${stop.date} ${stop.start}-${stop.end}`))].sort(),
    key: `${site.id}@${lat},${lon}`,
    comuneIstat: here[0]?.place.comune_istat ?? null,
  }
}
