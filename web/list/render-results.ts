import type { PointView } from '../../shared/schemas/point-view.ts'
import { h } from '../dom/h.ts'
import { formatDistance } from '../i18n/format.ts'
import type { MessageKey } from '../../shared/i18n/messages.ts'
import type { ViewContext } from '../locator/view-context.ts'
import { demoBadge } from './demo-badge.ts'
import { statusContent } from './opening-status.ts'
import { cardStatus, kindLabel, kindNote, otherSiteNote, primarySite, shownPlaceLine, shownSiteLabel } from './point-summary.ts'

/** Hours published as free text are cut here in the list; the detail shows them whole. */
const LIST_PUBLISHED_HOURS_LENGTH = 160

export interface ResultHandlers {
  /** The citizen chose the point (click or Enter on its link). */
  readonly open: (id: string) => void
  /** Hover or keyboard focus entered (`id`) or left (`null`) a result: the map highlights it. */
  readonly highlight: (id: string | null) => void
  /** The href of the point's own page, so a result also works as a plain link (new tab, copy link, no JavaScript); a click opens the detail here. */
  readonly hrefOf: (point: PointView) => string
}

/**
 * One result: the name as a link (the keyboard's way in), then which of its sites, for a point
 * with several, and what decides a visit there: open or when it opens, how far, what kind, where,
 * what they help with.
 */
export function renderResult(point: PointView, context: ViewContext, handlers: ResultHandlers, number?: number): HTMLLIElement {
  const { t, lang } = context
  const site = primarySite(point)
  const status = cardStatus(point, site, context, { publishedMaxLength: LIST_PUBLISHED_HOURS_LENGTH })
  const note = kindNote(point, site, context)
  const otherSite = otherSiteNote(point, site, context)
  const siteLabel = shownSiteLabel(point, site)
  const link = h(
    'a',
    {
      href: handlers.hrefOf(point),
      class: 'pv-result__link',
      onclick: (event: MouseEvent) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return
        event.preventDefault()
        handlers.open(point.id)
      },
    },
    point.name,
  )
  const meta = [
    point.distance_m !== undefined ? h('span', { class: 'pv-distance' }, formatDistance(point.distance_m, lang, t)) : null,
    site ? h('span', { class: `pv-kind pv-kind--${site.kind}` }, kindLabel(site.kind, context)) : null,
  ].filter(Boolean)
  const item = h(
    'li',
    { class: 'pv-result', 'data-id': point.id },
    // The number of its pin on the map; the list itself is ordered for screen readers.
    h('h3', { class: 'pv-result__title' }, number !== undefined ? h('span', { class: 'pv-result__number', 'aria-hidden': 'true' }, String(number)) : null, link),
    demoBadge(point, t),
    // The heading names the point; the status, distance and address below are this site's.
    siteLabel ? h('p', { class: 'pv-result__site' }, t('result.site', { label: siteLabel })) : null,
    h('p', { class: `pv-status pv-status--${status.tone}` }, statusContent(status, point, context.lang)),
    otherSite ? h('p', { class: 'pv-result__other-site' }, otherSite) : null,
    meta.length > 0 ? h('p', { class: 'pv-result__meta' }, ...meta.flatMap((m, i) => (i === 0 ? [m] : [' · ', m]))) : null,
    site?.kind !== 'online' ? h('p', { class: 'pv-result__address' }, shownPlaceLine(point, site, context)) : null,
    note ? h('p', { class: 'pv-result__note' }, note) : null,
    h('ul', { class: 'pv-tags', 'aria-label': t('detail.services') }, ...point.services.map((s) => h('li', { class: 'pv-tag' }, t(`service.${s}` as MessageKey)))),
  )
  item.addEventListener('mouseenter', () => handlers.highlight(point.id))
  item.addEventListener('mouseleave', () => handlers.highlight(null))
  link.addEventListener('focus', () => handlers.highlight(point.id))
  link.addEventListener('blur', () => handlers.highlight(null))
  return item
}
