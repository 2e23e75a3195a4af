import type { StyleSpecification } from 'maplibre-gl'
import { BASEMAP_KIND_KEY } from '../../shared/map/basemap-layout.ts'
import { GLYPHS_PATH, MAP_FONTS } from '../../shared/map/map-fonts.ts'
import { PLACE_ZOOM_STEPS } from '../../shared/map/place-rank.ts'
import { BASEMAP_FILES, BASEMAP_FOLDER } from './basemap-files.ts'

/** The data's own credit, in Italian on every page: marked so, for a screen reader on an English page to read it right (WCAG 3.1.2). */
export const BUILTIN_ATTRIBUTION = '<span lang="it">Confini e comuni</span> © <a href="https://www.istat.it/" target="_blank" rel="noopener">ISTAT</a>'

/** Residents needed for a name at a zoom: a step expression from the shared table (4 → a million, …, 11 → all). */
const residentsNeededAtZoom = (): unknown[] => {
  const ascending = [...PLACE_ZOOM_STEPS].sort((a, b) => a[1] - b[1])
  return ['step', ['zoom'], Number.MAX_SAFE_INTEGER, ...ascending.flatMap(([residents, zoom]) => [zoom, residents])]
}

/**
 * The offline basemap: land and sea, Italy's regions and provinces, and the names of its 7,896
 * comuni (larger towns first as the map zooms in), all from the ISTAT data that ships with the
 * page (`basemap/*`, written by the build), with our own glyphs. No tiles, no third-party host:
 * it works with no network beyond our origin, and it is where the map falls back when a street
 * map's style or tiles fail. Colours follow Bootstrap Italia's neutrals so the results (in
 * #0066CC) stand out.
 *
 * Its addresses are relative to `tiles/style.json`, where the build writes it: the site's style
 * until a street map is published over it (see basemap-style.ts), so the page always finds a
 * style there and never logs a 404.
 */
export function builtinStyle(): StyleSpecification {
  // From tiles/style.json up to the site's root.
  const file = (name: string) => `../${BASEMAP_FOLDER}/${name}`
  return {
    version: 8,
    name: 'PuntoVicino — ISTAT',
    metadata: { [BASEMAP_KIND_KEY]: 'builtin' },
    glyphs: `../${GLYPHS_PATH}`,
    sources: {
      regions: { type: 'geojson', data: file(BASEMAP_FILES.regions), attribution: BUILTIN_ATTRIBUTION },
      provinces: { type: 'geojson', data: file(BASEMAP_FILES.provinces) },
      comuni: { type: 'geojson', data: file(BASEMAP_FILES.comuni) },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#d6e6f5' } },
      { id: 'land', type: 'fill', source: 'regions', paint: { 'fill-color': '#f7f9fa' } },
      { id: 'province-borders', type: 'line', source: 'provinces', minzoom: 6, paint: { 'line-color': '#c5ced8', 'line-width': 0.8 } },
      { id: 'region-borders', type: 'line', source: 'regions', paint: { 'line-color': '#8a9bad', 'line-width': 1.2 } },
      {
        id: 'comune-names',
        type: 'symbol',
        source: 'comuni',
        minzoom: 4,
        filter: ['>=', ['get', 'p'], residentsNeededAtZoom()] as never,
        layout: {
          // Bolzano over Bozen: both official names, the second smaller.
          'text-field': ['case', ['has', 'a'], ['format', ['get', 'n'], {}, '\n', {}, ['get', 'a'], { 'font-scale': 0.85 }], ['get', 'n']],
          'text-font': ['step', ['get', 'p'], ['literal', [MAP_FONTS.regular]], 100_000, ['literal', [MAP_FONTS.bold]]],
          'text-size': ['interpolate', ['linear'], ['zoom'], 5, ['step', ['get', 'p'], 11, 200_000, 13], 10, ['step', ['get', 'p'], 12, 20_000, 14, 200_000, 17], 14, ['step', ['get', 'p'], 14, 20_000, 17]],
          'symbol-sort-key': ['-', ['get', 'p']],
          'text-padding': 4,
          'text-max-width': 8,
        },
        paint: { 'text-color': '#17324d', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
    ],
  }
}
