import type { PointRecord, Site } from '../../shared/schemas/point.ts'
import type { SitePlace } from '../../shared/geo/site-places.ts'
import { presentMatchedPlace, presentNamedSite, presentPoint } from './present-point.ts'

/** What the query engine adds to a point found near somewhere (or by a site filter). */
export interface NearContext {
  readonly site: Site
  readonly distance_m: number | null
  /** With near: the place matched, which distance_m is measured to. */
  readonly place?: SitePlace
}

/**
 * Serialised points, reused within one minute of Europe/Rome time.
 *
 * A point's JSON depends on the record and on "now" (open_now, next_opening, …). Answers are
 * already cached for a minute by ETag and Cache-Control, so computing a point once per minute
 * changes nothing a client can see and turns the hot path of /v1/points into string joins.
 * Records are immutable within a snapshot: the cache is keyed by the record object itself, so a
 * new snapshot simply misses and the old entries go with the old records (WeakMap).
 */
export class PresentedPointCache {
  private readonly points = new WeakMap<PointRecord, { minute: number; json: string }>()
  private readonly sites = new WeakMap<Site, Map<string, { minute: number; json: string }>>()

  /** The point as JSON text at `at`, with the caller's nearest site and distance when given. */
  json(record: PointRecord, at: Date, near?: NearContext): string {
    const minute = Math.floor(at.getTime() / 60_000)
    let entry = this.points.get(record)
    if (!entry || entry.minute !== minute) {
      // Presented at the start of the minute, so every answer within it says the same thing.
      entry = { minute, json: JSON.stringify(presentPoint(record, new Date(minute * 60_000))) }
      this.points.set(record, entry)
    }
    if (!near) return entry.json
    const distance = near.distance_m === null ? '' : `,"distance_m":${near.distance_m}`
    return `${entry.json.slice(0, -1)}${distance},${this.siteJson(near.site, near.place, minute)}}`
  }

  /**
   * The matched site with its own status at the matched place, trimmed of its past like the
   * point's own sites, and (with a place) the place itself: `"site":{…},"matched_place":{…}`.
   */
  private siteJson(site: Site, place: SitePlace | undefined, minute: number): string {
    let byPlace = this.sites.get(site)
    if (!byPlace) this.sites.set(site, (byPlace = new Map()))
    const key = place ? `${place.role}:${place.location.lat},${place.location.lon}` : '-'
    let entry = byPlace.get(key)
    if (!entry || entry.minute !== minute) {
      const at = new Date(minute * 60_000)
      const named = JSON.stringify(presentNamedSite(site, place, at))
      entry = { minute, json: `"site":${named}${place ? `,"matched_place":${JSON.stringify(presentMatchedPlace(site, place, at))}` : ''}` }
      byPlace.set(key, entry)
    }
    return entry.json
  }
}
