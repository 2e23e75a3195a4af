import type { StyleSpecification } from 'maplibre-gl'
import { BASEMAP_FILES, BASEMAP_FOLDER } from './basemap-files.ts'

/**
 * The offline basemap: Italy's regions and provinces drawn from the simplified boundaries that
 * ship with the page (`basemap/*.geojson`, copied from data/ by web/build.ts). No tiles, no
 * fonts, no third-party host: the map works with no network at all. Colours follow Bootstrap
 * Italia's neutrals so the results (in #0066CC) stand out.
 */
export function builtinStyle(basemapBase: string): StyleSpecification {
  return {
    version: 8,
    sources: {
      regions: { type: 'geojson', data: new URL(`${BASEMAP_FOLDER}/${BASEMAP_FILES.regions}`, basemapBase).toString() },
      provinces: { type: 'geojson', data: new URL(`${BASEMAP_FOLDER}/${BASEMAP_FILES.provinces}`, basemapBase).toString() },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#d6e6f5' } },
      { id: 'land', type: 'fill', source: 'regions', paint: { 'fill-color': '#f7f9fa' } },
      { id: 'province-borders', type: 'line', source: 'provinces', minzoom: 6, paint: { 'line-color': '#c5ced8', 'line-width': 0.8 } },
      { id: 'region-borders', type: 'line', source: 'regions', paint: { 'line-color': '#8a9bad', 'line-width': 1.2 } },
    ],
  }
}
