import KDBush from 'kdbush'
import { lazyJsonRecords } from './point-record-store.ts'
import { assembleSnapshot, placeSlots, TABLE_LAYOUT, tableLength, type Snapshot, type SnapshotTables } from './snapshot.ts'

/**
 * The snapshot as bytes, so the indexer builds it once and every API Lambda loads it from S3.
 *
 * Layout (little-endian, like kdbush's own):
 *   0  4 bytes  magic "PVSN"
 *   4  u8       format version
 *   5  3 bytes  zero
 *   8  u32      byte length of the directory
 *  12  u32      zero
 *  16  directory: UTF-8 JSON { registryVersion, builtAt, pointCount, siteCount, placeCount,
 *      sections: { name: [byteOffset, byteLength] } }
 *  then the sections, each starting on a multiple of 8 so typed arrays can view them in place:
 *  "index" (kdbush's own buffer, with its own versioned header), one per TABLE_LAYOUT table,
 *  "pointIds" and "haystacks" (UTF-8, one per line), "recordOffsets" (u32, points + 1) and
 *  "records" (each point's JSON, back to back, decoded only when a query returns it).
 * Loading copies only the kdbush part (kdbush wants a buffer of its own); the tables stay views.
 */
export const SNAPSHOT_FORMAT_VERSION = 1
const MAGIC = [0x50, 0x56, 0x53, 0x4e] // "PVSN"
const HEADER_BYTES = 16

export function serializeSnapshot(s: Snapshot): Uint8Array {
  const encoder = new TextEncoder()
  const { recordOffsets, records } = encodeRecords(s)
  const sections: Record<string, Uint8Array> = {
    index: new Uint8Array(s.tables.index.data as ArrayBuffer),
    ...Object.fromEntries(Object.keys(TABLE_LAYOUT).map((name) => [name, bytesOf(s.tables[name as keyof typeof TABLE_LAYOUT])])),
    pointIds: encoder.encode(s.pointIds.join('\n')),
    haystacks: encoder.encode(s.haystacks.join('\n')),
    recordOffsets: bytesOf(recordOffsets),
    records,
  }
  // The directory's length depends on the offsets it lists; lay out with a generous fixed width.
  const directoryReserve = 512 + 40 * Object.keys(sections).length
  const directoryOffset = HEADER_BYTES
  let offset = align8(directoryOffset + directoryReserve)
  const placed: Record<string, [number, number]> = {}
  for (const [name, bytes] of Object.entries(sections)) {
    placed[name] = [offset, bytes.byteLength]
    offset = align8(offset + bytes.byteLength)
  }
  const directory = encoder.encode(
    JSON.stringify({
      registryVersion: s.registryVersion,
      builtAt: s.builtAt,
      pointCount: s.pointCount,
      siteCount: s.siteCount,
      placeCount: s.placeCount,
      sections: placed,
    }),
  )
  if (directory.byteLength > directoryReserve) throw new Error('snapshot: directory outgrew its reserved space')

  const out = new Uint8Array(offset)
  out.set(MAGIC, 0)
  out[4] = SNAPSHOT_FORMAT_VERSION
  const view = new DataView(out.buffer)
  view.setUint32(8, directory.byteLength, true)
  out.set(directory, directoryOffset)
  for (const [name, bytes] of Object.entries(sections)) out.set(bytes, placed[name]![0])
  return out
}

export function deserializeSnapshot(bytes: Uint8Array): Snapshot {
  if (bytes.byteLength < HEADER_BYTES) throw new Error(`snapshot: ${bytes.byteLength} bytes is too short for a header`)
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error('snapshot: the bytes do not start with "PVSN", not a snapshot')
  if (bytes[4] !== SNAPSHOT_FORMAT_VERSION) {
    throw new Error(`snapshot: format version ${bytes[4]}, this code reads ${SNAPSHOT_FORMAT_VERSION}; rebuild the snapshot`)
  }
  // Typed-array views need offsets that are multiples of their element size: realign once if needed.
  const data = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice()
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const directoryLength = view.getUint32(8, true)
  const directory = JSON.parse(new TextDecoder().decode(data.subarray(HEADER_BYTES, HEADER_BYTES + directoryLength))) as {
    registryVersion: number
    builtAt: string
    pointCount: number
    siteCount: number
    placeCount: number
    sections: Record<string, [number, number]>
  }
  const section = (name: string): Uint8Array => {
    const where = directory.sections[name]
    if (!where) throw new Error(`snapshot: section ${name} is missing`)
    const [offset, length] = where
    if (offset + length > data.byteLength) throw new Error(`snapshot: section ${name} runs past the end (truncated file?)`)
    return data.subarray(offset, offset + length)
  }
  const counts = { points: directory.pointCount, sites: directory.siteCount, places: directory.placeCount }
  const tables = {} as Record<string, unknown>
  for (const [name, ArrayType] of Object.entries(TABLE_LAYOUT)) {
    const raw = section(name)
    const length = tableLength(name as keyof typeof TABLE_LAYOUT, counts)
    if (raw.byteLength !== length * ArrayType.BYTES_PER_ELEMENT) throw new Error(`snapshot: section ${name} has the wrong size`)
    tables[name] = new ArrayType(raw.buffer as ArrayBuffer, raw.byteOffset, length)
  }
  const indexBytes = section('index')
  const index = KDBush.from(indexBytes.slice().buffer)
  if (index.numItems !== directory.placeCount) throw new Error('snapshot: section index does not hold placeCount places')
  const decoder = new TextDecoder()
  const lines = (name: string): string[] => (directory.pointCount === 0 ? [] : decoder.decode(section(name)).split('\n'))
  const recordOffsetBytes = section('recordOffsets')
  const recordOffsets = new Uint32Array(recordOffsetBytes.buffer, recordOffsetBytes.byteOffset, directory.pointCount + 1)

  return assembleSnapshot({
    registryVersion: directory.registryVersion,
    builtAt: directory.builtAt,
    pointIds: lines('pointIds'),
    haystacks: lines('haystacks'),
    records: lazyJsonRecords(section('records'), recordOffsets),
    tables: { ...(tables as Omit<SnapshotTables, 'index' | 'placeSlot'>), index, placeSlot: placeSlots(index) },
  })
}

/** Each record's JSON, UTF-8, back to back, with the byte offset where each starts (and the end). */
function encodeRecords(s: Snapshot): { recordOffsets: Uint32Array; records: Uint8Array } {
  const encoder = new TextEncoder()
  const recordOffsets = new Uint32Array(s.pointCount + 1)
  let buffer = new Uint8Array(65536 + s.pointCount * 256)
  let used = 0
  for (let p = 0; p < s.pointCount; p++) {
    const json = JSON.stringify(s.records.get(p))
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (buffer.byteLength - used < json.length * 3) {
      const grown = new Uint8Array(Math.max(buffer.byteLength * 2, used + json.length * 3))
      grown.set(buffer.subarray(0, used))
      buffer = grown
    }
    recordOffsets[p] = used
    used += encoder.encodeInto(json, buffer.subarray(used)).written
    if (used > 0xffffffff) throw new Error('snapshot: records exceed 4 GiB, the limit of u32 offsets')
  }
  recordOffsets[s.pointCount] = used
  return { recordOffsets, records: buffer.subarray(0, used) }
}

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8
}
