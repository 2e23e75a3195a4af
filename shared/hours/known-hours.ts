import { hasWeeklyHours } from '../geo/site-places.ts'
import type { Site } from '../schemas/point.ts'

/**
 * A site whose hours the registry can compute with: a weekly schedule with some opening, or dated
 * stops. Anything else (hours published as text no one could read, or none at all) must never be
 * worded as "closed": the locator and the server's pages quote the text or send to the contacts.
 */
export const hasKnownHours = (site: Site): boolean =>
  !site.opening_hours_unparsed && (hasWeeklyHours(site) || (site.stops?.length ?? 0) > 0)
