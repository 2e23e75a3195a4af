import KDBush from 'kdbush'
import { lazyJsonRecords, RecordsUnavailable, SectionNotLoaded } from './point-record-store.ts'
import { rangedJsonRecords, type RangedRecordsOptions } from './ranged-record-store.ts'
import { assembleSnapshot, TABLE_LAYOUT, tableLength, type Snapshot, type SnapshotTables } from './snapshot.ts'
import { ReorderedColumn, Utf8Column, Utf8ColumnBuilder } from './utf8-column.ts'
import { WEEK_WORDS } from './open-week.ts'
import { coverageFactsOfDays, type CoverageFacts, type StoredCoverageFacts } from '../reach/coverage.ts'
import { addDays, toRomeWallClock } from '../hours/rome-time.ts'

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
 *      coreBytes, sections: { name: [byteOffset, byteLength] } }
 *  then the sections, each starting on a multiple of 8 so typed arrays can view them in place:
 *  "index" (kdbush's own buffer, with its own versioned header), one per TABLE_LAYOUT table,
 *  "idOffsets" + "ids" (a UTF-8 column), "recordOffsets"; then "records" (each point's JSON, back
 *  to back, parsed only when a query returns it), "haystackOffsets" + "haystacks" (the `q` search
 *  text, a UTF-8 column) and "coveragePlaces0" + "coverageHours0", "coveragePlaces1" +
 *  "coverageHours1" (the coverage facts of the build's day and the next, Float64).
 * Everything before `coreBytes` is what a near query needs; the records, the search text and the
 * coverage facts come after it, so a loader may fetch them later or by range.
 *
 * Loading decodes nothing: the tables and columns are views over the given bytes (a section is
 * copied only when the bytes start at an address its element size does not divide). The one copy
 * is kdbush's section, ~20 bytes per place: `KDBush.from` takes a whole ArrayBuffer of its own.
 */
export const SNAPSHOT_FORMAT_VERSION = 5
/**
 * Versions this code reads: 4 had the search text in the core and no coverage facts; its
 * sections are found by name all the same, so an API deployed before the indexer's next build
 * keeps loading the snapshot already published. Code that reads only 4 refuses a 5 by its
 * version, not as a truncated file.
 */
const READABLE_VERSIONS: ReadonlySet<number> = new Set([4, SNAPSHOT_FORMAT_VERSION])
const MAGIC = [0x50, 0x56, 0x53, 0x4e] // "PVSN"
const HEADER_BYTES = 16

interface Directory {
  registryVersion: number
  builtAt: string
  /** Absent in snapshots written before it existed: read as 0. */
  invalidItems?: number
  changesHorizon: number
  pointCount: number
  siteCount: number
  placeCount: number
  /** Distinct weeks in the weekBits table (open-week.ts). */
  weekCount: number
  /** The Rome days of the coverage facts (absent in snapshots written before they existed). */
  coverageDays?: string[]
  coveragePlaceCounts?: number[]
  /** Bytes from the start of the file to the start of the records section. */
  coreBytes: number
  sections: Record<string, [number, number]>
}

/**
 * The days a snapshot's coverage facts are stored for: its build day and the next, so that at
 * midnight the routes have the new day's facts before the nightly rebuild has published them
 * (a national build takes minutes, and coverage through the records is past the timeout).
 */
const COVERAGE_DAYS_AHEAD = [0, 1] as const

export function serializeSnapshot(s: Snapshot): Uint8Array {
  // For the day the snapshot was built and the next (COVERAGE_DAYS_AHEAD): the API's coverage
  // routes then need no record (shared/reach/coverage.ts).
  const coverage = coverageFactsOfDays(s.records.each(), s.pointCount, coverageDaysOf(s.builtAt))
  const { registryVersion, builtAt, invalidItems, changesHorizon, tables, ids } = s
  // Fields named, not spread: spreading a snapshot would run its getters (`points` decodes every record).
  return snapshotFile({
    ...{ registryVersion, builtAt, invalidItems, changesHorizon, tables, ids },
    records: encodeRecords(s),
    haystacks: s.haystacks,
    coverage,
  })
}

/** The days whose coverage facts a snapshot built at `builtAt` stores. */
export function coverageDaysOf(builtAt: string): string[] {
  const buildDay = toRomeWallClock(new Date(builtAt)).date
  return COVERAGE_DAYS_AHEAD.map((ahead) => addDays(buildDay, ahead))
}

/** What a snapshot file holds, each part made already: a built snapshot's, or a streamed build's (snapshot-file-builder.ts). */
export type SnapshotFileParts = Pick<Snapshot, 'registryVersion' | 'builtAt' | 'invalidItems' | 'changesHorizon' | 'tables' | 'ids'> & {
  /** Each point's JSON, in id order (a streamed build's still to be copied in that order, as its haystacks are). */
  readonly records: Utf8Column | ReorderedColumn
  readonly haystacks: Utf8Column | ReorderedColumn
  readonly coverage: readonly CoverageFacts[]
}

/** A column's bytes as a section: a reordered one is copied straight into the file. */
const columnBytes = (column: Utf8Column | ReorderedColumn): Uint8Array | ReorderedColumn => (column instanceof ReorderedColumn ? column : column.bytes)

/** The file's bytes: header, directory, then the sections in the order the layout above gives. */
export function snapshotFile(s: SnapshotFileParts): Uint8Array {
  const { records, coverage } = s
  const sections: Record<string, ArrayBufferView | ReorderedColumn> = {
    index: new Uint8Array(s.tables.index.data as ArrayBuffer),
    ...Object.fromEntries(Object.keys(TABLE_LAYOUT).map((name) => [name, s.tables[name as keyof typeof TABLE_LAYOUT]])),
    idOffsets: s.ids.offsets,
    ids: s.ids.bytes,
    recordOffsets: records.offsets,
    records: columnBytes(records), // the first section after the core: see coreBytes
    // Read by `q` only, so outside the core (a national one's is ~62 MiB: the core went 145 → 80.5 MiB).
    haystackOffsets: s.haystacks.offsets,
    haystacks: columnBytes(s.haystacks),
    // Read by the coverage routes only, so outside the core (a national one's is ~15 MiB a day).
    ...Object.fromEntries(coverage.flatMap((facts, i) => [[`coveragePlaces${i}`, facts.places], [`coverageHours${i}`, facts.hours]])),
  }
  // The directory's length depends on the offsets it lists; lay out with a generous fixed width.
  const directoryReserve = 512 + 40 * Object.keys(sections).length
  let offset = align8(HEADER_BYTES + directoryReserve)
  const placed: Record<string, [number, number]> = {}
  for (const [name, bytes] of Object.entries(sections)) {
    placed[name] = [offset, bytes.byteLength]
    offset = align8(offset + bytes.byteLength)
  }
  const directory: Directory = {
    registryVersion: s.registryVersion,
    builtAt: s.builtAt,
    invalidItems: s.invalidItems,
    changesHorizon: s.changesHorizon,
    // The counts are the tables' sizes (as assembleSnapshot reads them back).
    pointCount: s.ids.size,
    siteCount: s.tables.siteKind.length,
    placeCount: s.tables.placePoint.length,
    weekCount: s.tables.weekBits.length / WEEK_WORDS,
    coverageDays: coverage.map((facts) => facts.day),
    coveragePlaceCounts: coverage.map((facts) => facts.places.length / 2),
    coreBytes: placed.records![0],
    sections: placed,
  }
  const directoryBytes = new TextEncoder().encode(JSON.stringify(directory))
  if (directoryBytes.byteLength > directoryReserve) throw new Error('snapshot: directory outgrew its reserved space')

  const out = new Uint8Array(offset)
  out.set(MAGIC, 0)
  out[4] = SNAPSHOT_FORMAT_VERSION
  new DataView(out.buffer).setUint32(8, directoryBytes.byteLength, true)
  out.set(directoryBytes, HEADER_BYTES)
  for (const [name, section] of Object.entries(sections)) {
    if (section instanceof ReorderedColumn) section.writeInto(out.subarray(placed[name]![0]))
    else out.set(bytesOf(section), placed[name]![0])
  }
  return out
}

/**
 * How a snapshot loaded from its core alone reads the rest of its file: bytes `start` to before
 * `end` of the file (an S3 range on AWS). Its records are then fetched by range when needed
 * (ranged-record-store.ts) and its coverage facts on first use.
 */
export interface SnapshotTail {
  read(start: number, end: number): Promise<Uint8Array>
  readonly records?: RangedRecordsOptions
}

/**
 * The snapshot in `bytes`: the whole file, or only its core (the first `coreBytes`, see
 * `snapshotCoreBytes`) with `tail` saying how to read the rest.
 */
export function deserializeSnapshot(bytes: Uint8Array, { tail }: { tail?: SnapshotTail } = {}): Snapshot {
  if (bytes.byteLength < HEADER_BYTES) throw new Error(`snapshot: ${bytes.byteLength} bytes is too short for a header`)
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error('snapshot: the bytes do not start with "PVSN", not a snapshot')
  if (!READABLE_VERSIONS.has(bytes[4]!)) {
    throw new Error(`snapshot: format version ${bytes[4]}, this code reads ${[...READABLE_VERSIONS].join(' and ')}; rebuild the snapshot`)
  }
  const directory = readDirectory(bytes)
  const section = (name: string): Uint8Array => {
    const where = directory.sections[name]
    if (!where) throw new Error(`snapshot: section ${name} is missing`)
    const [offset, length] = where
    if (offset + length > bytes.byteLength) throw new Error(`snapshot: section ${name} runs past the end (truncated file?)`)
    return bytes.subarray(offset, offset + length)
  }
  const counts = { points: directory.pointCount, sites: directory.siteCount, places: directory.placeCount, weeks: directory.weekCount }
  const tables = {} as Record<string, unknown>
  for (const [name, ArrayType] of Object.entries(TABLE_LAYOUT)) {
    tables[name] = typedView(name, section(name), ArrayType as TypedArrayType<ArrayBufferView>, tableLength(name as keyof typeof TABLE_LAYOUT, counts))
  }
  const index = KDBush.from(section('index').slice().buffer)
  if (index.numItems !== directory.placeCount) throw new Error('snapshot: section index does not hold placeCount places')
  const offsetsOf = (name: string): Uint32Array => typedView(name, section(name), Uint32Array, directory.pointCount + 1)
  const column = (name: string, offsetsName: string): Utf8Column => new Utf8Column(section(name), offsetsOf(offsetsName))
  const [recordsOffset] = directory.sections.records ?? [0, 0]

  const records = tail
    ? rangedJsonRecords(offsetsOf('recordOffsets'), (start, end) => tail.read(recordsOffset + start, recordsOffset + end), tail.records)
    : lazyJsonRecords(column('records', 'recordOffsets'))
  const coverageFacts = directory.coverageDays ? storedCoverageFacts(bytes, directory, directory.coverageDays, tail) : undefined

  return assembleSnapshot({
    registryVersion: directory.registryVersion,
    builtAt: directory.builtAt,
    invalidItems: directory.invalidItems ?? 0,
    changesHorizon: directory.changesHorizon,
    ids: column('ids', 'idOffsets'),
    haystacks: tail && !within(bytes, directory.sections.haystacks) ? haystacksFromTail(tail, directory) : column('haystacks', 'haystackOffsets'),
    records,
    tables: { ...(tables as Omit<SnapshotTables, 'index'>), index },
    ...(coverageFacts ? { coverageFacts } : {}),
  })
}

/**
 * The coverage facts of each stored day, after the records (outside the core): views over the
 * bytes when they are at hand, else read on first use, one range per day, once (a failed read is a
 * 503 and is tried again by the next caller).
 */
function storedCoverageFacts(bytes: Uint8Array, directory: Directory, days: readonly string[], tail: SnapshotTail | undefined): StoredCoverageFacts {
  // A whole file must hold them all, as it does every other section.
  if (!tail) {
    for (const name of days.flatMap((_, i) => [`coveragePlaces${i}`, `coverageHours${i}`])) {
      if (!within(bytes, directory.sections[name])) throw new Error(`snapshot: section ${name} runs past the end (truncated file?)`)
    }
  }
  const reading = new Map<string, Promise<CoverageFacts>>()
  const read = async (day: string, i: number): Promise<CoverageFacts> => {
    const places = directory.sections[`coveragePlaces${i}`]!
    const hours = directory.sections[`coverageHours${i}`]!
    const placeCount = directory.coveragePlaceCounts![i]!
    const factsOf = (placeBytes: Uint8Array, hourBytes: Uint8Array): CoverageFacts => ({
      day,
      places: typedView('coveragePlaces', placeBytes, Float64Array, 2 * placeCount),
      hours: typedView('coverageHours', hourBytes, Float64Array, directory.pointCount),
    })
    if (!tail || within(bytes, hours)) return factsOf(bytes.subarray(places[0], places[0] + places[1]), bytes.subarray(hours[0], hours[0] + hours[1]))
    // One read from the day's first section to its second (laid out in this order).
    const read = await tail.read(places[0], hours[0] + hours[1])
    if (read.byteLength !== hours[0] + hours[1] - places[0]) throw new Error(`snapshot: the coverage facts came back short (${read.byteLength} bytes)`)
    // Copied: each typed array needs its own aligned start.
    return factsOf(read.slice(0, places[1]), read.slice(hours[0] - places[0], hours[0] - places[0] + hours[1]))
  }
  return {
    days,
    read: (day) => {
      const i = days.indexOf(day)
      if (i < 0) return Promise.reject(new Error(`snapshot: no coverage facts of ${day} (it has ${days.join(', ')})`))
      let facts = reading.get(day)
      if (!facts) {
        facts = read(day, i).catch((error: unknown) => {
          reading.delete(day)
          throw error instanceof RecordsUnavailable ? error : new RecordsUnavailable(error)
        })
        reading.set(day, facts)
      }
      return facts
    },
  }
}

/** Whether a section lies inside the bytes at hand. */
function within(bytes: Uint8Array, where: [number, number] | undefined): boolean {
  return where !== undefined && where[0] + where[1] <= bytes.byteLength
}

/**
 * The search text of a snapshot loaded from its core: `SectionNotLoaded` until read (one range,
 * on the first query with `q`, inside withRecords), then the column.
 */
function haystacksFromTail(tail: SnapshotTail, directory: Directory): () => Utf8Column {
  const [offsetsAt, offsetsLength] = directory.sections.haystackOffsets!
  const [bytesAt, bytesLength] = directory.sections.haystacks!
  let loaded: Utf8Column | undefined
  let reading: Promise<void> | undefined
  const read = async (): Promise<void> => {
    const bytes = await tail.read(offsetsAt, bytesAt + bytesLength)
    if (bytes.byteLength !== bytesAt + bytesLength - offsetsAt) throw new Error(`snapshot: the search text came back short (${bytes.byteLength} bytes)`)
    // Copied: the offsets need an aligned start of their own.
    const offsets = typedView('haystackOffsets', bytes.slice(0, offsetsLength), Uint32Array, directory.pointCount + 1)
    loaded = new Utf8Column(bytes.subarray(bytesAt - offsetsAt, bytesAt - offsetsAt + bytesLength), offsets)
  }
  // Read once; whatever fails (the read, a short answer) is a 503 and is tried again by the next query.
  const load = (): Promise<void> =>
    (reading ??= read().catch((error: unknown) => {
      reading = undefined
      throw error instanceof RecordsUnavailable ? error : new RecordsUnavailable(error)
    }))
  return () => {
    if (loaded) return loaded
    throw new SectionNotLoaded('search text', load)
  }
}

/**
 * Where the records section starts, from the first bytes of a snapshot (header and directory):
 * a loader can fetch the part before it, which is all that queries need, and the records later.
 */
export function snapshotCoreBytes(head: Uint8Array): number {
  return readDirectory(head).coreBytes
}

/** What a snapshot file says of itself in its directory (its first bytes): what its pointer carries. */
export function snapshotFileSummary(head: Uint8Array): { registryVersion: number; builtAt: string; pointCount: number; siteCount: number; invalidItems: number; coreBytes: number } {
  const { registryVersion, builtAt, pointCount, siteCount, invalidItems = 0, coreBytes } = readDirectory(head)
  return { registryVersion, builtAt, pointCount, siteCount, invalidItems, coreBytes }
}

function readDirectory(bytes: Uint8Array): Directory {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true)
  if (HEADER_BYTES + length > bytes.byteLength) throw new Error('snapshot: the directory runs past the end (truncated file?)')
  return JSON.parse(new TextDecoder().decode(bytes.subarray(HEADER_BYTES, HEADER_BYTES + length))) as Directory
}

type TypedArrayType<T> = { new (buffer: ArrayBuffer, byteOffset: number, length: number): T; readonly BYTES_PER_ELEMENT: number }

/** A typed array over a section, in place when its address allows (always, for bytes that start aligned). */
function typedView<T>(name: string, raw: Uint8Array, ArrayType: TypedArrayType<T>, length: number): T {
  if (raw.byteLength !== length * ArrayType.BYTES_PER_ELEMENT) throw new Error(`snapshot: section ${name} has the wrong size`)
  const aligned = raw.byteOffset % ArrayType.BYTES_PER_ELEMENT === 0 ? raw : raw.slice()
  return new ArrayType(aligned.buffer as ArrayBuffer, aligned.byteOffset, length)
}

/** Each record's JSON, UTF-8, back to back. */
function encodeRecords(s: Snapshot): Utf8Column {
  const out = new Utf8ColumnBuilder(s.pointCount, 1024)
  for (let p = 0; p < s.pointCount; p++) {
    out.write(JSON.stringify(s.records.get(p)))
    out.next()
  }
  return out.finish()
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
}

function align8(n: number): number {
  return Math.ceil(n / 8) * 8
}
