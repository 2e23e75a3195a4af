import { REGIONS } from '../../shared/gazetteer/admin-units.ts'
import { SERVICES } from '../../shared/vocabulary.ts'
import { h } from '../dom/h.ts'
import { translator, type MessageKey } from '../i18n/messages.ts'
import '../widget/puntovicino-locator.ts'
import { embedAttributes, iframeSnippet, widgetSnippet, type EmbedOptions } from './embed-snippet.ts'
import { regionChoices } from './region-choices.ts'

/** `/embed-builder`: choose the prefilters, see the widget live, copy either snippet. */
const t = translator('it')
const origin = location.origin
const root = document.getElementById('builder')!

const field = (id: string, label: string, control: HTMLElement) => h('div', {}, h('label', { for: id }, label), control)
const region = h('select', { id: 'b-region' }, h('option', { value: '' }, t('builder.region_any')), ...regionChoices(REGIONS).map(([code, name]) => h('option', { value: code }, `${name} (${code})`)))
const province = h('input', { id: 'b-province', type: 'text', maxlength: '2', autocomplete: 'off' })
const comune = h('input', { id: 'b-comune', type: 'text', maxlength: '6', inputmode: 'numeric', autocomplete: 'off' })
const service = h('select', { id: 'b-service' }, h('option', { value: '' }, t('filters.any')), ...SERVICES.map((s) => h('option', { value: s }, t(`service.${s}` as MessageKey))))
const lang = h('select', { id: 'b-lang' }, h('option', { value: 'it' }, 'Italiano'), h('option', { value: 'en' }, 'English'))
const accent = h('input', { id: 'b-accent', type: 'color', value: '#0066cc' })
const listOnly = h('input', { id: 'b-list-only', type: 'checkbox' })
const scriptCode = h('code', {})
const iframeCode = h('code', {})
const status = h('p', { role: 'status' })
const preview = h('div', { class: 'preview' })

const read = (): EmbedOptions => ({ region: region.value, province: province.value.toUpperCase(), comune: comune.value, service: service.value, lang: lang.value, accent: accent.value, listOnly: listOnly.checked })

/** The snippets follow every keystroke: they are text, cheap to rewrite. */
function refreshSnippets(options: EmbedOptions): void {
  scriptCode.textContent = widgetSnippet(options, origin)
  iframeCode.textContent = iframeSnippet(options, origin)
}

/** A new live widget, which queries the API: rebuilt once the edit settles, not on every keystroke. */
function refreshPreview(options: EmbedOptions): void {
  const widget = document.createElement('puntovicino-locator')
  for (const [name, value] of embedAttributes(options)) widget.setAttribute(name, value)
  if (options.listOnly) widget.setAttribute('list-only', '')
  preview.replaceChildren(widget)
}

/**
 * `input` alone: it fires for every control, selects and checkboxes included, and `change` as
 * well would rebuild the preview twice per edit. The delay keeps typing and the colour picker's
 * drag from sending a request per step.
 */
const PREVIEW_DELAY_MS = 250
let previewTimer: ReturnType<typeof setTimeout> | undefined
function refresh(): void {
  const options = read()
  refreshSnippets(options)
  clearTimeout(previewTimer)
  previewTimer = setTimeout(() => refreshPreview(options), PREVIEW_DELAY_MS)
}

const copy = (code: HTMLElement) => async () => {
  await navigator.clipboard.writeText(code.textContent ?? '').catch(() => {})
  status.textContent = t('builder.copied')
}

root.append(
  h(
    'div',
    { class: 'builder' },
    h('div', {}, h('h1', {}, t('builder.title')), h('p', {}, t('builder.intro'))),
    h(
      'form',
      { oninput: refresh, onsubmit: (e: Event) => e.preventDefault() },
      field(region.id, t('builder.region'), region),
      field(province.id, t('builder.province'), province),
      field(comune.id, t('builder.comune'), comune),
      field(service.id, t('filters.service'), service),
      field(lang.id, t('builder.lang'), lang),
      field(accent.id, t('builder.accent'), accent),
      h('div', { class: 'check' }, listOnly, h('label', { for: listOnly.id }, t('builder.list_only'))),
    ),
    h('section', {}, h('h2', {}, t('builder.snippet_script')), h('pre', {}, scriptCode), h('button', { type: 'button', onclick: copy(scriptCode) }, t('builder.copy'))),
    h('section', {}, h('h2', {}, t('builder.snippet_iframe')), h('pre', {}, iframeCode), h('button', { type: 'button', onclick: copy(iframeCode) }, t('builder.copy'))),
    status,
    h('section', {}, h('h2', {}, t('builder.preview')), preview),
  ),
)
// The first preview is not an edit: no reason to wait for it.
const initial = read()
refreshSnippets(initial)
refreshPreview(initial)
