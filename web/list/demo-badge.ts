import type { PointView } from '../../shared/schemas/point-view.ts'
import { DEMO_DATASET } from '../../shared/vocabulary.ts'
import { h } from '../dom/h.ts'
import type { Translate } from '../../shared/i18n/messages.ts'

/** Generated demo points carry `source.dataset: "demo"` (see SourceSchema): never to be taken for a real office. */
export const isDemoPoint = (point: Pick<PointView, 'source'>): boolean => point.source.dataset === DEMO_DATASET

/**
 * "Dato dimostrativo" on a result or a detail: the page-level notice does not travel with a
 * widget or an iframe on someone else's site, nor with a screenshot of one card.
 */
export const demoBadge = (point: Pick<PointView, 'source'>, t: Translate): HTMLElement | null =>
  isDemoPoint(point) ? h('span', { class: 'pv-badge pv-badge--demo' }, t('demo.badge')) : null
