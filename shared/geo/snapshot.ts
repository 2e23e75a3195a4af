import KDBush from 'kdbush'
import { POINT_STATUSES, SERVICES, SITE_KINDS, TOPICS, type PointRecord } from '../schemas/point.ts'
import { pointHaystack } from '../filters/text-query.ts'
import { toRomeWallClock } from '../hours/rome-time.ts'
import { encodeComune, encodeProvince, encodeRegion } from './admin-codes.ts'
import { openingHint } from './opening-hint.ts'
import { inMemoryRecords, type PointRecordStore } from './point-record-store.ts'
import { siteAtPlace, sitePlaces, type SitePlace } from './site-places.ts'

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
  /** kdbush keeps coordinates in tree order; `placeSlot[e]` is where place e sits there. */
  readonly placeSlot: Uint32Array
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
  /** Point ids in index order (sorted). */
  readonly pointIds: readonly string[]
  /** `pointHaystack` of each point, for `q`. */
  readonly haystacks: readonly string[]
  readonly records: PointRecordStore
  readonly tables: SnapshotTables
}

if (SERVICES.length > 32 || TOPICS.length > 32) throw new Error('snapshot: services and topics must fit 32-bit masks')

/**
 * Builds the snapshot. Stops count as upcoming from the Europe/Rome date of `builtAt` (default:
 * now), so the builder stays pure when given the date.
 */
export function buildSnapshot(records: readonly PointRecord[], meta: { registryVersion: number; builtAt?: Date }): Snapshot {
  const builtAt = meta.builtAt ?? new Date()
  const points = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (let p = 1; p < points.length; p++) {
    if (points[p]!.id === points[p - 1]!.id) throw new Error(`points: duplicate id ${points[p]!.id}`)
  }
  const today = toRomeWallClock(builtAt).date

  const pointCount = points.length
  const siteCount = points.reduce((n, point) => n + point.sites.length, 0)
  const placesBySite: SitePlace[][] = []
  for (const point of points) for (const site of point.sites) placesBySite.push(sitePlaces(site, today))
  const placeCount = placesBySite.reduce((n, places) => n + places.length, 0)

  const tables = allocateTables(pointCount, siteCount, placeCount)
  const index = new KDBush(placeCount)
  let g = 0
  let e = 0
  points.forEach((point, p) => {
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
      for (const place of placesBySite[g]!) {
        index.add(place.location.lon, place.location.lat)
        tables.placePoint[e] = p
        tables.placeSite[e] = g
        tables.placeRole[e] = place.role
        tables.placeOpenHint[e] = openingHint(siteAtPlace(site, place))
        e++
      }
      g++
    }
  })
  tables.pointFirstSite[pointCount] = g
  tables.siteFirstPlace[siteCount] = e
  index.finish()

  const haystackMemo = new Map<string, string>()
  return assembleSnapshot({
    registryVersion: meta.registryVersion,
    builtAt: builtAt.toISOString(),
    pointIds: points.map((point) => point.id),
    haystacks: points.map((point) => pointHaystack(point, haystackMemo)),
    records: inMemoryRecords(points),
    tables: { ...tables, index, placeSlot: placeSlots(index) },
  })
}

/** Puts the parts together; shared with deserialisation so both produce the same shape. */
export function assembleSnapshot(parts: {
  registryVersion: number
  builtAt: string
  pointIds: readonly string[]
  haystacks: readonly string[]
  records: PointRecordStore
  tables: SnapshotTables
}): Snapshot {
  const { records, tables } = parts
  return {
    ...parts,
    pointCount: records.size,
    siteCount: tables.siteKind.length,
    placeCount: tables.placePoint.length,
    get points() {
      return records.all()
    },
  }
}

/** The inverse of kdbush's id permutation. */
export function placeSlots(index: KDBush): Uint32Array {
  const slots = new Uint32Array(index.numItems)
  const ids = index.ids
  for (let slot = 0; slot < ids.length; slot++) slots[ids[slot]!] = slot
  return slots
}

/** Sizes of each table for given counts (points need one more slot: the end of the last range). */
export function tableLength(name: TableName, counts: { points: number; sites: number; places: number }): number {
  if (name.startsWith('place')) return counts.places
  if (name === 'siteFirstPlace') return counts.sites + 1
  if (name.startsWith('site')) return counts.sites
  if (name === 'pointFirstSite') return counts.points + 1
  return counts.points
}

function allocateTables(points: number, sites: number, places: number) {
  const out = {} as Record<TableName, unknown>
  for (const name of Object.keys(TABLE_LAYOUT) as TableName[]) {
    out[name] = new TABLE_LAYOUT[name](tableLength(name, { points, sites, places }))
  }
  return out as { [K in TableName]: InstanceType<(typeof TABLE_LAYOUT)[K]> }
}

function maskOf<T>(all: readonly T[], present: readonly T[]): number {
  let mask = 0
  for (const value of present) mask |= 1 << all.indexOf(value)
  return mask >>> 0
}
