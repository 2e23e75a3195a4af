import { around } from 'geokdbush'
import { isOpenAt } from '../hours/open-at.ts'
import { compileFilter, type CompiledFilter } from '../filters/compile-filter.ts'
import type { PointFilter } from '../filters/point-filter.ts'
import type { Location } from '../schemas/hours.ts'
import type { PointRecord, Site } from '../schemas/point.ts'
import { haversineMetres } from './haversine.ts'
import { MissingRecords, withRecords } from './point-record-store.ts'
import { OpenVerdict } from './open-week.ts'
import { PlaceRole, siteAtPlace, type SitePlace } from './site-places.ts'
import type { Snapshot } from './snapshot.ts'
import type { Utf8Column } from './utf8-column.ts'

export interface PointHit {
  point: PointRecord
  /** The point's matching site: the nearest one for `queryNearest`, else the first in the point's order. */
  site: Site
  /** Great-circle metres from `near` to `location`, rounded; null without `near`. */
  distance_m: number | null
  /**
   * Where the site was matched: its location, or the stop place of a mobile unit (whose
   * `site.location` is only its base); null for an online site. Always set by this module.
   */
  location?: Location | null
  /**
   * What the matched place is (set where a place was matched: `queryNearest`, `matchingPlaces`):
   * the whole site, a mobile unit's weekly base, or one of its stop places. `siteAtPlace(site,
   * place)` is the site as it is there, for what "open now" and "next stop" must say.
   */
  place?: SitePlace
}

/**
 * Records a query over a store that fetches them (ranged-record-store.ts) names at most per run:
 * enough that a sparse filter (few places open at night) takes a few rounds, few enough that one
 * round's fetches stay small.
 */
const MISSING_PER_ROUND = 256

/**
 * The `limit` points after `offset` whose nearest matching place is closest to `near`, ordered by
 * (distance_m, point id) so that equal distances always come out in the same order.
 *
 * Why repeated `around` calls rather than one predicate that also skips already-seen points: the
 * predicate runs when a kd-tree leaf is opened, not in distance order, so a point's far site can
 * be seen before its near one, and "skip seen points" there would drop the nearest site. Instead
 * the predicate only screens typed arrays; the places come back in distance order, the first one
 * of each point that also passes `q` and `openAt` is its nearest matching site. When the batch
 * runs out before enough points are found, `around` runs again with four times the batch and the
 * walk resumes where it stopped (`around` is deterministic, so the first part of a longer answer is
 * the shorter answer): at most ~4/3 of the work of knowing the right batch size in advance.
 */
export function queryNearest(
  s: Snapshot,
  near: { lat: number; lon: number },
  f: PointFilter,
  opts: { limit: number; offset?: number; radiusKm?: number },
): PointHit[] {
  const limit = checkedCount('limit', opts.limit, 1)
  const offset = checkedCount('offset', opts.offset ?? 0, 0)
  if (!(Number.isFinite(near.lat) && Math.abs(near.lat) <= 90)) throw new RangeError(`near.lat: ${near.lat} is not a latitude`)
  if (!(Number.isFinite(near.lon) && Math.abs(near.lon) <= 180)) throw new RangeError(`near.lon: ${near.lon} is not a longitude`)
  const radiusKm = opts.radiusKm ?? Infinity
  if (!(radiusKm > 0)) throw new RangeError(`radiusKm: ${radiusKm} must be positive`)

  const t = s.tables
  const filter = compileFilter(s, f)
  const isOpen = filter.openAt === null ? null : isOpenAt(filter.openAt)
  const wanted = limit + offset
  const found: { point: number; place: number; metres: number }[] = []
  // Points already placed at a nearer place, or rejected as a whole by `q`.
  const settled = new Set<number>()
  // Records a store has yet to fetch (ranged-record-store.ts).
  const missing = new MissingRecords(Math.max(MISSING_PER_ROUND, 2 * wanted))
  let boundaryMetres = Infinity
  let batch = Math.max(16, 2 * wanted)
  let walked = 0
  search: for (;;) {
    const places = around(t.index, near.lon, near.lat, batch, radiusKm, filter.placePasses)
    for (; walked < places.length; walked++) {
      const place = places[walked]!
      const point = t.placePoint[place]!
      if (settled.has(point)) continue
      const location = placeLocation(s, place)
      const metres = Math.round(haversineMetres(near, location))
      // Past the `wanted`-th point only equal rounded distances can still change the page (by id).
      if (metres > boundaryMetres) break search
      if (!filter.textPasses(point)) {
        settled.add(point)
        continue
      }
      // The week decided most places inside the predicate; the record decides the rest. One not
      // fetched yet is noted and passed over: the walk goes on, so one round fetches what the
      // next run needs even where few places are open (the run is repeated once they are here).
      if (isOpen !== null && filter.openVerdict(place) !== OpenVerdict.open) {
        if (!s.records.has(point)) {
          if (missing.note(point)) break search
          continue
        }
        if (!isOpen(siteAtThisPlace(s, place, location))) continue
      }
      settled.add(point)
      found.push({ point, place, metres })
      if (found.length === wanted) boundaryMetres = metres
    }
    if (places.length < batch) break
    batch *= 4
  }
  found.sort((a, b) => a.metres - b.metres || a.point - b.point)
  const page = found.slice(offset, offset + limit)
  for (const { point } of page) if (!s.records.has(point)) missing.note(point)
  missing.settle()
  return page.map(({ point, place, metres }) => {
    const location = placeLocation(s, place)
    return {
      point: s.records.get(point),
      site: siteOf(s, point, t.placeSite[place]!),
      distance_m: metres,
      location,
      place: { role: t.placeRole[place] as PlaceRole, location },
    }
  })
}

/**
 * Matching points in id order, `limit` at a time; `after` is the last id of the previous page
 * (keyset pagination: stable while the snapshot changes underneath, no offset to skip).
 */
export function queryList(s: Snapshot, f: PointFilter, opts: { limit: number; after?: string }): PointHit[] {
  const limit = checkedCount('limit', opts.limit, 1)
  const filter = compileFilter(s, f)
  const isOpen = filter.openAt === null ? null : isOpenAt(filter.openAt)
  const hits: PointHit[] = []
  const start = opts.after === undefined ? 0 : firstIndexAbove(s.ids, opts.after)
  // As in queryNearest: a record not fetched yet is passed over and named at the end.
  const missing = new MissingRecords(Math.max(MISSING_PER_ROUND, 2 * limit))
  for (const point of candidatePoints(s, filter, start)) {
    // With "open at", a point whose every site is closed then by its week needs no record: most
    // of a registry at night, which a store that fetches records would otherwise read whole.
    if (filter.openAt !== null && everySiteClosedByWeek(s, filter, point)) continue
    if (!s.records.has(point)) {
      if (missing.note(point)) break
      continue
    }
    const first = s.tables.pointFirstSite[point]!
    const end = s.tables.pointFirstSite[point + 1]!
    for (let g = first; g < end; g++) {
      const location = siteMatch(s, filter, isOpen, point, g)
      if (location === undefined) continue
      hits.push({ point: s.records.get(point), site: siteOf(s, point, g), distance_m: null, location })
      break
    }
    if (hits.length === limit) break
  }
  missing.settle()
  return hits
}

export function getPoint(s: Snapshot, id: string): PointRecord | undefined {
  const index = firstIndexAbove(s.ids, id) - 1
  return index >= 0 && s.ids.get(index) === id ? s.records.get(index) : undefined
}

/** `getPoint`, its record fetched first where the store keeps records elsewhere (see `withRecords`). */
export const pointById = (s: Snapshot, id: string): Promise<PointRecord | undefined> => withRecords(s.records, () => getPoint(s, id))

/**
 * Where an id-ordered export walk resumes: after the row an export page ended on. Its point's id,
 * its site's id and its place's id (placeIdOf) name the row itself; its site's position in the
 * point and its place's among the site's are the fallback (a cursor from before the ids were kept,
 * or a row since removed, whose place the next one has taken).
 */
export interface ResumePoint {
  readonly pointId: string
  readonly siteIndex: number
  readonly placeIndex: number
  readonly siteId?: string
  readonly placeId?: string
}

/** A place of a site as a resumed walk finds it again: its role and coordinates ('' for an online site, which has none). */
export const placeIdOf = (place: { readonly role: PlaceRole; readonly location: Location } | null | undefined): string =>
  place ? `${place.role}@${place.location.lat},${place.location.lon}` : ''

/** One row of an export: a site where it can be met (a mobile unit once per stop place), or an online site once. */
export interface PlaceRow {
  readonly point: PointRecord
  readonly site: Site
  readonly siteIndex: number
  /** The place's position among the site's places (0 for a site with one place, or none). */
  readonly placeIndex: number
  /** null for an online site. */
  readonly place: SitePlace | null
}

/**
 * Every matching place of every matching site, in point id, site and place order: one row each
 * for exports, so a mobile unit appears at each of its stops, where `near` measures it too.
 * With a bbox only the places inside it; with `openAt` only the places open then. With `after`,
 * the walk resumes just past that row (keyset: a page boundary stays put while points are
 * added or removed before it).
 */
export function* matchingPlaces(s: Snapshot, f: PointFilter, opts: { after?: ResumePoint } = {}): Iterable<PlaceRow> {
  const t = s.tables
  const filter = compileFilter(s, f)
  const isOpen = filter.openAt === null ? null : isOpenAt(filter.openAt)
  const after = opts.after
  // The point of `after` itself (if it still exists) resumes past its row; later points start whole.
  const start = after === undefined ? 0 : indexOfIdOrNext(s.ids, after.pointId)
  // As in queryList: records not fetched yet are named together at the end. Rows come in id
  // order, so past the first missing record nothing more is yielded, only more missing ones noted.
  const missing = new MissingRecords(MISSING_PER_ROUND)
  for (const p of candidatePoints(s, filter, start)) {
    // As in queryList: a point whose every site is closed then by its week needs no record.
    if (filter.openAt !== null && everySiteClosedByWeek(s, filter, p)) continue
    if (!s.records.has(p)) {
      if (missing.note(p)) break
      continue
    }
    if (missing.count > 0) continue
    const first = t.pointFirstSite[p]!
    const end = t.pointFirstSite[p + 1]!
    const resume = after !== undefined && p === start && s.ids.get(p) === after.pointId ? resumeAfter(s, p, after) : undefined
    for (let g = first + (resume ? resume.site : 0); g < end; g++) {
      if (!filter.siteKindPasses(g)) continue
      const site = siteOf(s, p, g)
      const point = s.records.get(p)
      const firstPlace = t.siteFirstPlace[g]!
      const places = t.siteFirstPlace[g + 1]! - firstPlace
      const skipThrough = resume && g - first === resume.site ? resume.skipThrough : -1
      if (places === 0) {
        // An online site: no place, so no bbox can hold it.
        if (filter.bbox === null && skipThrough < 0 && (isOpen === null || isOpen(site))) yield { point, site, siteIndex: g - first, placeIndex: 0, place: null }
        continue
      }
      for (let k = skipThrough + 1; k < places; k++) {
        const e = firstPlace + k
        if (filter.bbox !== null && !filter.placePasses(e)) continue
        const place = { role: t.placeRole[e] as PlaceRole, location: placeLocation(s, e) }
        if (isOpen !== null && !isOpen(siteAtPlace(site, place))) continue
        yield { point, site, siteIndex: g - first, placeIndex: k, place }
      }
    }
  }
  missing.settle()
}

/**
 * Where a walk resumes in its last row's point: the site (position in the point) and the last place
 * of it already given (-1: none). Found by identity, so that sites added or removed before the row
 * since the last page shift nothing (by position, the walk skipped or repeated rows); a row no
 * longer there resumes at its position, which what followed it now holds.
 */
function resumeAfter(s: Snapshot, p: number, after: ResumePoint): { site: number; skipThrough: number } {
  const positions = { site: Math.max(0, after.siteIndex), skipThrough: after.placeIndex }
  if (after.siteId === undefined) return positions
  const siteIndex = s.records.get(p).sites.findIndex((site) => site.id === after.siteId)
  if (siteIndex < 0) return { site: positions.site, skipThrough: -1 }
  const t = s.tables
  const g = t.pointFirstSite[p]! + siteIndex
  const firstPlace = t.siteFirstPlace[g]!
  const places = t.siteFirstPlace[g + 1]! - firstPlace
  // An online site's one row (no place) was the last given.
  if (places === 0) return { site: siteIndex, skipThrough: 0 }
  for (let k = 0; k < places; k++) {
    const e = firstPlace + k
    if (placeIdOf({ role: t.placeRole[e] as PlaceRole, location: placeLocation(s, e) }) === after.placeId) return { site: siteIndex, skipThrough: k }
  }
  return { site: siteIndex, skipThrough: after.placeIndex - 1 }
}

/** A row of `nearestPlaces`: the row and its great-circle metres from `near`, rounded (null for an online site). */
export type NearestPlaceRow = PlaceRow & { readonly metres: number | null }

/**
 * The rows of `matchingPlaces`, nearest first: by rounded metres from `near`, then point id, site
 * and place (an export with `near`); within `radiusKm` only the places that close, else the
 * online sites last, in id order. Rows before `offset` are counted, not made.
 *
 * It walks the index outwards, as `queryNearest` does, instead of measuring every matching place
 * and sorting them: a page reads the records of its own rows only, which a registry whose records
 * stay in S3 needs (ranged-record-store.ts), and costs the size of the page, not of the registry.
 */
export function* nearestPlaces(s: Snapshot, f: PointFilter, near: { lat: number; lon: number }, opts: { radiusKm?: number; offset?: number } = {}): Generator<NearestPlaceRow> {
  const t = s.tables
  const filter = compileFilter(s, f)
  const isOpen = filter.openAt === null ? null : isOpenAt(filter.openAt)
  const radiusMetres = (opts.radiusKm ?? Infinity) * 1000
  let toSkip = checkedCount('offset', opts.offset ?? 0, 0)
  // As in queryList: records not fetched yet are named together at the end. Rows come in order,
  // so past the first missing record nothing more is yielded: the walk goes on for up to
  // MISSING_PER_ROUND rows, noting the ones whose records are missing, then stops.
  const missing = new MissingRecords(MISSING_PER_ROUND)
  let rowsNoted = 0
  /** What to do with the next row, of point p: yield it, or note it ('stop': the round is full). */
  const next = (p: number): 'yield' | 'noted' | 'stop' => {
    if (missing.count === 0 && s.records.has(p)) return 'yield'
    if (!s.records.has(p)) missing.note(p)
    return ++rowsNoted >= MISSING_PER_ROUND ? 'stop' : 'noted'
  }
  /** Whether the row of place e (of point p) is one: its `q` and its opening, from the record if the week cannot tell. */
  const passes = (e: number, p: number): boolean | 'unknown' => {
    if (!filter.textPasses(p)) return false
    if (isOpen === null || filter.openVerdict(e) === OpenVerdict.open) return true
    if (!s.records.has(p)) return 'unknown'
    return isOpen(siteAtThisPlace(s, e, placeLocation(s, e)))
  }
  const rowAt = (e: number, metres: number): NearestPlaceRow => {
    const p = t.placePoint[e]!
    const g = t.placeSite[e]!
    const place = { role: t.placeRole[e] as PlaceRole, location: placeLocation(s, e) }
    return { point: s.records.get(p), site: siteOf(s, p, g), siteIndex: g - t.pointFirstSite[p]!, placeIndex: e - t.siteFirstPlace[g]!, place, metres }
  }

  // Places of one rounded distance, yielded in (point, site, place) order: e grows with all three.
  let group: number[] = []
  let groupMetres = -1
  let full = false
  function* flush(): Generator<NearestPlaceRow> {
    group.sort((a, b) => a - b)
    for (const e of group) {
      if (toSkip > 0) {
        toSkip--
        continue
      }
      const what = next(t.placePoint[e]!)
      if (what === 'yield') yield rowAt(e, groupMetres)
      else if (what === 'stop') {
        full = true
        break
      }
    }
    group = []
  }
  // geokdbush measures on the same sphere as haversineMetres; the margin keeps a place on the
  // boundary whichever rounding each makes, and the exact test below decides.
  const searchKm = Number.isFinite(radiusMetres) ? radiusMetres / 1000 + 0.001 : Infinity
  let batch = 64
  let walked = 0
  search: for (;;) {
    const places = around(t.index, near.lon, near.lat, batch, searchKm, filter.placePasses)
    for (; walked < places.length; walked++) {
      const e = places[walked]!
      const exact = haversineMetres(near, placeLocation(s, e))
      if (exact > radiusMetres) continue
      const metres = Math.round(exact)
      if (metres !== groupMetres) {
        yield* flush()
        if (full) break search
        groupMetres = metres
      }
      const verdict = passes(e, t.placePoint[e]!)
      if (verdict === 'unknown') {
        // Whether it is a row at all needs its record: noted, as a row is.
        if (next(t.placePoint[e]!) === 'stop') {
          full = true
          break search
        }
      } else if (verdict) group.push(e)
    }
    if (places.length < batch) break
    batch *= 4
  }
  if (!full) yield* flush()
  // Online sites have no distance: after every place, unless a radius or a bbox leaves them out.
  if (full || Number.isFinite(radiusMetres) || filter.bbox !== null) return finish()
  for (const p of candidatePoints(s, filter, 0)) {
    for (let g = t.pointFirstSite[p]!, end = t.pointFirstSite[p + 1]!; g < end; g++) {
      if (t.siteFirstPlace[g + 1] !== t.siteFirstPlace[g] || !filter.siteKindPasses(g)) continue
      // A row before `offset` is counted without its record, unless its opening needs it.
      if (toSkip > 0 && isOpen === null) {
        toSkip--
        continue
      }
      // Its opening, and the row, need the record.
      if (!s.records.has(p) || missing.count > 0) {
        if (next(p) === 'stop') return finish()
        break
      }
      const site = siteOf(s, p, g)
      if (isOpen !== null && !isOpen(site)) continue
      if (toSkip > 0) {
        toSkip--
        continue
      }
      yield { point: s.records.get(p), site, siteIndex: g - t.pointFirstSite[p]!, placeIndex: 0, place: null, metres: null }
    }
  }
  return finish()

  function finish(): void {
    missing.settle()
  }
}

/**
 * Points from index `start` on, in id order, that pass the point-level filters and `q`. With a
 * bbox the kd-tree narrows them first (a town's box should not scan the country).
 */
function* candidatePoints(s: Snapshot, filter: CompiledFilter, start: number): Generator<number> {
  const t = s.tables
  if (filter.bbox === null) {
    for (let p = start; p < s.pointCount; p++) if (filter.pointPasses(p) && filter.textPasses(p)) yield p
    return
  }
  const [minLon, minLat, maxLon, maxLat] = filter.bbox
  const places = t.index.range(minLon, minLat, maxLon, maxLat)
  const points = new Uint32Array(places.length)
  let n = 0
  for (const place of places) {
    const point = t.placePoint[place]!
    if (point >= start && filter.placePasses(place)) points[n++] = point
  }
  const sorted = points.subarray(0, n).sort()
  for (let i = 0; i < n; i++) {
    const p = sorted[i]!
    if (i > 0 && sorted[i - 1] === p) continue
    if (filter.textPasses(p)) yield p
  }
}

/**
 * Whether site g matches the site-level filters: `undefined` if not, else where (its matching
 * place in the bbox, or its own location, or null for an online site).
 */
function siteMatch(
  s: Snapshot,
  filter: CompiledFilter,
  isOpen: ((site: Site) => boolean) | null,
  p: number,
  g: number,
): Location | null | undefined {
  const t = s.tables
  if (!filter.siteKindPasses(g)) return undefined
  if (filter.bbox === null) {
    const site = siteOf(s, p, g)
    return isOpen === null || isOpen(site) ? (site.location ?? null) : undefined
  }
  const end = t.siteFirstPlace[g + 1]!
  for (let e = t.siteFirstPlace[g]!; e < end; e++) {
    if (!filter.placePasses(e)) continue
    const location = placeLocation(s, e)
    if (isOpen === null || isOpen(siteAtThisPlace(s, e, location))) return location
  }
  return undefined
}

/**
 * Whether each site of point p is surely closed at the filter's instant by the typed arrays alone:
 * a site placed whole at one place whose week says closed. Mobile units and online sites are
 * left to their records (a stop past or not indexed may be open).
 */
function everySiteClosedByWeek(s: Snapshot, filter: CompiledFilter, p: number): boolean {
  const t = s.tables
  for (let g = t.pointFirstSite[p]!, end = t.pointFirstSite[p + 1]!; g < end; g++) {
    const e = t.siteFirstPlace[g]!
    const wholeAtOnePlace = t.siteFirstPlace[g + 1]! === e + 1 && t.placeRole[e] === PlaceRole.wholeSite
    if (filter.siteKindPasses(g) && !(wholeAtOnePlace && filter.openVerdict(e) === OpenVerdict.closed)) return false
  }
  return true
}

/** Site g of point p (g is a global site index, `pointFirstSite[p]` being its first site). */
function siteOf(s: Snapshot, p: number, g: number): Site {
  return s.records.get(p).sites[g - s.tables.pointFirstSite[p]!]!
}

function siteAtThisPlace(s: Snapshot, e: number, location: Location): Site {
  const t = s.tables
  return siteAtPlace(siteOf(s, t.placePoint[e]!, t.placeSite[e]!), { role: t.placeRole[e] as PlaceRole, location })
}

function placeLocation(s: Snapshot, e: number): Location {
  const slot = 2 * s.tables.placeSlot[e]!
  const coords = s.tables.index.coords
  return { lat: coords[slot + 1]!, lon: coords[slot]! }
}

/** The index of `id`, or where it would be: the first index whose id sorts after it. */
function indexOfIdOrNext(ids: Utf8Column, id: string): number {
  const above = firstIndexAbove(ids, id)
  return above > 0 && ids.get(above - 1) === id ? above - 1 : above
}

/** The first index whose id sorts after `id`. */
function firstIndexAbove(ids: Utf8Column, id: string): number {
  let lo = 0
  let hi = ids.size
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (ids.get(mid) <= id) lo = mid + 1
    else hi = mid
  }
  return lo
}

function checkedCount(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${field}: ${value} must be an integer ≥ ${min}`)
  return value
}
