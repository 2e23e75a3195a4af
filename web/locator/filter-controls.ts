import { SERVICES, SITE_KINDS, TOPICS } from '../../shared/vocabulary.ts'
import { h } from '../dom/h.ts'
import type { MessageKey, Translate } from '../i18n/messages.ts'
import type { LocatorState } from '../state/locator-state.ts'

export type FilterPatch = Partial<Pick<LocatorState, 'service' | 'topic' | 'kind' | 'open_now' | 'accessible'>>

/**
 * Service, topic, kind, open now, step-free: native selects and checkboxes, so keyboards,
 * screen readers and phones handle them without help. The URL may hold several values per
 * list filter; the controls show the first and setting one replaces the list.
 */
export function createFilterControls(options: { t: Translate; idPrefix: string; onChange: (patch: FilterPatch) => void }) {
  const { t, idPrefix, onChange } = options
  const select = <T extends string>(name: 'service' | 'topic' | 'kind', values: readonly T[], labelKey: MessageKey) => {
    const id = `${idPrefix}-${name}`
    const element = h(
      'select',
      { id, name, class: 'pv-select', onchange: (e: Event) => onChange({ [name]: (e.target as HTMLSelectElement).value ? [(e.target as HTMLSelectElement).value] : [] }) },
      h('option', { value: '' }, t('filters.any')),
      ...values.map((v) => h('option', { value: v }, t(`${name}.${v}` as MessageKey))),
    )
    return { element, field: h('div', { class: 'pv-field' }, h('label', { for: id, class: 'pv-label' }, t(labelKey)), element) }
  }
  const checkbox = (name: 'open_now' | 'accessible', labelKey: MessageKey) => {
    const id = `${idPrefix}-${name}`
    const element = h('input', { id, name, type: 'checkbox', class: 'pv-checkbox', onchange: (e: Event) => onChange({ [name]: (e.target as HTMLInputElement).checked }) })
    return { element, field: h('div', { class: 'pv-field pv-field--check' }, element, h('label', { for: id }, t(labelKey))) }
  }
  const service = select('service', SERVICES, 'filters.service')
  const topic = select('topic', TOPICS, 'filters.topic')
  const kind = select('kind', SITE_KINDS, 'filters.kind')
  const openNow = checkbox('open_now', 'filters.open_now')
  const accessible = checkbox('accessible', 'filters.accessible')
  // Folded on arrival so the results come first on a phone; open as soon as a filter is set.
  const element = h(
    'details',
    { class: 'pv-filters' },
    h('summary', { class: 'pv-filters__summary' }, t('filters.title')),
    h(
      'fieldset',
      { class: 'pv-filters__fields' },
      h('legend', { class: 'pv-visually-hidden' }, t('filters.title')),
      h('div', { class: 'pv-filters__grid' }, service.field, topic.field, kind.field),
      h('div', { class: 'pv-filters__checks' }, openNow.field, accessible.field),
    ),
  )
  return {
    element,
    show(state: LocatorState): void {
      service.element.value = state.service[0] ?? ''
      topic.element.value = state.topic[0] ?? ''
      kind.element.value = state.kind[0] ?? ''
      openNow.element.checked = state.open_now
      accessible.element.checked = state.accessible
      if (state.service.length + state.topic.length + state.kind.length > 0 || state.open_now || state.accessible) element.open = true
    },
  }
}
