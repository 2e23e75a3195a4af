import { VectorTile } from '@mapbox/vector-tile'
import { open, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import { PbfReader } from 'pbf'
import { PMTiles, TileType, type Header, type RangeResponse, type Source } from 'pmtiles'
import { ESSENTIAL_LAYERS, styleSourceLayers } from './archive-style.ts'

/**
 * Checks that a file is an archive the street style can draw before anyone serves or publishes
 * it: PMTiles v3, Mapbox Vector Tiles, the source layers the style reads, and a tile that
 * decodes. Read with the `pmtiles` library's own reader over the file (range reads, so a
 * multi-gigabyte archive is checked without loading it).
 */
class FileRangeSource implements Source {
  constructor(
    private readonly file: FileHandle,
    private readonly key: string,
  ) {}

  getKey(): string {
    return this.key
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await this.file.read(buffer, 0, length, offset)
    return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) as ArrayBuffer }
  }
}

export interface ArchiveReport {
  readonly file: string
  readonly bytes: number
  readonly header: Header
  readonly attribution: string
  /** The archive's `vector_layers` ids. */
  readonly layers: readonly string[]
  /** Source layers the style reads that the archive lacks: those parts of the map stay empty. */
  readonly missingLayers: readonly string[]
  /** Reasons the archive cannot be used at all; empty when it can. */
  readonly errors: readonly string[]
}

const ARCHIVE_MAGIC = 'PMTiles'

function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z
  const r = (lat * Math.PI) / 180
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)]
}

export async function inspectArchive(path: string): Promise<ArchiveReport> {
  const file = await open(path, 'r')
  try {
    const { size } = await file.stat()
    const start = Buffer.alloc(8)
    await file.read(start, 0, 8, 0)
    const unusable = (reason: string): never => {
      throw new ArchiveError(`${basename(path)}: ${reason}`)
    }
    if (start.toString('latin1', 0, 7) !== ARCHIVE_MAGIC) unusable('not a PMTiles archive (no "PMTiles" signature at the start)')
    if (start[7] !== 3) unusable(`PMTiles version ${start[7]}: only version 3 is read (convert with \`pmtiles convert\`)`)
    const archive = new PMTiles(new FileRangeSource(file, path))
    const header = await archive.getHeader()
    if (header.tileType !== TileType.Mvt) unusable(`tile type ${TileType[header.tileType] ?? header.tileType}: the street style needs vector tiles (MVT)`)
    const metadata = (await archive.getMetadata()) as { vector_layers?: Array<{ id?: unknown }>; attribution?: unknown }
    const layers = (metadata.vector_layers ?? []).flatMap((layer) => (typeof layer.id === 'string' ? [layer.id] : []))
    const errors: string[] = []
    const missingEssential = ESSENTIAL_LAYERS.filter((layer) => !layers.includes(layer))
    if (missingEssential.length > 0) errors.push(`no ${missingEssential.join(', ')} layer${missingEssential.length > 1 ? 's' : ''}: without land and place names the map cannot orient anyone`)
    // A tile that decodes, where the archive says to look first.
    const zoom = Math.max(header.minZoom, Math.min(header.maxZoom, header.centerZoom))
    const [x, y] = tileAt(header.centerLon, header.centerLat, zoom)
    const tile = await archive.getZxy(zoom, x, y)
    if (!tile) errors.push(`no tile at the archive's centre (${zoom}/${x}/${y})`)
    else {
      try {
        const decoded = new VectorTile(new PbfReader(new Uint8Array(tile.data)))
        if (Object.keys(decoded.layers).length === 0) errors.push(`the tile at the archive's centre (${zoom}/${x}/${y}) has no layers`)
      } catch (error) {
        errors.push(`the tile at the archive's centre (${zoom}/${x}/${y}) is not a vector tile: ${(error as Error).message}`)
      }
    }
    return {
      file: path,
      bytes: size,
      header,
      attribution: typeof metadata.attribution === 'string' && metadata.attribution.trim() ? metadata.attribution : '© OpenStreetMap',
      layers,
      missingLayers: styleSourceLayers().filter((layer) => !layers.includes(layer)),
      errors,
    }
  } catch (error) {
    if (error instanceof ArchiveError) throw error
    throw new ArchiveError(`${basename(path)}: unreadable archive (${(error as Error).message})`)
  } finally {
    await file.close()
  }
}

/** The file cannot be read as an archive at all. */
export class ArchiveError extends Error {
  override readonly name = 'ArchiveError'
}
