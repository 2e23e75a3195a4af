import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { TileType } from 'pmtiles'
import { describe, expect, it } from 'vitest'
import { buildArchive, type Bounds } from '../../../functions/basemap/build-archive.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { readArchive } from './archive-source.ts'
import { UMBRIA_BOUNDS } from './fixture-archive.ts'

function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z
  const r = (lat * Math.PI) / 180
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)]
}

async function placesAt(bytes: Uint8Array, lon: number, lat: number, z: number): Promise<Array<Record<string, unknown>>> {
  const [x, y] = tileAt(lon, lat, z)
  const tile = await readArchive(bytes).getZxy(z, x, y)
  const layer = tile && new VectorTile(new PbfReader(new Uint8Array(tile.data))).layers.places
  return layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties) : []
}

const perugia = loadComuni().find((c) => c.name === 'Perugia')!
const umbria = buildArchive({ bounds: UMBRIA_BOUNDS, minZoom: 5, maxZoom: 12 })

describe('buildArchive (an archive from the shipped ISTAT data, in the Protomaps schema)', () => {
  it('is a vector archive of the requested zooms and bounds, listing its layers', async () => {
    const archive = readArchive(umbria.bytes)
    const header = await archive.getHeader()
    expect(header).toMatchObject({ tileType: TileType.Mvt, minZoom: 5, maxZoom: 12, minLon: 11.8, minLat: 42.3, maxLon: 13.3, maxLat: 43.7 })
    const metadata = (await archive.getMetadata()) as { vector_layers: Array<{ id: string }>; attribution: string }
    expect(metadata.vector_layers.map((l) => l.id)).toEqual(['earth', 'boundaries', 'places'])
    expect(metadata.attribution).toContain('ISTAT')
    expect(umbria.bytes.length).toBeLessThan(2 * 1024 * 1024)
  })

  it('names Perugia at city zoom, with its residents, as the street style reads places', async () => {
    const places = await placesAt(umbria.bytes, perugia.lon, perugia.lat, 12)
    expect(places).toContainEqual(expect.objectContaining({ kind: 'locality', name: 'Perugia', 'name:it': 'Perugia', population: perugia.population, min_zoom: 6 }))
  })

  it('draws each comune from the zoom its size earns: villages only when zoomed in', async () => {
    const small = loadComuni().find((c) => c.province === 'PG' && c.population < 5_000)!
    const at = (z: number) => placesAt(umbria.bytes, small.lon, small.lat, z)
    expect((await at(8)).map((p) => p.name)).not.toContain(small.name)
    expect((await at(11)).map((p) => p.name)).toContain(small.name)
    expect((await at(7)).every((p) => Number(p.min_zoom) <= 7)).toBe(true)
  })

  it('writes both official names where there are two, as OpenStreetMap does (Bolzano - Bozen)', async () => {
    const south_tyrol: Bounds = [11.2, 46.4, 11.5, 46.6]
    const bytes = buildArchive({ bounds: south_tyrol, minZoom: 10, maxZoom: 10 }).bytes
    const bolzano = loadComuni().find((c) => c.name === 'Bolzano')!
    expect(await placesAt(bytes, bolzano.lon, bolzano.lat, 10)).toContainEqual(expect.objectContaining({ name: 'Bolzano - Bozen', 'name:it': 'Bolzano', 'name:de': 'Bozen' }))
  })

  it('has land and boundaries where Umbria is', async () => {
    const [x, y] = tileAt(perugia.lon, perugia.lat, 9)
    const tile = await readArchive(umbria.bytes).getZxy(9, x, y)
    const layers = new VectorTile(new PbfReader(new Uint8Array(tile!.data))).layers
    expect(layers.earth?.length).toBeGreaterThan(0)
    expect(layers.boundaries?.length).toBeGreaterThan(0)
  })

  it('refuses bounds and zooms that make no archive', () => {
    expect(() => buildArchive({ bounds: [13, 42, 12, 43] })).toThrow(/bounds/)
    expect(() => buildArchive({ minZoom: 8, maxZoom: 6 })).toThrow(/zoom range/)
    expect(() => buildArchive({ maxZoom: 15 })).toThrow(/zoom range/)
  })
})
