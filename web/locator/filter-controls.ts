import { SERVICES, SITE_KINDS, TOPICS } from '../../shared/vocabulary.ts'
import { h } from '../dom/h.ts'
import type { MessageKey, Translate } from '../i18n/messages.ts'
import type { LocatorState } from '../state/locator-state.ts'

export type FilterPatch = Partial<Pick<LocatorState, 'service' | 'topic' | 'kind' | 'open_now' | 'accessible'>>

/**
 * Service, topic, kind, open now, step-free: native controls, so keyboards, screen readers and
 * phones handle them without help. Service and topic take several values, as the URL and the
 * API do (a comma list: every one required), so each is a group of checkboxes in a fieldset whose
 * legend names it. Kind stays a single choice.
 */
export function createFilterControls(options: { t: Translate; idPrefix: string; onChange: (patch: FilterPatch) => void }) {
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
  // Folded on arrival so the results come first on a phone; open as soon as a filter is set.
  const element = h(
    'details',
    { class: 'pv-filters' },
    h('summary', { class: 'pv-filters__summary' }, t('filters.title')),
    h(
      'fieldset',
      { class: 'pv-filters__fields' },
      h('legend', { class: 'pv-visually-hidden' }, t('filters.title')),
      h('div', { class: 'pv-filters__checks' }, openNow.field, accessible.field),
      h('div', { class: 'pv-field pv-filters__kind' }, h('label', { for: kindId, class: 'pv-label' }, t('filters.kind')), kind),
      service.field,
      topic.field,
    ),
  )
  return {
    element,
    show(state: LocatorState): void {
      service.show(state.service)
      topic.show(state.topic)
      kind.value = state.kind[0] ?? ''
      openNow.element.checked = state.open_now
      accessible.element.checked = state.accessible
      if (state.service.length + state.topic.length + state.kind.length > 0 || state.open_now || state.accessible) element.open = true
    },
  }
}
