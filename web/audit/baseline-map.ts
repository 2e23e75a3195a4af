import * as maplibregl from 'maplibre-gl'
import { builtinBasemap } from '../map/basemap-style.ts'

/**
 * The baseline the page must beat: the usual locator, a MapLibre page that clusters the same
 * results, with the same offline basemap. Built and served only by `npm run audit:web`.
 */
const params = new URLSearchParams(location.search)
const api = params.get('api')!
const map = new maplibregl.Map({ container: 'map', style: builtinBasemap(new URL('./', location.href).toString()), bounds: [6.6, 36.6, 18.6, 47.1] })
map.on('load', () => {
  map.addSource('points', { type: 'geojson', data: `${api}/v1/points.geojson?near=${params.get('near')}&limit=20`, cluster: true, clusterRadius: 40 })
  map.addLayer({ id: 'clusters', type: 'circle', source: 'points', filter: ['has', 'point_count'], paint: { 'circle-color': '#0066cc', 'circle-radius': 16 } })
  map.addLayer({ id: 'points', type: 'circle', source: 'points', filter: ['!', ['has', 'point_count']], paint: { 'circle-color': '#0066cc', 'circle-radius': 7 } })
})
