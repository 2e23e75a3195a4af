import type { PointHit } from '../../shared/geo/query.ts'
import { presentPoint } from './present-point.ts'

/**
 * One RFC 7946 Point feature per site with coordinates ([lon, lat] order), placed where the site
 * matched (`hit.location`: a mobile unit's stop inside a bbox, else the site's own location). The
 * feature id is `<point id>/<site id>`: site ids are only unique within their point (imports name
 * a point's one site "main"), and a map needs ids unique in the collection and stable across
 * versions for feature-state highlights. Properties are a compact summary of the point; the full record is one
 * /v1/points/{id} away.
 */
export function geoJsonFeature(hit: PointHit, now: Date) {
  const { site } = hit
  const location = hit.location ?? site.location
  if (!location) return null
  const view = presentPoint(hit.point, now)
  return {
    type: 'Feature' as const,
    id: `${hit.point.id}/${site.id}`,
    geometry: { type: 'Point' as const, coordinates: [location.lon, location.lat] as [number, number] },
    properties: {
      point_id: view.id,
      site_id: site.id,
      name: view.name,
      site_label: site.label,
      kind: site.kind,
      status: view.status,
      comune: view.comune.name,
      province: view.province,
      services: view.services,
      topics: view.topics,
      open_now: view.open_now,
      next_opening: view.next_opening,
      opening_hours_text: view.opening_hours_text,
      step_free: view.accessibility.step_free,
      ...(hit.distance_m !== null ? { distance_m: hit.distance_m } : {}),
    },
  }
}
