import * as maplibregl from 'maplibre-gl'
import { Protocol } from 'pmtiles'
import maplibreCss from 'maplibre-gl/dist/maplibre-gl.css'
import mapControlsCss from '../styles/map-controls.css'
import { withOwnRem } from '../dom/own-rem.ts'
import { builtinBasemap, chooseBasemap, defaultStyleUrl } from './basemap-style.ts'

/**
 * One map component for every page that draws one (the locator's results, the statistics'
 * comuni): the site's basemap (a street map's archive, else the built-in offline map), its
 * fall-back when the street map fails, MapLibre's CSS where the map lives, zoom buttons, and
 * the map under a registered symbol for diagnostics and the browser tests. The caller adds its
 * own sources and layers in `addLayers`, which runs on every style the map loads.
 */
export interface BaseMapOptions {
  readonly container: HTMLElement
  /** A style URL (`https://…/style.json`, whose sources may be `pmtiles://…`); absent: the site's own `tiles/style.json`, else the built-in offline style. */
  readonly styleUrl?: string | null
  /** Where `basemap/*.geojson` are served (the page's asset base). */
  readonly assetBase: string
  readonly label: string
  /** MapLibre's UI strings in the page's language (see map-locale.ts). */
  readonly locale: Record<string, string>
  /** The caller's sources: an error in one of them is not the basemap's failure. */
  readonly ownSources: ReadonlySet<string>
  /** Adds the caller's sources and layers; called on the first style and again after a fall-back. */
  readonly addLayers: (map: maplibregl.Map) => void
  /** The street map's style or tiles failed and the built-in map is shown instead: the page says so. `reason` is for the console. */
  readonly onBasemapFallback?: (reason: string) => void
  /** The map cannot draw at all (its worker did not load: a host page's policy refusing it): the page says so. */
  readonly onUnavailable?: (reason: string) => void
  readonly bounds?: [number, number, number, number]
}

/** `container[Symbol.for('puntovicino.map')]`: the MapLibre map drawn in a container. */
export const MAP_HANDLE = Symbol.for('puntovicino.map')
let pmtilesRegistered = false

let mapSheet: CSSStyleSheet | undefined
/**
 * MapLibre's CSS and our controls' sizes, put where the map lives: the document, or the widget's
 * shadow root (which page styles cannot reach). A constructed stylesheet, which a host's
 * Content-Security-Policy without 'unsafe-inline' does not refuse as it would a <style> element.
 */
function adoptMapCss(container: HTMLElement): void {
  const root = container.getRootNode() as Document | ShadowRoot
  if (!mapSheet) {
    mapSheet = new CSSStyleSheet()
    // Lengths in rem follow the widget's own text size in its shadow root (own-rem.ts), 1rem elsewhere.
    mapSheet.replaceSync(withOwnRem(`${maplibreCss}\n${mapControlsCss}`))
  }
  if (!root.adoptedStyleSheets.includes(mapSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, mapSheet]
}

export async function createBaseMap(options: BaseMapOptions): Promise<maplibregl.Map> {
  adoptMapCss(options.container)
  if (!pmtilesRegistered) {
    // A self-hosted PMTiles archive is read with HTTP range requests: no tile server.
    maplibregl.addProtocol('pmtiles', new Protocol().tile)
    pmtilesRegistered = true
  }
  // `||`: an empty URL (a `map-style=""` attribute) means no style given, as absent does.
  const basemap = await chooseBasemap(options.styleUrl || defaultStyleUrl(options.assetBase), options.assetBase)
  if (basemap.failure) {
    console.warn(`[puntovicino] street map unavailable, built-in map shown: ${basemap.failure}`)
    options.onBasemapFallback?.(basemap.failure)
  }
  const map = new maplibregl.Map({
    container: options.container,
    style: basemap.style,
    bounds: options.bounds ?? [6.6, 36.6, 18.6, 47.1],
    // Compact: an (i) on a phone, opened at first; the sources' credits (ISTAT, OpenStreetMap) as their licences ask.
    attributionControl: { compact: true },
    cooperativeGestures: true,
    maxZoom: 17,
    locale: options.locale,
  })
  let streets = basemap.kind === 'streets'
  let styleLoaded = false
  // Diagnostics (and the browser tests): which basemap is drawn, and the map itself under a
  // registered symbol, so a support session can ask it what it shows.
  options.container.dataset.basemap = basemap.kind
  Object.defineProperty(options.container, MAP_HANDLE, { value: map, configurable: true })
  /** The street map failed (its style, its archive, a tile): the built-in map instead, once, and the page is told. */
  function fallBack(reason: string): void {
    if (!streets) return
    streets = false
    options.container.dataset.basemap = 'builtin'
    console.warn(`[puntovicino] street map failed, built-in map shown: ${reason}`)
    map.setStyle(builtinBasemap(options.assetBase), { diff: false })
    options.onBasemapFallback?.(reason)
  }
  map.on('error', (event: maplibregl.ErrorEvent & { sourceId?: string }) => {
    // MapLibre's own words when its worker script is refused (it fires no policy event in the page).
    if (event.error?.message?.startsWith('Worker failed to load')) return options.onUnavailable?.(event.error.message)
    if (event.sourceId ? !options.ownSources.has(event.sourceId) : !styleLoaded) fallBack(event.error?.message ?? 'unknown error')
  })
  map.getCanvas().setAttribute('aria-label', options.label)
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
  map.on('style.load', () => {
    styleLoaded = true
    options.addLayers(map)
  })
  return map
}

/** The box around `places` widened by `margin` degrees on every side ([west, south, east, north]), or undefined for none. */
export function paddedBounds(places: ReadonlyArray<{ readonly lat: number; readonly lon: number }>, margin: number): [number, number, number, number] | undefined {
  if (places.length === 0) return undefined
  const lons = places.map((p) => p.lon)
  const lats = places.map((p) => p.lat)
  return [Math.min(...lons) - margin, Math.min(...lats) - margin, Math.max(...lons) + margin, Math.max(...lats) + margin]
}
