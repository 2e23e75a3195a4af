import type * as maplibregl from 'maplibre-gl'
import type { FeatureCollection, Point } from 'geojson'
import { createBaseMap, paddedBounds, type BaseMapOptions } from '../map/base-map.ts'

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

export async function createPointMap(options: PointMapOptions): Promise<maplibregl.Map> {
  const data: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: options.places.map((place) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [place.lon, place.lat] }, properties: {} })),
  }
  return createBaseMap({
    ...options,
    // Room around a single place, so its streets show.
    bounds: paddedBounds(options.places, 0.01),
    ownSources: new Set([SOURCE]),
    addLayers: (map) => {
      map.addSource(SOURCE, { type: 'geojson', data })
      map.addLayer({ id: 'point-places', type: 'circle', source: SOURCE, paint: { 'circle-radius': 9, 'circle-color': '#0066cc', 'circle-stroke-width': 3, 'circle-stroke-color': '#ffffff' } })
    },
  })
}
