import type { PointRecord, Site } from '../../shared/schemas/point.ts'
import type { SitePlace } from '../../shared/geo/site-places.ts'
import { PlaceMinuteMemo } from '../../shared/geo/place-minute-memo.ts'
import { openingFields } from '../../shared/hours/opening-fields.ts'
import { presentMatchedPlace, presentNamedSite, presentPoint } from './present-point.ts'

/** What the query engine adds to a point found near somewhere (or by a site filter). */
export interface NearContext {
  readonly site: Site
  readonly distance_m: number | null
  /** With near: the place matched, which distance_m is measured to. */
  readonly place?: SitePlace
}

/** The two representations of a point in a list (`view=`): the whole Point, or CompactPoint. */
export type ListView = 'full' | 'compact'

type MinuteEntry = { minute: number; json: string }

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
  private readonly points: Record<ListView, WeakMap<PointRecord, MinuteEntry>> = { full: new WeakMap(), compact: new WeakMap() }
  private readonly sites: Record<ListView, PlaceMinuteMemo<string>> = { full: new PlaceMinuteMemo(), compact: new PlaceMinuteMemo() }

  /** The point as JSON text at `at`, with the caller's nearest site and distance when given. */
  json(record: PointRecord, at: Date, near?: NearContext, view: ListView = 'full'): string {
    const minute = Math.floor(at.getTime() / 60_000)
    let entry = this.points[view].get(record)
    if (!entry || entry.minute !== minute) {
      // Presented at the start of the minute, so every answer within it says the same thing.
      const start = new Date(minute * 60_000)
      entry = { minute, json: JSON.stringify(view === 'full' ? presentPoint(record, start) : compactPoint(record, start)) }
      this.points[view].set(record, entry)
    }
    if (!near) return entry.json
    const distance = near.distance_m === null ? '' : `,"distance_m":${near.distance_m}`
    return `${entry.json.slice(0, -1)}${distance},${this.siteJson(near.site, near.place, record.status, minute, view)}}`
  }

  /**
   * The matched site with its own status at the matched place, trimmed of its past like the
   * point's own sites (compact: its id, label, kind and status only), and (with a place) the place
   * itself: `"site":{…},"matched_place":{…}`.
   */
  private siteJson(site: Site, place: SitePlace | undefined, status: PointRecord['status'], minute: number, view: ListView): string {
    // Keyed by the site object, which belongs to one record and so to one status.
    return this.sites[view].get(site, place, minute, () => {
      const at = new Date(minute * 60_000)
      const named = presentNamedSite(site, place, at, status)
      const shown = view === 'full' ? named : { id: named.id, label: named.label, kind: named.kind, open_now: named.open_now, closes_at: named.closes_at, next_opening: named.next_opening }
      return `"site":${JSON.stringify(shown)}${place ? `,"matched_place":${JSON.stringify(presentMatchedPlace(site, place, at, status))}` : ''}`
    })
  }
}

/** `view=compact`: what a list of results shows (shared/schemas/point-view.ts, CompactPoint). */
function compactPoint(record: PointRecord, at: Date) {
  const main = record.sites.find((s) => s.location) ?? record.sites[0]!
  return {
    id: record.id,
    name: record.name,
    status: record.status,
    comune: { istat: record.comune.istat, name: record.comune.name },
    location: main.location ?? null,
    ...openingFields(record, at),
  }
}
