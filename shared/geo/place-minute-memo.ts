import type { Site } from '../schemas/point.ts'
import type { SitePlace } from './site-places.ts'

interface Entry<T> {
  /** The place's role, or -1 for "no place" (a site matched without one). */
  readonly role: number
  readonly lat: number
  readonly lon: number
  minute: number
  value: T
}

/**
 * Values made for a site at one of its places (or at none), reused within one minute: what the
 * answers say of a site moves with "now" only through open_now and next opening, which they
 * already keep for a minute (ETag, Cache-Control). Keyed by the site object, so a new snapshot
 * misses and the old values go with the old records (WeakMap); within a site, by the place's
 * role and coordinates compared as numbers: a site has a handful of places at most (a van's
 * stops), and a key written as text cost a number-to-string conversion per coordinate on every
 * hit of every answer.
 */
export class PlaceMinuteMemo<T> {
  private readonly bySite = new WeakMap<Site, Entry<T>[]>()

  /** The value for `site` at `place` in `minute` (minutes since the epoch), made by `make` if absent or older. */
  get(site: Site, place: SitePlace | undefined, minute: number, make: () => T): T {
    let entries = this.bySite.get(site)
    if (!entries) this.bySite.set(site, (entries = []))
    const role = place ? place.role : -1
    const lat = place ? place.location.lat : 0
    const lon = place ? place.location.lon : 0
    for (const entry of entries) {
      if (entry.role !== role || entry.lat !== lat || entry.lon !== lon) continue
      if (entry.minute !== minute) {
        entry.value = make()
        entry.minute = minute
      }
      return entry.value
    }
    const value = make()
    entries.push({ role, lat, lon, minute, value })
    return value
  }
}
