import * as maplibregl from 'maplibre-gl'
import type { Feature, FeatureCollection, Point } from 'geojson'
import type { PointView } from '../../shared/schemas/point-view.ts'
import { createBaseMap, type BaseMapOptions } from './base-map.ts'

/**
 * The map of the current results, loaded after the list. It owns no filter state: it is told
 * the results and which one to highlight, and reports which one the citizen chose.
 */
export interface ResultsMapOptions extends Omit<BaseMapOptions, 'ownSources' | 'addLayers' | 'bounds'> {
  /** "12 punti": the cluster's count for screen readers is not needed (the list is the text alternative), but its title is. */
  readonly clusterLabel: (count: number) => string
  /** The tooltip of the searched place's marker. */
  readonly originLabel: string
  readonly onSelect: (id: string) => void
  /** The pointer entered (`id`) or left (`null`) a pin: the list marks that card. */
  readonly onHover?: (id: string | null) => void
}

export interface ResultsMap {
  /** The results in list order: pin n is card n, green when its card says open (now, or at the time chosen). */
  setResults(points: readonly PointView[], isOpen: (point: PointView) => boolean, options?: { keepView?: boolean }): void
  /** The place searched (a comune's centre, or the rounded position), marked and kept in view; null clears it. */
  setOrigin(origin: { lat: number; lon: number } | null): void
  /** The container was hidden and is shown again (the phone's map view): redraw at its size. */
  resize(): void
  highlight(id: string | null): void
  /** Pans to the point and marks it, after the citizen chose it in the list. */
  focus(id: string): void
  destroy(): void
}

const SOURCE = 'results'
/** The chosen result alone, drawn above everything else: a pin inside a cluster still shows. */
const SELECTED_SOURCE = 'selected'
const OWN_SOURCES = new Set([SOURCE, SELECTED_SOURCE])
const ACCENT = '#0066cc'
const SELECTED = '#003366'
/** Open pins' fill: the page's "Aperto" green (5.0:1 with the white number). */
const OPEN = '#008055'

interface Indexed {
  readonly ids: string[]
  readonly collection: FeatureCollection<Point>
}

function toFeatures(points: readonly PointView[], isOpen: (point: PointView) => boolean): Indexed {
  const ids: string[] = []
  const features: Array<Feature<Point>> = []
  for (const [n, point] of points.entries()) {
    // Where the list says it is: the matched place (a van's stop), else the shown site, else the main one.
    const location = point.matched_place?.location ?? point.site?.location ?? point.location
    if (!location) continue
    const open = isOpen(point)
    // Clustered sources need numeric feature ids for feature-state: the index into `ids`.
    features.push({ type: 'Feature', id: ids.length, geometry: { type: 'Point', coordinates: [location.lon, location.lat] }, properties: { open, name: point.name, n: n + 1 } })
    ids.push(point.id)
  }
  return { ids, collection: { type: 'FeatureCollection', features } }
}

/** An HTML element laid over the map: decorative for assistive technology, and letting clicks through to the map. */
function overlay(className: string): HTMLElement {
  const element = document.createElement('div')
  element.className = className
  element.setAttribute('aria-hidden', 'true')
  return element
}

export async function createResultsMap(options: ResultsMapOptions): Promise<ResultsMap> {
  const map = await createBaseMap({ ...options, ownSources: OWN_SOURCES, addLayers: onStyleLoad })
  let indexed: Indexed = { ids: [], collection: { type: 'FeatureCollection', features: [] } }
  /** The result under the pointer or keyboard in the list, and the one whose detail is open. */
  let hovered: number | null = null
  let selected: number | null = null
  let highlighted: number | null = null
  let loaded = false
  // Names, counts and numbers are HTML markers laid over the map: drawn the same over any basemap,
  // and kept out of WebGL's label collisions. Hidden from screen readers; the list is the text alternative.
  const nameLabel = new maplibregl.Marker({ element: overlay('pv-map-label'), anchor: 'bottom', offset: [0, -14] })
  const counts = new Map<number, maplibregl.Marker>()
  /** The list's numbers on the single pins in view (the cards carry the same numbers). */
  const numbers = new Map<number, maplibregl.Marker>()
  const originElement = overlay('pv-map-origin')
  originElement.title = options.originLabel
  const originMarker = new maplibregl.Marker({ element: originElement })
  let origin: { lat: number; lon: number } | null = null

  const selectedCollection = (): FeatureCollection<Point> => {
    const feature = selected === null ? undefined : indexed.collection.features[selected]
    return { type: 'FeatureCollection', features: feature ? [feature] : [] }
  }

  /** The results' sources and layers, on every style the map loads (the first, and the built-in one after a fall-back). */
  function addResultLayers(): void {
    map.addSource(SOURCE, { type: 'geojson', data: indexed.collection, cluster: true, clusterRadius: 40, clusterMaxZoom: 13 })
    map.addSource(SELECTED_SOURCE, { type: 'geojson', data: selectedCollection() })
    map.addLayer({
      id: 'clusters',
      type: 'circle',
      source: SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        // Opaque: the white count over it keeps 5.6:1 (at 0.85 over the land it was 4.3:1, WCAG 1.4.3).
        'circle-color': ACCENT,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        'circle-radius': ['step', ['get', 'point_count'], 12, 5, 16, 20, 22],
      },
    })
    map.addLayer({
      id: 'points',
      type: 'circle',
      source: SOURCE,
      filter: ['!', ['has', 'point_count']],
      // Open: a filled pin; the others: a ring with a white centre. Not told by colour alone (WCAG
      // 1.4.1): the legend under the map says which is which, and the number says which card.
      paint: {
        'circle-color': ['case', ['get', 'open'], ['case', ['boolean', ['feature-state', 'highlight'], false], SELECTED, OPEN], '#ffffff'],
        'circle-radius': ['case', ['boolean', ['feature-state', 'highlight'], false], 11, 8],
        'circle-stroke-color': ['case', ['get', 'open'], '#ffffff', ['case', ['boolean', ['feature-state', 'highlight'], false], SELECTED, ACCENT]],
        'circle-stroke-width': ['case', ['get', 'open'], 2, 3],
      },
    })
    map.addLayer({
      id: 'selected-point',
      type: 'circle',
      source: SELECTED_SOURCE,
      paint: {
        'circle-color': ['case', ['get', 'open'], SELECTED, '#ffffff'],
        'circle-radius': 11,
        'circle-stroke-color': ['case', ['get', 'open'], '#ffffff', SELECTED],
        'circle-stroke-width': ['case', ['get', 'open'], 3, 4],
      },
    })
    highlighted = null
    showHighlight()
  }

  function onStyleLoad(): void {
    addResultLayers()
    if (loaded) return
    loaded = true
    fit()
  }
  map.on('click', 'clusters', async (event) => {
    const feature = event.features?.[0]
    if (!feature) return
    const source = map.getSource(SOURCE) as maplibregl.GeoJSONSource
    const zoom = await source.getClusterExpansionZoom(feature.properties.cluster_id as number)
    map.easeTo({ center: (feature.geometry as Point).coordinates as [number, number], zoom })
  })
  map.on('click', 'points', (event) => {
    const index = event.features?.[0]?.id
    const id = typeof index === 'number' ? indexed.ids[index] : undefined
    if (id) options.onSelect(id)
  })
  map.on('mousemove', 'points', (event) => {
    const index = event.features?.[0]?.id
    const id = typeof index === 'number' ? indexed.ids[index] : undefined
    if (id !== undefined) options.onHover?.(id)
  })
  map.on('mouseleave', 'points', () => options.onHover?.(null))
  for (const layer of ['clusters', 'points']) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'))
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''))
  }
  // `idle`, not `render`: `render` fires every frame while panning; the counts need the settled view only.
  map.on('idle', showClusterCounts)
  map.on('idle', showNumbers)

  /** One count marker per cluster in the current view, reused while the cluster stays, removed when it goes. */
  function showClusterCounts(): void {
    if (!map.getSource(SOURCE) || !map.isSourceLoaded(SOURCE)) return
    const inView = new Set<number>()
    for (const feature of map.querySourceFeatures(SOURCE, { filter: ['has', 'point_count'] })) {
      const id = feature.properties.cluster_id as number
      if (inView.has(id)) continue
      inView.add(id)
      if (counts.has(id)) continue
      const count = feature.properties.point_count as number
      const element = overlay('pv-map-count')
      element.textContent = String(count)
      element.title = options.clusterLabel(count)
      counts.set(id, new maplibregl.Marker({ element }).setLngLat((feature.geometry as Point).coordinates as [number, number]).addTo(map))
    }
    for (const [id, marker] of counts) {
      if (inView.has(id)) continue
      marker.remove()
      counts.delete(id)
    }
  }

  function clearClusterCounts(): void {
    for (const marker of counts.values()) marker.remove()
    counts.clear()
    for (const marker of numbers.values()) marker.remove()
    numbers.clear()
  }

  /** The list number over each unclustered pin in view, so "3" on the map is the third card. */
  function showNumbers(): void {
    if (!map.getSource(SOURCE) || !map.isSourceLoaded(SOURCE)) return
    const inView = new Set<number>()
    for (const feature of map.querySourceFeatures(SOURCE, { filter: ['!', ['has', 'point_count']] })) {
      const index = feature.id as number
      if (inView.has(index)) continue
      inView.add(index)
      if (numbers.has(index)) continue
      const element = overlay(feature.properties.open ? 'pv-map-number' : 'pv-map-number pv-map-number--ring')
      element.textContent = String(feature.properties.n)
      numbers.set(index, new maplibregl.Marker({ element }).setLngLat((feature.geometry as Point).coordinates as [number, number]).addTo(map))
    }
    for (const [index, marker] of numbers) {
      if (inView.has(index)) continue
      marker.remove()
      numbers.delete(index)
    }
  }

  function fit(): void {
    // The nearest results and the place searched: the citizen sees where they are against them.
    const coordinates = [...indexed.collection.features.map((f) => f.geometry.coordinates as [number, number]), ...(origin ? [[origin.lon, origin.lat] as [number, number]] : [])]
    if (coordinates.length === 0) return
    const bounds = coordinates.reduce((b, c) => b.extend(c), new maplibregl.LngLatBounds(coordinates[0], coordinates[0]))
    map.fitBounds(bounds, { padding: 40, maxZoom: 14, duration: 0 })
  }

  /** The hovered result grows and darkens; the selected one is drawn above everything (clusters too); the name shown is the hovered one's, else the selected one's. */
  function showHighlight(): void {
    const index = hovered ?? selected
    const feature = index === null ? undefined : indexed.collection.features[index]
    if (feature) {
      nameLabel.getElement().textContent = String(feature.properties?.name ?? '')
      nameLabel.setLngLat(feature.geometry.coordinates as [number, number]).addTo(map)
    } else nameLabel.remove()
    // Between a style change and its load the sources are gone: drawn again by addResultLayers.
    const selectedSource = map.getSource<maplibregl.GeoJSONSource>(SELECTED_SOURCE)
    if (!selectedSource) return
    selectedSource.setData(selectedCollection())
    if (highlighted !== null) map.setFeatureState({ source: SOURCE, id: highlighted }, { highlight: false })
    highlighted = hovered
    if (highlighted !== null) map.setFeatureState({ source: SOURCE, id: highlighted }, { highlight: true })
  }

  return {
    setResults(points, isOpen, { keepView = false } = {}) {
      // The same results with new statuses (a quiet refresh): the chosen pin, by id, and the view stay.
      const selectedId = keepView && selected !== null ? indexed.ids[selected] : undefined
      indexed = toFeatures(points, isOpen)
      hovered = null
      selected = selectedId !== undefined && indexed.ids.includes(selectedId) ? indexed.ids.indexOf(selectedId) : null
      highlighted = null
      if (!keepView) nameLabel.remove()
      clearClusterCounts()
      const source = map.getSource<maplibregl.GeoJSONSource>(SOURCE)
      if (!source) return
      source.setData(indexed.collection)
      map.getSource<maplibregl.GeoJSONSource>(SELECTED_SOURCE)?.setData(selectedCollection())
      if (!keepView) fit()
    },
    setOrigin(next) {
      origin = next
      if (next) originMarker.setLngLat([next.lon, next.lat]).addTo(map)
      else originMarker.remove()
      if (loaded) fit()
    },
    resize() {
      map.resize()
      fit()
    },
    highlight(id) {
      const index = id === null ? -1 : indexed.ids.indexOf(id)
      hovered = index >= 0 ? index : null
      showHighlight()
    },
    focus(id) {
      const index = indexed.ids.indexOf(id)
      const feature = indexed.collection.features[index]
      if (!feature) return
      map.easeTo({ center: feature.geometry.coordinates as [number, number], zoom: Math.max(map.getZoom(), 14) })
      selected = index
      showHighlight()
    },
    destroy: () => {
      clearClusterCounts()
      nameLabel.remove()
      originMarker.remove()
      map.remove()
    },
  }
}
