import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt'
import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { Feature, FeatureCollection, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Comune } from '../../shared/gazetteer/comuni.ts'
import { placeMinZoom } from '../../shared/map/place-rank.ts'
import { SECOND_LANGUAGE_BY_PROVINCE, officialPlaceName } from '../../shared/gazetteer/comune-names.ts'
import { loadComuni } from '../gazetteer/load-comuni.ts'
import { writePmtiles, type ArchiveTile } from './pmtiles-writer.ts'

/**
 * Builds a PMTiles archive from the data the project ships (ISTAT regions, provinces and the
 * 7,896 comuni), in the Protomaps basemap schema the street style reads: `earth` (land),
 * `boundaries` (regions, provinces) and `places` (each comune from the zoom its size earns, with
 * its Italian and, where official, second-language name). No streets: it is the archive the
 * tests publish and serve end to end, and a street-less map a region can host with no download.
 */
const DATA = resolve(import.meta.dirname, '../../data')

export type Bounds = readonly [west: number, south: number, east: number, north: number]

/** Italy with San Marino and Vatican City, Lampedusa to the Brenner. */
export const ITALY_BOUNDS: Bounds = [6.6, 35.4, 18.6, 47.1]

export interface BuildArchiveOptions {
  readonly bounds?: Bounds
  readonly minZoom?: number
  readonly maxZoom?: number
}

export interface BuiltArchive {
  readonly bytes: Uint8Array
  readonly tiles: number
  readonly layers: readonly string[]
}

const EXTENT = 4096
/** geojson-vt's default; the same the map uses for GeoJSON sources. */
const TOLERANCE = 3
const ATTRIBUTION = 'Confini e comuni © ISTAT (CC BY 4.0)'

/** Protomaps' population_rank: 1 (a hamlet) … 12 (a million), read by the style for label size. */
const RANK_THRESHOLDS = [200, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]
const populationRank = (population: number) => 1 + RANK_THRESHOLDS.filter((threshold) => population >= threshold).length

const readCollection = <G extends Polygon | MultiPolygon>(file: string) => JSON.parse(readFileSync(join(DATA, file), 'utf8')) as FeatureCollection<G>

function outlines(collection: FeatureCollection<Polygon | MultiPolygon>, properties: Record<string, unknown>): Array<Feature<LineString>> {
  return collection.features.flatMap((feature) => {
    const polygons: Position[][][] = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates
    return polygons.flatMap((rings) => rings.map((ring): Feature<LineString> => ({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates: ring } })))
  })
}

function place(comune: Comune): Feature<Point> {
  const language = SECOND_LANGUAGE_BY_PROVINCE[comune.province]
  return {
    type: 'Feature',
    properties: {
      kind: 'locality',
      kind_detail: comune.population >= 100_000 ? 'city' : comune.population >= 10_000 ? 'town' : 'village',
      name: officialPlaceName(comune.name, comune.altName),
      'name:it': comune.name,
      ...(language && comune.altName ? { [`name:${language}`]: comune.altName } : {}),
      population: comune.population,
      population_rank: populationRank(comune.population),
      min_zoom: placeMinZoom(comune.population),
      // Drawn first where labels collide: the most populous.
      sort_key: -comune.population,
      istat: comune.istat,
    },
    geometry: { type: 'Point', coordinates: [comune.lon, comune.lat] },
  }
}

const index = (features: Feature[], maxZoom: number) =>
  new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom, indexMaxZoom: Math.min(5, maxZoom), tolerance: TOLERANCE, extent: EXTENT, buffer: 64 })

function tileRange(bounds: Bounds, z: number): { x0: number; x1: number; y0: number; y1: number } {
  const n = 2 ** z
  const x = (lon: number) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)))
  const y = (lat: number) => {
    const r = (lat * Math.PI) / 180
    return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)))
  }
  return { x0: x(bounds[0]), x1: x(bounds[2]), y0: y(bounds[3]), y1: y(bounds[1]) }
}

export function buildArchive({ bounds = ITALY_BOUNDS, minZoom = 0, maxZoom = 10 }: BuildArchiveOptions = {}, comuni: readonly Comune[] = loadComuni()): BuiltArchive {
  if (!(minZoom >= 0 && minZoom <= maxZoom && maxZoom <= 14)) throw new Error(`zoom range ${minZoom}-${maxZoom}: use 0 ≤ min ≤ max ≤ 14`)
  const [west, south, east, north] = bounds
  if (!(west < east && south < north && west >= -180 && east <= 180 && south >= -85 && north <= 85)) throw new Error(`bounds ${bounds.join(',')}: expected west,south,east,north in degrees`)
  const regions = readCollection('it_regioni_simplified.geojson')
  const provinces = readCollection('it_province_simplified.geojson')
  const earth = index(regions.features.map((f) => ({ ...f, properties: { kind: 'earth' } })), maxZoom)
  const boundaries = index([...outlines(provinces, { kind: 'county', kind_detail: 6 }), ...outlines(regions, { kind: 'region', kind_detail: 4 })], maxZoom)
  const inBounds = comuni.filter((c) => c.lon >= west && c.lon <= east && c.lat >= south && c.lat <= north)
  const places = index(inBounds.map(place), maxZoom)

  const tiles: ArchiveTile[] = []
  for (let z = minZoom; z <= maxZoom; z++) {
    const { x0, x1, y0, y1 } = tileRange(bounds, z)
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const layers: Record<string, GeoJSONVTTile> = {}
        const land = earth.getTile(z, x, y)
        if (land) layers.earth = land
        const lines = boundaries.getTile(z, x, y)
        if (lines) layers.boundaries = lines
        const named = places.getTile(z, x, y)
        // A place appears from the zoom its size earns (min_zoom), as in Protomaps' own tiles.
        const shown = named?.features.filter((feature) => Number(feature.tags?.min_zoom) <= z) ?? []
        if (named && shown.length > 0) layers.places = { ...named, features: shown } as GeoJSONVTTile
        if (Object.keys(layers).length > 0) tiles.push({ z, x, y, data: fromGeojsonVt(layers, { version: 2, extent: EXTENT }) })
      }
    }
  }
  const vectorLayers = [
    { id: 'earth', fields: { kind: 'String' } },
    { id: 'boundaries', fields: { kind: 'String', kind_detail: 'Number' } },
    { id: 'places', fields: { kind: 'String', kind_detail: 'String', name: 'String', 'name:it': 'String', population: 'Number', population_rank: 'Number', min_zoom: 'Number', sort_key: 'Number', istat: 'String' } },
  ].map((layer) => ({ ...layer, minzoom: minZoom, maxzoom: maxZoom }))
  const bytes = writePmtiles(tiles, {
    bounds,
    center: [(west + east) / 2, (south + north) / 2, Math.min(maxZoom, Math.max(minZoom, 6))],
    metadata: {
      name: 'PuntoVicino — ISTAT boundaries and comuni',
      description: 'Built by `npm run basemap -- build` from the ISTAT data PuntoVicino ships: land, region and province boundaries, comuni names. No streets.',
      attribution: ATTRIBUTION,
      type: 'baselayer',
      vector_layers: vectorLayers,
    },
  })
  return { bytes, tiles: tiles.length, layers: vectorLayers.map((layer) => layer.id) }
}
