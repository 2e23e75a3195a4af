import type { ComuneRef, Site } from '../schemas/point.ts'

/**
 * The site a point's status line speaks of, named for a point with several: its label, and its
 * comune when that is not the point's ("Sala polivalente, Giano dell'Umbria"). A point's page
 * said "Aperto ora" under a closed library while only a hall in the next comune was open; the
 * server's line and the page's live one name the site alike.
 */
export function siteInStatus(
  point: { readonly comune: Pick<ComuneRef, 'istat'>; readonly sites: readonly unknown[] },
  site: Pick<Site, 'label' | 'comune'>,
  comuneName: (comune: ComuneRef) => string,
): string | null {
  if (point.sites.length < 2) return null
  return site.comune && site.comune.istat !== point.comune.istat ? `${site.label}, ${comuneName(site.comune)}` : site.label
}
