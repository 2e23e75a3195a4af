import type * as maplibregl from 'maplibre-gl'
import type { FeatureCollection, Point } from 'geojson'
import { createBaseMap, type BaseMapOptions } from '../map/base-map.ts'

/**
 * A point page's map: each place where the point can be met (its sites, a van's stops) as a dot,
 * on the locator's map component (same basemap, fall-back and controls). The places are named in
 * the page's text above it; the map shows where they are.
 */
const SOURCE = 'point-places'

export interface PointPlace {
  readonly lat: number
  readonly lon: number
}

export type PointMapOptions = Omit<BaseMapOptions, 'ownSources' | 'addLayers' | 'bounds'> & { readonly places: readonly PointPlace[] }

function boundsOf(places: readonly PointPlace[]): [number, number, number, number] {
  const lons = places.map((p) => p.lon)
  const lats = places.map((p) => p.lat)
  // Room around a single place, so its streets show.
  const margin = 0.01
  return [Math.min(...lons) - margin, Math.min(...lats) - margin, Math.max(...lons) + margin, Math.max(...lats) + margin]
}

export async function createPointMap(options: PointMapOptions): Promise<maplibregl.Map> {
  const data: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: options.places.map((place) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [place.lon, place.lat] }, properties: {} })),
  }
  return createBaseMap({
    ...options,
    bounds: boundsOf(options.places),
    ownSources: new Set([SOURCE]),
    addLayers: (map) => {
      map.addSource(SOURCE, { type: 'geojson', data })
      map.addLayer({ id: 'point-places', type: 'circle', source: SOURCE, paint: { 'circle-radius': 9, 'circle-color': '#0066cc', 'circle-stroke-width': 3, 'circle-stroke-color': '#ffffff' } })
    },
  })
}
