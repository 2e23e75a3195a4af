import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { Compression, TileType, tileIdToZxy, zxyToTileId } from 'pmtiles'

/**
 * Writes a PMTiles v3 archive (spec: github.com/protomaps/PMTiles, spec/v3/spec.md) of vector
 * tiles: clustered, gzip for directories, metadata and tiles, identical tiles stored once and
 * runs of them addressed by one entry, leaf directories when the root would not fit the first
 * 16 KiB. The `pmtiles` library reads archives but writes none, so this follows its reference
 * writer (python/pmtiles/writer.py); tests read every tile back with the library's reader.
 * In memory: it makes the archives our own tooling builds from the shipped data (a few MB).
 */
export interface ArchiveTile {
  readonly z: number
  readonly x: number
  readonly y: number
  /** The tile's Mapbox Vector Tile bytes, uncompressed. */
  readonly data: Uint8Array
}

export interface ArchiveOptions {
  /** [west, south, east, north] in degrees: MapLibre asks for no tile outside them. */
  readonly bounds: readonly [number, number, number, number]
  /** [lon, lat, zoom] of the initial view. */
  readonly center: readonly [number, number, number]
  /** The JSON metadata; a vector archive must list its `vector_layers`. */
  readonly metadata: { readonly vector_layers: readonly unknown[] } & Record<string, unknown>
}

interface Entry {
  tileId: number
  offset: number
  length: number
  runLength: number
}

const HEADER_BYTES = 127
/** The header and the root directory are fetched in one 16 KiB request. */
const ROOT_BUDGET = 16_384 - HEADER_BYTES
const FIRST_LEAF_SIZE = 4096

/** Unsigned LEB128; tile ids pass 2^32 from zoom 16, so no bitwise operators. */
function pushVarint(out: number[], value: number): void {
  let rest = value
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80)
    rest = Math.floor(rest / 0x80)
  }
  out.push(rest)
}

/** A directory: count, then delta-coded ids, run lengths, lengths, and offsets (0 = right after the previous entry). */
function serializeDirectory(entries: readonly Entry[]): Buffer {
  const out: number[] = []
  pushVarint(out, entries.length)
  let lastId = 0
  for (const entry of entries) {
    pushVarint(out, entry.tileId - lastId)
    lastId = entry.tileId
  }
  for (const entry of entries) pushVarint(out, entry.runLength)
  for (const entry of entries) pushVarint(out, entry.length)
  entries.forEach((entry, i) => {
    const previous = entries[i - 1]
    pushVarint(out, previous && entry.offset === previous.offset + previous.length ? 0 : entry.offset + 1)
  })
  return gzipSync(Uint8Array.from(out))
}

/** The root directory, and the leaves it points to when all entries do not fit in it. */
function directories(entries: readonly Entry[]): { root: Buffer; leaves: Buffer } {
  const root = serializeDirectory(entries)
  if (root.length <= ROOT_BUDGET) return { root, leaves: Buffer.alloc(0) }
  for (let leafSize = FIRST_LEAF_SIZE; ; leafSize *= 2) {
    const rootEntries: Entry[] = []
    const leaves: Buffer[] = []
    let offset = 0
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = serializeDirectory(entries.slice(i, i + leafSize))
      rootEntries.push({ tileId: entries[i]!.tileId, offset, length: leaf.length, runLength: 0 })
      leaves.push(leaf)
      offset += leaf.length
    }
    const leafRoot = serializeDirectory(rootEntries)
    if (leafRoot.length <= ROOT_BUDGET) return { root: leafRoot, leaves: Buffer.concat(leaves) }
  }
}

export function writePmtiles(tiles: Iterable<ArchiveTile>, options: ArchiveOptions): Uint8Array {
  const sorted = [...tiles].map((tile) => ({ id: zxyToTileId(tile.z, tile.x, tile.y), data: tile.data })).sort((a, b) => a.id - b.id)
  if (sorted.length === 0) throw new Error('writePmtiles: an archive needs at least one tile')
  const entries: Entry[] = []
  const contents: Buffer[] = []
  const offsetOfContent = new Map<string, number>()
  let dataLength = 0
  for (const { id, data } of sorted) {
    const compressed = gzipSync(data)
    const hash = createHash('sha256').update(compressed).digest('base64')
    let offset = offsetOfContent.get(hash)
    if (offset === undefined) {
      offset = dataLength
      offsetOfContent.set(hash, offset)
      contents.push(compressed)
      dataLength += compressed.length
    }
    const last = entries.at(-1)
    // The same content right after a run of it (the sea, the inside of a region): one entry.
    if (last && last.offset === offset && id === last.tileId + last.runLength) last.runLength += 1
    else entries.push({ tileId: id, offset, length: compressed.length, runLength: 1 })
  }
  const { root, leaves } = directories(entries)
  const metadata = gzipSync(Buffer.from(JSON.stringify(options.metadata), 'utf8'))

  const header = Buffer.alloc(HEADER_BYTES)
  header.write('PMTiles', 0, 'latin1')
  header.writeUInt8(3, 7)
  const sections = [root.length, metadata.length, leaves.length, dataLength]
  let offset = HEADER_BYTES
  sections.forEach((length, i) => {
    header.writeBigUInt64LE(BigInt(offset), 8 + i * 16)
    header.writeBigUInt64LE(BigInt(length), 16 + i * 16)
    offset += length
  })
  header.writeBigUInt64LE(BigInt(sorted.length), 72)
  header.writeBigUInt64LE(BigInt(entries.length), 80)
  header.writeBigUInt64LE(BigInt(contents.length), 88)
  header.writeUInt8(1, 96) // clustered: tiles are stored in tile-id order
  header.writeUInt8(Compression.Gzip, 97)
  header.writeUInt8(Compression.Gzip, 98)
  header.writeUInt8(TileType.Mvt, 99)
  header.writeUInt8(tileIdToZxy(sorted[0]!.id)[0], 100)
  header.writeUInt8(tileIdToZxy(sorted.at(-1)!.id)[0], 101)
  const e7 = (degrees: number) => Math.round(degrees * 1e7)
  const [west, south, east, north] = options.bounds
  ;[west, south, east, north].forEach((value, i) => header.writeInt32LE(e7(value), 102 + i * 4))
  const [lon, lat, zoom] = options.center
  header.writeUInt8(zoom, 118)
  header.writeInt32LE(e7(lon), 119)
  header.writeInt32LE(e7(lat), 123)
  return Buffer.concat([header, root, metadata, leaves, ...contents])
}
