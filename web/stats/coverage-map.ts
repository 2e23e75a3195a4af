import type * as maplibregl from 'maplibre-gl'
import type { FeatureCollection, Point } from 'geojson'
import type { CoverageComune } from '../../shared/schemas/coverage-view.ts'
import { createBaseMap, paddedBounds, type BaseMapOptions } from '../map/base-map.ts'
import { bandOf, DISTANCE_BANDS } from './distance-bands.ts'

/**
 * The statistics' map: every comune of the area as a circle coloured by its distance band and
 * sized by its residents, on the locator's map component (same basemap, fall-back and controls).
 * The gazetteer has each comune's point, not its boundary, so the classes are drawn as dots.
 */
const SOURCE = 'coverage-comuni'

export type CoverageMapOptions = Omit<BaseMapOptions, 'ownSources' | 'addLayers' | 'bounds'> & { readonly comuni: readonly CoverageComune[] }

function toFeatures(comuni: readonly CoverageComune[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: comuni.map((comune) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [comune.lon, comune.lat] },
      properties: { name: comune.name, band: bandOf(comune.distance_km).key, population: comune.population },
    })),
  }
}

export async function createCoverageMap(options: CoverageMapOptions): Promise<maplibregl.Map> {
  const data = toFeatures(options.comuni)
  const bounds = paddedBounds(options.comuni, 0.05)
  return createBaseMap({
    ...options,
    ...(bounds ? { bounds } : {}),
    ownSources: new Set([SOURCE]),
    addLayers: (map) => {
      map.addSource(SOURCE, { type: 'geojson', data })
      map.addLayer({
        id: 'comuni-distance',
        type: 'circle',
        source: SOURCE,
        paint: {
          'circle-color': ['match', ['get', 'band'], ...DISTANCE_BANDS.flatMap((band) => [band.key, band.colour]), '#4d4d4d'] as unknown as maplibregl.ExpressionSpecification,
          // Area grows with residents: radius with their square root, from a village's 3 px to a city's 16.
          'circle-radius': ['interpolate', ['linear'], ['sqrt', ['get', 'population']], 0, 3, 100, 6, 1000, 16],
          'circle-stroke-color': '#17324d',
          'circle-stroke-width': 0.6,
          'circle-opacity': 0.9,
        },
      })
    },
  })
}
