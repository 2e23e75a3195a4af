import type { PointHit } from '../../../shared/geo/query.ts'
import { siteAtPlace, stopAtPlace } from '../../../shared/geo/site-places.ts'
import { langQuery } from '../../../shared/i18n/langs.ts'
import { formatDistance } from '../../../shared/i18n/format-distance.ts'
import { pointPath } from '../../../shared/text/page-paths.ts'
import { html, type Html } from './html.ts'
import type { PointPageContext } from './point-page.ts'
import { statusLine } from './status-line.ts'

/**
 * A point in a list of the pages (a comune's, a closed point's alternatives): its name linking to
 * its page, the place its distance is measured to (a van's stop; a site by its label where the
 * point has several) and its comune, and that place's own open now and next opening. The point's comune and its
 * earliest-opening site sent people to a desk shut that day, or to the van's home town.
 */
export function pointCard(hit: PointHit, context: PointPageContext): Html {
  const { t, lang } = context
  const here = hit.place ? siteAtPlace(hit.site, hit.place) : hit.site
  const stop = hit.place ? stopAtPlace(hit.site, hit.place) : undefined
  // The comune of the place measured to, always (a desk's label alone, "Biblioteca", said nowhere).
  const comune = context.comuneName(hit.site.comune ?? hit.point.comune)
  const place = stop?.place.label ?? (hit.point.sites.length > 1 ? `${hit.site.label}, ${comune}` : comune)
  return html`<li class="pv-page__card">
    <a href="${pointPath(hit.point)}${langQuery(lang)}">${hit.point.name}</a>
    <span>${place}${hit.distance_m !== null ? html` · ${t('pages.distance', { distance: formatDistance(hit.distance_m, lang, t) })}` : ''}</span>
    ${statusLine(hit.point, context, { at: here })}
  </li>`
}
