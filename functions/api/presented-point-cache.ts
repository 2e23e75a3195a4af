import type { PointRecord, Site } from '../../shared/schemas/point.ts'
import { presentPoint, withoutPast } from './present-point.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'

/** What the query engine adds to a point found near somewhere. */
export interface NearContext {
  readonly site: Site
  readonly distance_m: number | null
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
  private readonly sites = new WeakMap<Site, { minute: number; json: string }>()

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
    return `${entry.json.slice(0, -1)}${distance},"site":${this.siteJson(near.site, minute)}}`
  }

  /** The matched site, trimmed of its past like the point's own sites. */
  private siteJson(site: Site, minute: number): string {
    let entry = this.sites.get(site)
    if (!entry || entry.minute !== minute) {
      entry = { minute, json: JSON.stringify(withoutPast(site, toRomeWallClock(new Date(minute * 60_000)).date)) }
      this.sites.set(site, entry)
    }
    return entry.json
  }
}
