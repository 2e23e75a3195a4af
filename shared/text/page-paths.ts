import { REGIONS } from '../gazetteer/admin-units.ts'
import { slugOf } from './slug.ts'

/** A region's page (issue 14): `/regioni/umbria`, `/regioni/valle-d-aosta`; the home page links them for a browser without the locator. */
export const regionPath = (code: string): string => `/regioni/${slugOf(REGIONS[code]!.split('/')[0]!)}`

/**
 * A point's own page (issue 14): `/punti/{id}/{slug}`. The id names the page; the slug (its name
 * and comune) only reads well, and an old one redirects. The server's routes, the sitemap and the
 * locator's links all take it from here.
 */
export const pointPath = (point: { readonly id: string; readonly name: string; readonly comune: { readonly name: string } }): string =>
  `/punti/${encodeURIComponent(point.id)}/${slugOf(`${point.name} ${point.comune.name}`)}`
