import { normalizeName } from '../../../shared/gazetteer/normalize-name.ts'
import type { PointFilter } from '../../../shared/filters/point-filter.ts'
import { isOpenAt } from '../../../shared/hours/open-at.ts'
import type { LocalDate, Location } from '../../../shared/schemas/hours.ts'
import type { PointRecord, Site } from '../../../shared/schemas/point.ts'
import { siteAtPlace, sitePlaces } from '../../../shared/geo/site-places.ts'

/**
 * The oracle: the same questions answered the slow, obvious way, straight from the records,
 * with its own haversine and its own filter code. Only "which places does a site have"
 * (`sitePlaces`, tested on its own) is shared, because it is a definition, not an algorithm.
 * The benchmark uses it too, as the linear scan to beat.
 */

export interface OracleHit {
  id: string
  siteId: string
  distance_m: number | null
}

const EARTH_RADIUS_KM = 6371
const RAD = Math.PI / 180

export function haversineKm(a: Location, b: Location): number {
  const dLat = (b.lat - a.lat) * RAD
  const dLon = (b.lon - a.lon) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h))
}

export function pointMatches(p: PointRecord, f: PointFilter): boolean {
  const statuses = f.statuses ?? ['active']
  if (!statuses.includes(p.status)) return false
  // A point not active is open at no instant (API.md: open_now/open_at find only points with a site open then).
  if (f.openAt !== undefined && p.status !== 'active') return false
  if (f.region !== undefined && p.region?.istat !== f.region) return false
  if (f.province !== undefined && p.province !== f.province) return false
  if (f.comune !== undefined && p.comune.istat !== f.comune) return false
  if (f.services && !f.services.every((s) => p.services.includes(s))) return false
  if (f.topics && !f.topics.every((t) => p.topics.includes(t))) return false
  if (f.accessible === true && p.accessibility.step_free !== true) return false
  if (f.q !== undefined) {
    const words = normalizeName([p.name, p.operator.name, p.address.street ?? '', p.comune.name, p.comune.alt_name ?? ''].join(' ')).split(' ')
    const wanted = normalizeName(f.q).split(' ').filter((w) => w !== '')
    if (!wanted.every((w) => words.some((word) => word.startsWith(w)))) return false
  }
  return true
}

const kindMatches = (site: Site, f: PointFilter): boolean => f.kinds === undefined || f.kinds.includes(site.kind)

function inBox(l: Location, bbox: PointFilter['bbox']): boolean {
  return bbox === undefined || (l.lon >= bbox[0] && l.lat >= bbox[1] && l.lon <= bbox[2] && l.lat <= bbox[3])
}

/** Every point with its nearest matching place, ranked by (rounded metres, id). */
export function bruteNearest(
  records: readonly PointRecord[],
  today: LocalDate,
  near: Location,
  f: PointFilter,
  opts: { limit: number; offset?: number; radiusKm?: number },
): OracleHit[] {
  const open = f.openAt ? isOpenAt(f.openAt) : null
  const ranked: OracleHit[] = []
  for (const p of records) {
    if (!pointMatches(p, f)) continue
    let best: { km: number; siteId: string } | null = null
    for (const site of p.sites) {
      if (!kindMatches(site, f)) continue
      for (const place of sitePlaces(site, today)) {
        if (!inBox(place.location, f.bbox)) continue
        const km = haversineKm(near, place.location)
        if (km > (opts.radiusKm ?? Infinity) || (best !== null && km >= best.km)) continue
        if (open && !open(siteAtPlace(site, place))) continue
        best = { km, siteId: site.id }
      }
    }
    if (best) ranked.push({ id: p.id, siteId: best.siteId, distance_m: Math.round(best.km * 1000) })
  }
  ranked.sort((a, b) => a.distance_m! - b.distance_m! || (a.id < b.id ? -1 : 1))
  const offset = opts.offset ?? 0
  return ranked.slice(offset, offset + opts.limit)
}

/** Every matching point in id order, each with its first matching site (in the point's order). */
export function bruteList(records: readonly PointRecord[], today: LocalDate, f: PointFilter): OracleHit[] {
  return bruteSites(records, today, f).filter((hit, i, all) => i === 0 || all[i - 1]!.id !== hit.id)
}

/** Every matching site of every matching point, in id then site order. */
export function bruteSites(records: readonly PointRecord[], today: LocalDate, f: PointFilter): OracleHit[] {
  const open = f.openAt ? isOpenAt(f.openAt) : null
  const hits: OracleHit[] = []
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : 1))
  for (const p of sorted) {
    if (!pointMatches(p, f)) continue
    for (const site of p.sites) {
      if (!kindMatches(site, f)) continue
      const matches =
        f.bbox === undefined
          ? !open || open(site)
          : sitePlaces(site, today).some((place) => inBox(place.location, f.bbox) && (!open || open(siteAtPlace(site, place))))
      if (matches) hits.push({ id: p.id, siteId: site.id, distance_m: null })
    }
  }
  return hits
}

export interface OraclePlace {
  id: string
  siteId: string
  /** The place's position among `sitePlaces(site, today)`; 0 for an online site. */
  placeIndex: number
  /** null for an online site. */
  location: Location | null
}

/** Every matching place of every matching site (an online site once), in id, site and place order: the export rows. */
export function brutePlaces(records: readonly PointRecord[], today: LocalDate, f: PointFilter): OraclePlace[] {
  const open = f.openAt ? isOpenAt(f.openAt) : null
  const rows: OraclePlace[] = []
  const sorted = [...records].sort((a, b) => (a.id < b.id ? -1 : 1))
  for (const p of sorted) {
    if (!pointMatches(p, f)) continue
    for (const site of p.sites) {
      if (!kindMatches(site, f)) continue
      const places = sitePlaces(site, today)
      if (places.length === 0) {
        if (f.bbox === undefined && (!open || open(site))) rows.push({ id: p.id, siteId: site.id, placeIndex: 0, location: null })
        continue
      }
      places.forEach((place, placeIndex) => {
        if (f.bbox !== undefined && !inBox(place.location, f.bbox)) return
        if (open && !open(siteAtPlace(site, place))) return
        rows.push({ id: p.id, siteId: site.id, placeIndex, location: place.location })
      })
    }
  }
  return rows
}
