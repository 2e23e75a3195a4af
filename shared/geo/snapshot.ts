import KDBush from 'kdbush'
import type { LocalDate, Location } from '../schemas/hours.ts'
import { POINT_STATUSES, SERVICES, SITE_KINDS, TOPICS } from '../vocabulary.ts'
import type { PointRecord, Site } from '../schemas/point.ts'
import { writePointHaystack } from '../filters/text-query.ts'
import { toRomeWallClock } from '../hours/rome-time.ts'
import { encodeComune, encodeProvince, encodeRegion } from './admin-codes.ts'
import { placeOpeningHint } from './opening-hint.ts'
import { pointFactBits, siteKindFactBit } from './place-facts.ts'
import { closureWindow, NO_WEEK, WEEK_WORDS, WeekTable } from './open-week.ts'
import { inMemoryRecords, type PointRecordStore } from './point-record-store.ts'
import { visitSitePlaces, type PlaceRole, type SitePlaceSink } from './site-places.ts'
import { sortedByteOrder, sortedOrder } from './string-order.ts'
import { Utf8Column, Utf8ColumnBuilder } from './utf8-column.ts'
import { withoutLeftoverHoursText } from '../registry/published-hours.ts'
import type { StoredCoverageFacts } from '../reach/coverage.ts'

/**
 * The read model of the whole registry, built by one pure function and queried in memory.
 *
 * Three levels, each a contiguous range of integers, linked by typed arrays:
 * - point p (0…pointCount-1): the records sorted by id, so id order is index order and keyset
 *   pagination is a binary search;
 * - site g (0…siteCount-1): every site, grouped by point (`pointFirstSite[p]` … `pointFirstSite[p+1]`);
 * - place e (0…placeCount-1): every indexed place (see `sitePlaces`), grouped by site
 *   (`siteFirstPlace`); e is also the kdbush item id, so the index answers in places.
 * A nearest-search predicate reads only these arrays: no object is touched per candidate.
 */

/** Typed side tables by name; `snapshot-codec.ts` stores them by this list, so a new table is one line. */
export const TABLE_LAYOUT = {
  placePoint: Uint32Array,
  placeSite: Uint32Array,
  /** `PlaceRole` of the place. */
  placeRole: Uint8Array,
  /** `openingHint` of the site at that place. */
  placeOpenHint: Uint32Array,
  /**
   * The point's and the site's filterable facts, packed per place (`place-facts.ts`), so the
   * nearest-search predicate reads one word per candidate instead of six scattered arrays.
   */
  placeFacts: Uint32Array,
  /** The place's week in `weekBits`, or NO_WEEK where its dates matter (open-week.ts). */
  placeWeek: Uint16Array,
  /** The site's closures as one window of day numbers (open-week.ts `closureWindow`), 0 for none. */
  placeClosures: Uint32Array,
  /** The distinct weeks, WEEK_WORDS each (open-week.ts). */
  weekBits: Uint32Array,
  /** kdbush keeps coordinates in tree order; `placeSlot[e]` is where place e sits in `index.coords`. */
  placeSlot: Uint32Array,
  /** Index into SITE_KINDS. */
  siteKind: Uint8Array,
  siteFirstPlace: Uint32Array,
  pointFirstSite: Uint32Array,
  /** Index into POINT_STATUSES. */
  pointStatus: Uint8Array,
  /** Bit i = SERVICES[i]. */
  pointServices: Uint32Array,
  /** Bit i = TOPICS[i]. */
  pointTopics: Uint32Array,
  pointRegion: Uint8Array,
  pointProvince: Uint16Array,
  pointComune: Uint32Array,
  /** 1 when `accessibility.step_free` is true. */
  pointStepFree: Uint8Array,
  /** The write ticket that stored the point's current version: the change feed's order (`RegistryContents.changeSeq`). */
  pointChangeSeq: Float64Array,
} as const

type TableName = keyof typeof TABLE_LAYOUT
export type SnapshotTables = { readonly [K in TableName]: InstanceType<(typeof TABLE_LAYOUT)[K]> } & {
  /** Every place, as (lon, lat), by place id. */
  readonly index: KDBush
}

export interface Snapshot {
  readonly registryVersion: number
  readonly builtAt: string
  /** Stored items left out because they are not valid records (see `RegistryContents.invalid`). */
  readonly invalidItems: number
  /**
   * The change feed may show points whose write ticket is at most this: every write with such a
   * ticket was complete when the snapshot was read, so none can still appear behind a client that
   * has read past it (functions/snapshot/changes-horizon.ts).
   */
  readonly changesHorizon: number
  readonly pointCount: number
  readonly siteCount: number
  /** Indexed places: sites with a location, one per distinct upcoming stop place of a mobile unit. */
  readonly placeCount: number
  /**
   * Every point, sorted by id. On a deserialised snapshot reading this decodes them all, and on one
   * above the decoded-records bound decodes them again at every read; on one whose records stay in
   * S3 it throws. A pass over the registry takes `records.batches()` (or `each()` where the records
   * are in memory: the indexer, the local server); queries never read this.
   */
  readonly points: readonly PointRecord[]
  /** Point ids in index order (sorted). Reading this decodes them all (once); lookups use `ids`. */
  readonly pointIds: readonly string[]
  /** Point ids in index order, as a column: a binary search decodes only the ~20 it probes. */
  readonly ids: Utf8Column
  /**
   * The `q` haystack of each point (see `writePointHaystack`), by point index. A built snapshot
   * makes them on first read (the first `q` query, or serialisation); a loaded one has them.
   */
  readonly haystacks: Utf8Column
  readonly records: PointRecordStore
  readonly tables: SnapshotTables
  /**
   * What coverage needs of the records, on the snapshot's build day and the next: set on
   * snapshots loaded from bytes (serializeSnapshot stores them; read from S3 on first use where
   * only the core was read).
   */
  readonly coverageFacts?: StoredCoverageFacts
}

if (SERVICES.length > 32 || TOPICS.length > 32) throw new Error('snapshot: services and topics must fit 32-bit masks')

/**
 * Builds the snapshot. Stops count as upcoming from the Europe/Rome date of `builtAt` (default:
 * now), so the builder stays pure when given the date.
 * The records are the caller's and are kept by reference, never copied.
 *
 * Why it is shaped this way (1M sites, records ~1.4 GB of small objects, 2 cores):
 * - The records are walked once, in the caller's order, not in id order: records lie in memory in
 *   the order they were made (parsed, scanned), and ids are unrelated to that order, so an
 *   id-order walk misses the cache on nearly every object (twice as slow, measured). Point
 *   columns are written at the id-order position (the ids are sorted first); sites and places go
 *   to walk-order typed arrays, then one pass over typed arrays only groups them by point
 *   (`SnapshotWalk`). The same walk takes the pages of a table scan as they arrive, ids unknown
 *   until the end (snapshot-file-builder.ts), so the indexer need not hold every record.
 * - The final tables are allocated once at their exact size, with no trimming copies; coordinates
 *   go straight into the kd-tree's own array.
 * - The walk creates no objects (no place arrays, no site copies, no strings): with a gigabyte of
 *   records alive, every scavenge costs milliseconds even when little survives.
 * - Ids are sorted as UTF-8 bytes side by side in one array, not as strings scattered in the heap.
 * What remains beyond our reach: at 1M sites the tables are ~65 MiB of ArrayBuffers, and V8 runs a
 * full mark-compact whenever ArrayBuffer memory grows 64 MiB past the last one; that GC walks the
 * caller's records too (~1 s here).
 */
export interface SnapshotMeta {
  readonly registryVersion: number
  readonly builtAt?: Date
  readonly invalidItems?: number
  /** Each point's write ticket (absent: 0). */
  readonly changeSeq?: ReadonlyMap<string, number>
  /** @default 0: the change feed shows nothing until a builder says how far it may go */
  readonly changesHorizon?: number
}

export function buildSnapshot(stored: readonly PointRecord[], meta: SnapshotMeta): Snapshot {
  // As published: a leftover unreadable text gives way to the week set since (published-hours.ts).
  const records = stored.some((record) => withoutLeftoverHoursText(record) !== record) ? stored.map(withoutLeftoverHoursText) : stored
  const builtAt = meta.builtAt ?? new Date()
  const walkIds = new Array<string>(records.length)
  for (let i = 0; i < records.length; i++) walkIds[i] = records[i]!.id
  const walk = new SnapshotWalk(toRomeWallClock(builtAt).date, { ids: walkIds })
  for (let i = 0; i < records.length; i++) walk.add(records[i]!, meta.changeSeq?.get(records[i]!.id) ?? 0)
  const { order, ids, tables } = walk.finish()
  const points = new Array<PointRecord>(records.length)
  for (let p = 0; p < points.length; p++) points[p] = records[order[p]!]!
  return assembleSnapshot({
    registryVersion: meta.registryVersion,
    builtAt: builtAt.toISOString(),
    invalidItems: meta.invalidItems ?? 0,
    changesHorizon: meta.changesHorizon ?? 0,
    ids,
    // Normalising every name is a third of a build, and only `q` needs it: done on first use.
    haystacks: () => buildHaystacks(points),
    records: inMemoryRecords(points),
    tables,
  })
}

/**
 * The one walk over the records that makes the tables. Records come in any order (a caller's
 * array, or the pages of a table scan as they arrive) and the walk keeps none of them: what the
 * tables need is written where each record arrives, and `finish` sorts it all by id, reading only
 * typed arrays.
 */
export class SnapshotWalk {
  /** Records added so far. */
  private added = 0
  /** Their ids in walk order, when not given up front. */
  private readonly ids: string[] = []
  /** Point columns, by id rank when the ids were given, else by walk index (grown by doubling). */
  private points: PointTables
  private readonly sites: SitesInWalkOrder
  /** When every id is known before the walk: their order, and each walk index's rank in it. */
  private readonly known: { order: Uint32Array; sortedIds: Utf8Column; rank: Uint32Array } | undefined

  /**
   * Stops count as upcoming from `today`. `ids`: every record's id in walk order, when known
   * before the walk (records in memory), so each point's columns go straight to their place;
   * else `expectedPoints` sizes the first allocations.
   */
  constructor(today: LocalDate, { ids, expectedPoints = ids?.length ?? 1024 }: { ids?: readonly string[]; expectedPoints?: number } = {}) {
    if (ids) {
      const { order, sortedIds } = idOrder(ids)
      const rank = new Uint32Array(ids.length)
      for (let p = 0; p < order.length; p++) rank[order[p]!] = p
      this.known = { order, sortedIds, rank }
      this.points = allocatePointTables(ids.length)
    } else {
      this.known = undefined
      this.points = allocatePointTables(Math.max(16, expectedPoints))
    }
    this.sites = new SitesInWalkOrder(Math.max(16, expectedPoints), today)
  }

  get pointCount(): number {
    return this.added
  }

  add(point: PointRecord, changeSeq: number): void {
    const w = this.added++
    if (this.known) {
      if (this.known.sortedIds.size === w) throw new RangeError(`add: more than the ${w} records whose ids were given`)
      writePointColumns(this.points, this.known.rank[w]!, point, changeSeq)
    } else {
      if (w === this.points.pointStatus.length) this.points = grownPointTables(this.points, 2 * w)
      writePointColumns(this.points, w, point, changeSeq)
      this.ids.push(point.id)
    }
    this.sites.addPoint(point.sites)
  }

  /**
   * The tables in id order, the sorted ids, and `order`: `order[p]` is the walk index of the
   * point with the p-th id. A repeated id is an error.
   */
  finish(): { order: Uint32Array; ids: Utf8Column; tables: SnapshotTables } {
    const pointCount = this.added
    if (this.known && this.known.sortedIds.size !== pointCount) throw new RangeError(`finish: ${pointCount} records added, ${this.known.sortedIds.size} ids given`)
    const { order, sortedIds } = this.known ?? idOrder(this.ids)
    const pointTables = this.known ? this.points : inIdOrder(this.points, order)
    const walked = this.sites
    const tables = { ...pointTables, ...allocateSiteAndPlaceTables(walked.siteCount, walked.placeCount, 0), weekBits: new Uint32Array(0) } as Tables
    const index = new KDBush(walked.placeCount)
    tables.weekBits = walked.copyInPointOrder(order, tables, index.coords as Float64Array)
    // The coordinates are already in place; `add` rewrites each where it is and records its id,
    // which is all kdbush needs before sorting.
    const coords = index.coords
    for (let e = 0; e < walked.placeCount; e++) index.add(coords[2 * e]!, coords[2 * e + 1]!)
    index.finish()
    fillPlaceSlots(index, tables.placeSlot)
    return { order, ids: sortedIds, tables: { ...tables, index } }
  }
}

/**
 * The point columns written in walk order, put in id order (`order[p]` is the walk index of
 * point p) and cut to the point count. In place, following the permutation's cycles: a streamed
 * build's memory is what it holds at its end, and a second set of columns would add to it.
 */
function inIdOrder(walkOrder: PointTables, order: Uint32Array): PointTables {
  const n = order.length
  const names = (Object.keys(walkOrder) as PointTableName[]).filter((name) => name !== 'pointFirstSite') // written by copyInPointOrder
  const columns = names.map((name) => walkOrder[name] as Float64Array | Uint32Array | Uint16Array | Uint8Array)
  const saved = new Float64Array(columns.length)
  const placed = new Uint8Array(n)
  for (let start = 0; start < n; start++) {
    if (placed[start]) continue
    for (let c = 0; c < columns.length; c++) saved[c] = columns[c]![start]!
    for (let p = start; ; ) {
      placed[p] = 1
      const from = order[p]!
      if (from === start) {
        for (let c = 0; c < columns.length; c++) columns[c]![p] = saved[c]!
        break
      }
      for (let c = 0; c < columns.length; c++) columns[c]![p] = columns[c]![from]!
      p = from
    }
  }
  const out = {} as Record<PointTableName, unknown>
  for (const name of Object.keys(walkOrder) as PointTableName[]) {
    out[name] = walkOrder[name].subarray(0, tableLength(name, { points: n, sites: 0, places: 0, weeks: 0 }))
  }
  return out as PointTables
}

/**
 * Sites and places in the order the walk meets them (the records' order), in typed arrays that
 * grow by doubling; `copyInPointOrder` then groups them by point index, reading only these
 * arrays. It is the sink of `visitSitePlaces`, so what a site's places are stays defined once.
 */
class SitesInWalkOrder implements SitePlaceSink {
  siteCount = 0
  placeCount = 0
  /** By walk index of the point: its first site (one more slot: the end of the last range). */
  private pointFirstSite: Uint32Array
  private pointCount = 0
  private siteKind: Uint8Array
  /** By walk index of the site, with one more slot for the end of the last range. */
  private siteFirstPlace: Uint32Array
  private placeCoords: Float64Array
  private placeRole: Uint8Array
  private placeOpenHint: Uint32Array
  private placeWeek: Uint16Array
  private placeClosures: Uint32Array
  readonly weeks = new WeekTable()
  private site: Site | null = null

  constructor(
    points: number,
    private readonly today: LocalDate,
  ) {
    this.pointFirstSite = new Uint32Array(points + 1)
    // Registries average ~1.4 sites and ~1.4 places per point: room for 2 rarely has to grow.
    const capacity = Math.max(16, 2 * points)
    this.siteKind = new Uint8Array(capacity)
    this.siteFirstPlace = new Uint32Array(capacity + 1)
    this.placeCoords = new Float64Array(2 * capacity)
    this.placeRole = new Uint8Array(capacity)
    this.placeOpenHint = new Uint32Array(capacity)
    this.placeWeek = new Uint16Array(capacity)
    this.placeClosures = new Uint32Array(capacity)
  }

  addPoint(sites: readonly Site[]): void {
    for (let k = 0; k < sites.length; k++) {
      const site = sites[k]!
      if (this.siteCount === this.siteKind.length) {
        this.siteKind = grown(this.siteKind, 2 * this.siteCount)
        this.siteFirstPlace = grown(this.siteFirstPlace, 2 * this.siteCount + 1)
      }
      this.siteKind[this.siteCount] = SITE_KIND_LIST.indexOf(site.kind)
      this.siteFirstPlace[this.siteCount] = this.placeCount
      this.site = site
      visitSitePlaces(site, this.today, this)
      this.siteCount++
    }
    if (this.pointCount + 1 === this.pointFirstSite.length) this.pointFirstSite = grown(this.pointFirstSite, 2 * this.pointFirstSite.length)
    this.pointFirstSite[++this.pointCount] = this.siteCount
  }

  place(role: PlaceRole, location: Location): void {
    const e = this.placeCount++
    if (e === this.placeRole.length) {
      this.placeCoords = grown(this.placeCoords, 4 * e)
      this.placeRole = grown(this.placeRole, 2 * e)
      this.placeOpenHint = grown(this.placeOpenHint, 2 * e)
      this.placeWeek = grown(this.placeWeek, 2 * e)
      this.placeClosures = grown(this.placeClosures, 2 * e)
    }
    this.placeCoords[2 * e] = location.lon
    this.placeCoords[2 * e + 1] = location.lat
    this.placeRole[e] = role
    this.placeOpenHint[e] = placeOpeningHint(this.site!, role, location)
    this.placeWeek[e] = this.weeks.idOf(this.site!, role)
    this.placeClosures[e] = closureWindow(this.site!)
  }

  /** Writes the site and place tables (and place coordinates) with points in `order`; returns the weeks, numbered in that order. */
  copyInPointOrder(order: Uint32Array, t: Tables, coords: Float64Array): Uint32Array<ArrayBuffer> {
    this.siteFirstPlace[this.siteCount] = this.placeCount
    // Locals, not property loads, in the loops that run a million times.
    const { pointFirstSite, siteKind, siteFirstPlace, placeCoords, placeRole, placeOpenHint, placeWeek, placeClosures } = this
    const { placePoint, placeSite, placeRole: tablePlaceRole, placeOpenHint: tablePlaceOpenHint, placeFacts, placeWeek: tablePlaceWeek, placeClosures: tablePlaceClosures } = t
    const { pointFirstSite: tablePointFirstSite, siteKind: tableSiteKind, siteFirstPlace: tableSiteFirstPlace } = t
    const newWeek = new Int32Array(this.weeks.size).fill(-1)
    let weeksUsed = 0
    let g = 0
    let e = 0
    for (let p = 0; p < order.length; p++) {
      const i = order[p]!
      tablePointFirstSite[p] = g
      // The point's columns are in id order before this runs.
      const pointFacts = pointFactBits(t, p)
      for (let w = pointFirstSite[i]!, lastSite = pointFirstSite[i + 1]!; w < lastSite; w++, g++) {
        tableSiteKind[g] = siteKind[w]!
        tableSiteFirstPlace[g] = e
        const facts = pointFacts | siteKindFactBit(siteKind[w]!)
        for (let x = siteFirstPlace[w]!, lastPlace = siteFirstPlace[w + 1]!; x < lastPlace; x++, e++) {
          coords[2 * e] = placeCoords[2 * x]!
          coords[2 * e + 1] = placeCoords[2 * x + 1]!
          placePoint[e] = p
          placeSite[e] = g
          tablePlaceRole[e] = placeRole[x]!
          tablePlaceOpenHint[e] = placeOpenHint[x]!
          placeFacts[e] = facts
          const week = placeWeek[x]!
          tablePlaceWeek[e] = week === NO_WEEK ? NO_WEEK : newWeek[week]! >= 0 ? newWeek[week]! : (newWeek[week] = weeksUsed++)
          tablePlaceClosures[e] = placeClosures[x]!
        }
      }
    }
    t.pointFirstSite[order.length] = g
    t.siteFirstPlace[g] = e
    return this.weeks.finish(newWeek, weeksUsed)
  }
}

/** A longer copy of `array`. */
function grown<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(array: T, length: number): T {
  const out = new (array.constructor as new (length: number) => T)(length)
  out.set(array as never)
  return out
}

/** Puts the parts together; shared with deserialisation so both produce the same shape. */
export function assembleSnapshot(parts: {
  registryVersion: number
  builtAt: string
  invalidItems: number
  changesHorizon: number
  ids: Utf8Column
  /** The column, or how to make it when first needed. */
  haystacks: Utf8Column | (() => Utf8Column)
  records: PointRecordStore
  tables: SnapshotTables
  coverageFacts?: StoredCoverageFacts
}): Snapshot {
  const { records, tables, ids, haystacks } = parts
  if (ids.size !== records.size) throw new Error(`ids: ${ids.size} ids for ${records.size} records`)
  let pointIds: string[] | undefined
  let haystackColumn = typeof haystacks === 'function' ? undefined : haystacks
  return {
    registryVersion: parts.registryVersion,
    builtAt: parts.builtAt,
    invalidItems: parts.invalidItems,
    changesHorizon: parts.changesHorizon,
    ids,
    records,
    tables,
    ...(parts.coverageFacts ? { coverageFacts: parts.coverageFacts } : {}),
    pointCount: records.size,
    siteCount: tables.siteKind.length,
    placeCount: tables.placePoint.length,
    get points() {
      return records.all()
    },
    get pointIds() {
      return (pointIds ??= ids.all())
    },
    get haystacks() {
      return (haystackColumn ??= (haystacks as () => Utf8Column)())
    },
  }
}

function buildHaystacks(points: readonly PointRecord[]): Utf8Column {
  const haystacks = new Utf8ColumnBuilder(points.length, 64)
  const memo = new Map<string, string>()
  for (const point of points) writePointHaystack(point, haystacks, memo)
  return haystacks.finish()
}

/**
 * The permutation that sorts the records by id (the caller's array is left as it is), and the ids
 * in that order; a repeated id is an error. Ids are ASCII by schema, so they are sorted as bytes,
 * side by side in one array; other text is sorted as strings, so the order is always `<` order.
 */
function idOrder(ids: readonly string[]): { order: Uint32Array; sortedIds: Utf8Column } {
  const column = Utf8Column.of(ids)
  const ascii = column.isAscii()
  const order = ascii ? sortedByteOrder(column) : sortedOrder(ids)
  const sortedIds = column.reordered(order)
  for (let p = 1; p < order.length; p++) {
    // ASCII: equal bytes are equal strings, and neighbours in the column sit side by side in memory.
    const repeated = ascii ? sortedIds.equal(p - 1, p) : ids[order[p]!] === ids[order[p - 1]!]
    if (repeated) throw new Error(`points: duplicate id ${ids[order[p]!]}`)
  }
  return { order, sortedIds }
}

/** The inverse of kdbush's id permutation: where each place's coordinates sit in `index.coords`. */
function fillPlaceSlots(index: KDBush, slots: Uint32Array): void {
  const ids = index.ids
  for (let slot = 0; slot < ids.length; slot++) slots[ids[slot]!] = slot
}

/** Sizes of each table for given counts (points need one more slot: the end of the last range). */
export function tableLength(name: TableName, counts: TableCounts): number {
  if (name === 'weekBits') return counts.weeks * WEEK_WORDS
  if (name.startsWith('place')) return counts.places
  if (name === 'siteFirstPlace') return counts.sites + 1
  if (name.startsWith('site')) return counts.sites
  if (name === 'pointFirstSite') return counts.points + 1
  return counts.points
}

export interface TableCounts {
  readonly points: number
  readonly sites: number
  readonly places: number
  /** Distinct weeks in `weekBits`. */
  readonly weeks: number
}

type Tables = { [K in TableName]: InstanceType<(typeof TABLE_LAYOUT)[K]> }
type PointTableName = Extract<TableName, `point${string}`>
type PointTables = Pick<Tables, PointTableName>

function allocatePointTables(points: number): PointTables {
  return allocate((name): name is PointTableName => name.startsWith('point'), { points, sites: 0, places: 0, weeks: 0 }) as PointTables
}

function grownPointTables(tables: PointTables, points: number): PointTables {
  const out = allocatePointTables(points)
  for (const name of Object.keys(out) as PointTableName[]) out[name].set(tables[name] as never)
  return out
}

function allocateSiteAndPlaceTables(sites: number, places: number, weeks: number): Omit<Tables, PointTableName> {
  return allocate((name) => !name.startsWith('point'), { points: 0, sites, places, weeks }) as Omit<Tables, PointTableName>
}

function allocate(wanted: (name: TableName) => boolean, counts: TableCounts): Partial<Tables> {
  const out: Partial<Record<TableName, unknown>> = {}
  for (const name of Object.keys(TABLE_LAYOUT) as TableName[]) {
    if (wanted(name)) out[name] = new TABLE_LAYOUT[name](tableLength(name, counts))
  }
  return out as Partial<Tables>
}

// Module-local copies of the vocabularies: read millions of times, and an imported binding may
// compile to a getter call.
const STATUS_LIST: readonly string[] = POINT_STATUSES
const SITE_KIND_LIST: readonly string[] = SITE_KINDS
const SERVICE_BITS = bitsByName(SERVICES)
const TOPIC_BITS = bitsByName(TOPICS)

function bitsByName(names: readonly string[]): Map<string, number> {
  return new Map(names.map((name, i) => [name, 2 ** i]))
}

function maskOf(bits: Map<string, number>, present: readonly string[]): number {
  let mask = 0
  for (let i = 0; i < present.length; i++) mask |= bits.get(present[i]!) ?? 0
  return mask >>> 0
}

function writePointColumns(t: PointTables, p: number, point: PointRecord, changeSeq: number): void {
  t.pointChangeSeq[p] = changeSeq
  t.pointStatus[p] = STATUS_LIST.indexOf(point.status)
  t.pointServices[p] = maskOf(SERVICE_BITS, point.services)
  t.pointTopics[p] = maskOf(TOPIC_BITS, point.topics)
  t.pointRegion[p] = encodeRegion(point.region?.istat ?? null)
  t.pointProvince[p] = encodeProvince(point.province)
  t.pointComune[p] = encodeComune(point.comune.istat)
  t.pointStepFree[p] = point.accessibility.step_free === true ? 1 : 0
}
