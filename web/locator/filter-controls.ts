import { SERVICES, SITE_KINDS, TOPICS } from '../../shared/vocabulary.ts'
import { h } from '../dom/h.ts'
import type { MessageKey, Translate } from '../../shared/i18n/messages.ts'
import type { LocatorState } from '../state/locator-state.ts'

export type FilterPatch = Partial<Pick<LocatorState, 'service' | 'topic' | 'kind' | 'open_now' | 'accessible'>>

/**
 * Service, topic, kind, open now, step-free: native controls, so keyboards, screen readers and
 * phones handle them without help. Service and topic take several values, as the URL and the
 * API do (a comma list: every one required), so each is a group of checkboxes in a fieldset whose
 * legend names it. Kind stays a single choice.
 */
export function createFilterControls(options: { t: Translate; idPrefix: string; onChange: (patch: FilterPatch) => void; onDone: () => void }) {
  const { t, idPrefix, onChange } = options
  const checkbox = (id: string, name: string, value: string | null, label: string, onchange: (checked: boolean) => void) => {
    const element = h('input', { id, name, value, type: 'checkbox', class: 'pv-checkbox', onchange: (e: Event) => onchange((e.target as HTMLInputElement).checked) })
    return { element, field: h('div', { class: 'pv-field pv-field--check' }, element, h('label', { for: id }, label)) }
  }
  const checkGroup = <T extends string>(name: 'service' | 'topic', values: readonly T[], legendKey: MessageKey) => {
    const hintId = `${idPrefix}-${name}-hint`
    // The boxes are in vocabulary order, so reading the ticked ones gives the URL a stable order.
    const boxes = values.map((value) =>
      checkbox(`${idPrefix}-${name}-${value}`, name, value, t(`${name}.${value}` as MessageKey), () => onChange({ [name]: boxes.filter((b) => b.element.checked).map((b) => b.element.value as T) })),
    )
    const field = h(
      'fieldset',
      { class: 'pv-choices', 'aria-describedby': hintId },
      h('legend', { class: 'pv-label' }, t(legendKey)),
      h('p', { id: hintId, class: 'pv-hint' }, t('filters.all_required')),
      h('div', { class: 'pv-choices__options' }, ...boxes.map((b) => b.field)),
    )
    return { field, show: (chosen: readonly string[]) => boxes.forEach((b) => (b.element.checked = chosen.includes(b.element.value))) }
  }
  const kindId = `${idPrefix}-kind`
  const kind = h(
    'select',
    { id: kindId, name: 'kind', class: 'pv-select', onchange: (e: Event) => onChange({ kind: (e.target as HTMLSelectElement).value ? [(e.target as HTMLSelectElement).value as LocatorState['kind'][number]] : [] }) },
    h('option', { value: '' }, t('filters.any')),
    ...SITE_KINDS.map((v) => h('option', { value: v }, t(`kind.${v}` as MessageKey))),
  )
  const service = checkGroup('service', SERVICES, 'filters.service')
  const topic = checkGroup('topic', TOPICS, 'filters.topic')
  const openNow = checkbox(`${idPrefix}-open_now`, 'open_now', null, t('filters.open_now'), (checked) => onChange({ open_now: checked }))
  const accessible = checkbox(`${idPrefix}-accessible`, 'accessible', null, t('filters.accessible'), (checked) => onChange({ accessible: checked }))
  const summary = h('summary', { class: 'pv-filters__summary' }, t('filters.title'))
  // Closes the panel and takes the citizen to the results, which have followed every change live.
  const done = h('button', { type: 'button', class: 'pv-button pv-filters__done', onclick: () => {
    element.open = false
    options.onDone()
  } }, t('filters.show_results', { count: '…' }))
  // Folded on arrival, whatever the link says: a shared link opens on the results, and the
  // filters it carries show as chips above them, each removable with one tap.
  const element = h(
    'details',
    { class: 'pv-filters' },
    summary,
    h(
      'fieldset',
      { class: 'pv-filters__fields' },
      h('legend', { class: 'pv-visually-hidden' }, t('filters.title')),
      h('div', { class: 'pv-filters__checks' }, openNow.field, accessible.field),
      h('div', { class: 'pv-field pv-filters__kind' }, h('label', { for: kindId, class: 'pv-label' }, t('filters.kind')), kind),
      service.field,
      topic.field,
    ),
    h('div', { class: 'pv-filters__footer' }, done),
  )
  const chips = h('ul', { class: 'pv-chips', 'aria-label': t('filters.active') })
  const chip = (label: string, patch: FilterPatch) =>
    h('li', {}, h('button', { type: 'button', class: 'pv-chip', 'aria-label': t('filters.remove', { label }), onclick: () => onChange(patch) }, label, h('span', { class: 'pv-chip__x', 'aria-hidden': 'true' }, ' ✕')))
  return {
    element: h('div', { class: 'pv-filters-block' }, element, chips),
    show(state: LocatorState): void {
      service.show(state.service)
      topic.show(state.topic)
      kind.value = state.kind[0] ?? ''
      openNow.element.checked = state.open_now
      accessible.element.checked = state.accessible
      const active = [
        ...(state.open_now ? [chip(t('filters.open_now'), { open_now: false })] : []),
        ...(state.accessible ? [chip(t('filters.accessible'), { accessible: false })] : []),
        ...state.kind.map((k) => chip(t(`kind.${k}` as MessageKey), { kind: state.kind.filter((x) => x !== k) })),
        ...state.service.map((v) => chip(t(`service.${v}` as MessageKey), { service: state.service.filter((x) => x !== v) })),
        ...state.topic.map((v) => chip(t(`topic.${v}` as MessageKey), { topic: state.topic.filter((x) => x !== v) })),
      ]
      chips.replaceChildren(...active)
      chips.hidden = active.length === 0
      summary.textContent = active.length > 0 ? t('filters.title_count', { count: active.length }) : t('filters.title')
    },
    /** The live count on the panel's button: `more` when the first page did not hold them all. */
    showCount(count: number, more: boolean): void {
      done.textContent = more ? t('filters.show_results_more', { count }) : count === 0 ? t('filters.show_results_none') : t('filters.show_results', { count })
    },
  }
}
