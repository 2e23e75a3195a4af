import type { PointHit } from '../../../shared/geo/query.ts'
import { PlaceRole, siteAtPlace } from '../../../shared/geo/site-places.ts'
import { langQuery, localeOf } from '../../../shared/i18n/langs.ts'
import { pointPath } from '../../../shared/text/page-paths.ts'
import { siteInStatus } from '../../../shared/text/site-in-status.ts'
import { html, type Html } from './html.ts'
import type { PointPageContext } from './point-page.ts'
import { statusLine } from './status-line.ts'

/**
 * A point in a list of the pages (a comune's, a closed point's alternatives): its name linking to
 * its page, the place its distance is measured to (a site, a van's stop), named where the point has
 * several, and that place's own open now and next opening. The point's comune and its
 * earliest-opening site sent people to a desk shut that day, or to the van's home town.
 */
export function pointCard(hit: PointHit, context: PointPageContext): Html {
  const { t, lang } = context
  const here = hit.place ? siteAtPlace(hit.site, hit.place) : hit.site
  const stop = hit.place?.role === PlaceRole.stop ? hit.site.stops?.find((s) => s.place.location.lat === hit.place!.location.lat && s.place.location.lon === hit.place!.location.lon) : undefined
  const place = stop?.place.label ?? siteInStatus(hit.point, hit.site, context.comuneName) ?? context.comuneName(hit.point.comune)
  return html`<li class="pv-page__card">
    <a href="${pointPath(hit.point)}${langQuery(lang)}">${hit.point.name}</a>
    <span>${place}${hit.distance_m !== null ? html` · ${t('pages.distance', { km: (hit.distance_m / 1000).toLocaleString(localeOf(lang), { maximumFractionDigits: 1 }) })}` : ''}</span>
    ${statusLine(hit.point, context, { at: here })}
  </li>`
}
