import KDBush from 'kdbush'
import { POINT_STATUSES, SERVICES, SITE_KINDS, TOPICS, type PointRecord } from '../schemas/point.ts'
import { writePointHaystack } from '../filters/text-query.ts'
import { toRomeWallClock } from '../hours/rome-time.ts'
import { encodeComune, encodeProvince, encodeRegion } from './admin-codes.ts'
import { openingHint } from './opening-hint.ts'
import { inMemoryRecords, type PointRecordStore } from './point-record-store.ts'
import { siteAtPlace, sitePlaces } from './site-places.ts'
import { sortedOrder } from './string-order.ts'
import { Utf8Column, Utf8ColumnBuilder } from './utf8-column.ts'

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
} as const

type TableName = keyof typeof TABLE_LAYOUT
export type SnapshotTables = { readonly [K in TableName]: InstanceType<(typeof TABLE_LAYOUT)[K]> } & {
  /** Every place, as (lon, lat), by place id. */
  readonly index: KDBush
}

export interface Snapshot {
  readonly registryVersion: number
  readonly builtAt: string
  readonly pointCount: number
  readonly siteCount: number
  /** Indexed places: sites with a location, one per distinct upcoming stop place of a mobile unit. */
  readonly placeCount: number
  /** Every point, sorted by id. On a deserialised snapshot reading this decodes them all; queries never do. */
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
}

if (SERVICES.length > 32 || TOPICS.length > 32) throw new Error('snapshot: services and topics must fit 32-bit masks')

/**
 * Builds the snapshot. Stops count as upcoming from the Europe/Rome date of `builtAt` (default:
 * now), so the builder stays pure when given the date.
 * The records are the caller's and are kept by reference, never copied. The hot loops write
 * straight into typed arrays: a million places must not leave a million objects behind, because
 * with ~1 GB of records alive every survivor makes the garbage collector walk them again.
 */
export function buildSnapshot(records: readonly PointRecord[], meta: { registryVersion: number; builtAt?: Date }): Snapshot {
  const builtAt = meta.builtAt ?? new Date()
  const today = toRomeWallClock(builtAt).date
  const points = sortedById(records)
  const pointCount = points.length

  let siteCount = 0
  for (const point of points) siteCount += point.sites.length
  // Places are counted as they are found (a counting pass would walk every site twice, and at a
  // million sites the walk, not the arithmetic, is the cost): their arrays grow by doubling.
  let placeCapacity = Math.max(16, Math.ceil(siteCount * 1.25))
  const tables = allocateTables(pointCount, siteCount, placeCapacity)
  let placeCoords = new Float64Array(2 * placeCapacity)
  const ids = new Utf8ColumnBuilder(pointCount, 16)
  let g = 0
  let e = 0
  for (let p = 0; p < pointCount; p++) {
    const point = points[p]!
    ids.write(point.id)
    ids.next()
    tables.pointFirstSite[p] = g
    tables.pointStatus[p] = POINT_STATUSES.indexOf(point.status)
    tables.pointServices[p] = maskOf(SERVICES, point.services)
    tables.pointTopics[p] = maskOf(TOPICS, point.topics)
    tables.pointRegion[p] = encodeRegion(point.region?.istat ?? null)
    tables.pointProvince[p] = encodeProvince(point.province)
    tables.pointComune[p] = encodeComune(point.comune.istat)
    tables.pointStepFree[p] = point.accessibility.step_free === true ? 1 : 0
    for (const site of point.sites) {
      tables.siteKind[g] = SITE_KINDS.indexOf(site.kind)
      tables.siteFirstPlace[g] = e
      for (const place of sitePlaces(site, today)) {
        if (e === placeCapacity) {
          placeCapacity *= 2
          resizePlaceTables(tables, placeCapacity)
          placeCoords = resized(placeCoords, 2 * placeCapacity)
        }
        placeCoords[2 * e] = place.location.lon
        placeCoords[2 * e + 1] = place.location.lat
        tables.placePoint[e] = p
        tables.placeSite[e] = g
        tables.placeRole[e] = place.role
        tables.placeOpenHint[e] = openingHint(siteAtPlace(site, place))
        e++
      }
      g++
    }
  }
  tables.pointFirstSite[pointCount] = g
  tables.siteFirstPlace[siteCount] = e
  const placeCount = e
  resizePlaceTables(tables, placeCount)

  const index = new KDBush(placeCount)
  for (let i = 0; i < placeCount; i++) index.add(placeCoords[2 * i]!, placeCoords[2 * i + 1]!)
  index.finish()
  fillPlaceSlots(index, tables.placeSlot)

  return assembleSnapshot({
    registryVersion: meta.registryVersion,
    builtAt: builtAt.toISOString(),
    ids: ids.finish(),
    // Normalising every name is a third of a build, and only `q` needs it: done on first use.
    haystacks: () => buildHaystacks(points),
    records: inMemoryRecords(points),
    tables: { ...tables, index },
  })
}

/** Puts the parts together; shared with deserialisation so both produce the same shape. */
export function assembleSnapshot(parts: {
  registryVersion: number
  builtAt: string
  ids: Utf8Column
  /** The column, or how to make it when first needed. */
  haystacks: Utf8Column | (() => Utf8Column)
  records: PointRecordStore
  tables: SnapshotTables
}): Snapshot {
  const { records, tables, ids, haystacks } = parts
  if (ids.size !== records.size) throw new Error(`ids: ${ids.size} ids for ${records.size} records`)
  let pointIds: string[] | undefined
  let haystackColumn = typeof haystacks === 'function' ? undefined : haystacks
  return {
    registryVersion: parts.registryVersion,
    builtAt: parts.builtAt,
    ids,
    records,
    tables,
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

/** The records in id order (the caller's array is left as it is); a repeated id is an error. */
function sortedById(records: readonly PointRecord[]): PointRecord[] {
  const ids = records.map((record) => record.id)
  const order = sortedOrder(ids)
  const points = new Array<PointRecord>(records.length)
  for (let p = 0; p < points.length; p++) {
    points[p] = records[order[p]!]!
    if (p > 0 && ids[order[p]!] === ids[order[p - 1]!]) throw new Error(`points: duplicate id ${ids[order[p]!]}`)
  }
  return points
}

/** Gives every place table a new length, keeping its first entries. */
function resizePlaceTables(tables: Tables, length: number): void {
  const writable = tables as Record<TableName, Tables[TableName]>
  for (const name of PLACE_TABLES) writable[name] = resized(tables[name], length)
}

function resized<T extends Tables[TableName] | Float64Array>(array: T, length: number): T {
  const out = new (array.constructor as new (length: number) => T)(length)
  out.set(length >= array.length ? (array as never) : (array.subarray(0, length) as never))
  return out
}

/** The inverse of kdbush's id permutation: where each place's coordinates sit in `index.coords`. */
function fillPlaceSlots(index: KDBush, slots: Uint32Array): void {
  const ids = index.ids
  for (let slot = 0; slot < ids.length; slot++) slots[ids[slot]!] = slot
}

/** Sizes of each table for given counts (points need one more slot: the end of the last range). */
export function tableLength(name: TableName, counts: { points: number; sites: number; places: number }): number {
  if (name.startsWith('place')) return counts.places
  if (name === 'siteFirstPlace') return counts.sites + 1
  if (name.startsWith('site')) return counts.sites
  if (name === 'pointFirstSite') return counts.points + 1
  return counts.points
}

type Tables = { [K in TableName]: InstanceType<(typeof TABLE_LAYOUT)[K]> }
const PLACE_TABLES = (Object.keys(TABLE_LAYOUT) as TableName[]).filter((name) => name.startsWith('place'))

function allocateTables(points: number, sites: number, places: number): Tables {
  const out = {} as Record<TableName, unknown>
  for (const name of Object.keys(TABLE_LAYOUT) as TableName[]) {
    out[name] = new TABLE_LAYOUT[name](tableLength(name, { points, sites, places }))
  }
  return out as Tables
}

function maskOf<T>(all: readonly T[], present: readonly T[]): number {
  let mask = 0
  for (const value of present) mask |= 1 << all.indexOf(value)
  return mask >>> 0
}
