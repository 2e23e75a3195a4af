import type { PointView } from '../../shared/schemas/point-view.ts'
import type { Site } from '../../shared/schemas/point.ts'
import { formatDate, formatSeasonBound, shortTime } from '../i18n/format.ts'
import type { MessageKey } from '../i18n/messages.ts'
import type { ViewContext } from '../locator/view-context.ts'

/** The site the list speaks about: the nearest matching one when searching near a place, else the main one. */
export const primarySite = (point: PointView): Site | undefined => point.site ?? point.sites[0]

/** "Via Roma 1, 50100 Firenze". */
export function addressLine(point: PointView, site: Site | undefined = primarySite(point)): string {
  const address = site?.address ?? point.address
  const comune = site?.comune?.name ?? point.comune.name
  const street = [address?.street, [address?.postcode, comune].filter(Boolean).join(' ')].filter(Boolean)
  return street.join(', ')
}

/** What makes a mobile or seasonal point different, in one line: its next stop, or its season. */
export function kindNote(point: PointView, site: Site | undefined, { lang, t }: ViewContext): string | null {
  if (site?.kind === 'mobile') {
    const stop = point.next_stops[0]
    if (!stop) return null
    return t('kind.next_stop', {
      date: formatDate(stop.date, lang, { weekday: 'short', day: 'numeric', month: 'short' }),
      start: shortTime(stop.start),
      end: shortTime(stop.end),
      place: stop.place.label,
    })
  }
  if (site?.kind === 'seasonal' && site.valid_from && site.valid_to) {
    return t('kind.season', { from: formatSeasonBound(site.valid_from, lang), to: formatSeasonBound(site.valid_to, lang) })
  }
  return null
}

export const kindLabel = (kind: Site['kind'], { t }: ViewContext): string => t(`kind.${kind}` as MessageKey)
