import { gunzipSync } from 'node:zlib'
import { Compression, TileType } from 'pmtiles'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { writePmtiles, type ArchiveTile } from '../../../functions/basemap/pmtiles-writer.ts'
import { readArchive } from './archive-source.ts'

const bytesOf = (text: string) => new TextEncoder().encode(text)
const options = { bounds: [6.6, 35.4, 18.6, 47.1], center: [12.4, 41.9, 6], metadata: { name: 'test', vector_layers: [{ id: 'earth' }] } } as const

/** Every tile of zoom z in a square of side n from (x0, y0). */
function square(z: number, x0: number, y0: number, n: number, content: (x: number, y: number) => string): ArchiveTile[] {
  const tiles: ArchiveTile[] = []
  for (let x = x0; x < x0 + n; x++) for (let y = y0; y < y0 + n; y++) tiles.push({ z, x, y, data: bytesOf(content(x, y)) })
  return tiles
}

describe('writePmtiles (read back with the pmtiles library)', () => {
  it('writes a v3 header the reader understands: MVT, gzip, clustered, zooms, bounds and centre', async () => {
    const archive = readArchive(writePmtiles([...square(5, 16, 11, 2, () => 'a'), ...square(7, 66, 46, 3, (x, y) => `${x}/${y}`)], options))
    const header = await archive.getHeader()
    expect(header).toMatchObject({ specVersion: 3, tileType: TileType.Mvt, tileCompression: Compression.Gzip, internalCompression: Compression.Gzip, clustered: true, minZoom: 5, maxZoom: 7, centerZoom: 6 })
    expect([header.minLon, header.minLat, header.maxLon, header.maxLat]).toEqual([6.6, 35.4, 18.6, 47.1])
    expect([header.centerLon, header.centerLat]).toEqual([12.4, 41.9])
    expect(await archive.getMetadata()).toEqual(options.metadata)
  })

  it('gives back every tile it was given, and nothing where there was none', async () => {
    const tiles = square(8, 130, 90, 12, (x, y) => `tile ${x}-${y}`)
    const archive = readArchive(writePmtiles(tiles, options))
    for (const tile of tiles) expect(new TextDecoder().decode((await archive.getZxy(tile.z, tile.x, tile.y))!.data)).toBe(`tile ${tile.x}-${tile.y}`)
    expect(await archive.getZxy(8, 129, 90)).toBeUndefined()
    expect(await archive.getZxy(9, 260, 180)).toBeUndefined()
  })

  it('stores identical tiles once and addresses runs of them with one entry (the sea, the inside of a region)', async () => {
    const tiles = square(9, 270, 180, 16, () => 'the same land')
    const bytes = writePmtiles(tiles, options)
    const header = await readArchive(bytes).getHeader()
    expect(header.numAddressedTiles).toBe(256)
    expect(header.numTileContents).toBe(1)
    expect(header.numTileEntries).toBeLessThan(256)
    expect(gunzipSync(bytes.slice(header.tileDataOffset, header.tileDataOffset + header.tileDataLength!)).toString()).toBe('the same land')
  })

  it('moves entries into leaf directories when the root would pass the first 16 KiB, and still finds every tile', async () => {
    // Tiles scattered at random, of random sizes (seeded): a directory gzip cannot squeeze into the root.
    let seed = 42
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
    const tiles = square(11, 1040, 720, 300, (x, y) => `${x}:${y}:${'.'.repeat(Math.floor(random() * 500))}`).filter(() => random() < 0.5)
    const archive = readArchive(writePmtiles(tiles, options))
    const header = await archive.getHeader()
    expect(header.leafDirectoryLength).toBeGreaterThan(0)
    expect(127 + header.rootDirectoryLength).toBeLessThanOrEqual(16_384)
    for (const tile of tiles.filter((_, i) => i % 97 === 0)) expect(new TextDecoder().decode((await archive.getZxy(11, tile.x, tile.y))!.data)).toBe(new TextDecoder().decode(tile.data))
  })

  it('round-trips any set of tiles, contents repeated or not (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ z: fc.integer({ min: 0, max: 14 }), x: fc.nat(), y: fc.nat(), content: fc.constantFrom('a', 'b', 'c', 'd') }), { minLength: 1, maxLength: 60, selector: (t) => `${t.z}/${t.x % 2 ** t.z}/${t.y % 2 ** t.z}` }),
        async (drawn) => {
          const tiles = drawn.map((t) => ({ z: t.z, x: t.x % 2 ** t.z, y: t.y % 2 ** t.z, data: bytesOf(t.content) }))
          const archive = readArchive(writePmtiles(tiles, options))
          for (const tile of tiles) expect(new TextDecoder().decode((await archive.getZxy(tile.z, tile.x, tile.y))!.data)).toBe(new TextDecoder().decode(tile.data))
        },
      ),
      { numRuns: 40 },
    )
  })

  it('refuses to write an archive with no tile', () => {
    expect(() => writePmtiles([], options)).toThrow(/at least one tile/)
  })
})
