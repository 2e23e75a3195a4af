import type { PointHit } from '../../shared/geo/query.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'
import { isOpenAt, nextOpening, openingState } from '../../shared/hours/open-at.ts'
import { siteAtPlace } from '../../shared/geo/site-places.ts'
import { toRomeIso } from '../../shared/util/rome-iso.ts'
import { pointHoursText } from '../api/present-point.ts'
import type { ExportFormat } from './export-format.ts'
import { placeFacts } from './place-facts.ts'

/**
 * One RFC 7946 Point feature per site with coordinates ([lon, lat] order), placed where the site
 * matched (`hit.location`: a mobile unit's stop inside a bbox, else the site's own location). The
 * feature id is `<point id>/<site id>` (`…@<lat>,<lon>` for a mobile unit's stop place): site ids
 * are only unique within their point (imports name a point's one site "main"), and a map needs
 * ids unique in the collection and stable across versions for feature-state highlights. Properties are a compact summary of the point; the full
 * record is one /v1/points/{id} away. Without an instant (a file), nothing that changes with the
 * clock is included.
 */
export function geoJsonFeature(hit: PointHit, now: Date | null) {
  const { point, site } = hit
  const location = hit.location ?? site.location
  if (!location) return null
  // As in the Point view: a suspended or closed point is never open (openingState knows).
  const place = placeFacts(hit, now && toRomeWallClock(now).date)
  // At a place, the site as it is there (a van at this stop); the point as a whole otherwise.
  const here = hit.place ? siteAtPlace(site, hit.place) : null
  const live = now
    ? point.status !== 'active'
      ? { open: false, next: null }
      : here
        ? { open: isOpenAt(now)(here), next: nextOpening(now)(here) }
        : { open: openingState(now)(point).open, next: nextOpening(now)(point) }
    : null
  return {
    type: 'Feature' as const,
    id: `${point.id}/${place.key}`,
    geometry: { type: 'Point' as const, coordinates: [location.lon, location.lat] as [number, number] },
    properties: {
      point_id: point.id,
      site_id: site.id,
      name: point.name,
      site_label: site.label,
      kind: site.kind,
      status: point.status,
      comune: point.comune.name,
      comune_istat: point.comune.istat,
      province: point.province,
      services: point.services,
      topics: point.topics,
      ...(live ? { open_now: live.open, next_opening: live.next ? toRomeIso(live.next) : null } : {}),
      opening_hours_text: pointHoursText(point, 'it'),
      step_free: point.accessibility.step_free,
      place_kind: place.kind,
      place_label: place.label,
      place_dates: place.dates,
      place_comune_istat: place.comuneIstat,
      place_sessions: place.sessions,
      // Which data set the point comes from: "demo" says the point is generated, not real.
      source_dataset: point.source.dataset,
      ...(hit.distance_m !== null ? { distance_m: hit.distance_m } : {}),
    },
  }
}

export const geoJsonFormat: ExportFormat = {
  name: 'geojson',
  contentType: 'application/geo+json; charset=utf-8',
  fileName: 'punti-facilitazione.geojson',
  open: () => '{"type":"FeatureCollection","features":[',
  row: (hit, at) => {
    const feature = geoJsonFeature(hit, at)
    return feature && JSON.stringify(feature)
  },
  separator: ',',
  // RFC 7946 §6.1 allows foreign members: the next page's cursor travels in the collection.
  close: (nextCursor) => (nextCursor === undefined ? ']}' : `],"next_cursor":${JSON.stringify(nextCursor)}}`),
}
