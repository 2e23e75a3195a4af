import { REGIONS } from '../../shared/gazetteer/admin-units.ts'
import { SERVICES } from '../../shared/vocabulary.ts'
import { h } from '../dom/h.ts'
import { translator, type MessageKey } from '../i18n/messages.ts'
import '../widget/puntovicino-locator.ts'
import { iframeSnippet, widgetSnippet, type EmbedOptions } from './embed-snippet.ts'
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

function refresh(): void {
  const options = read()
  scriptCode.textContent = widgetSnippet(options, origin)
  iframeCode.textContent = iframeSnippet(options, origin)
  const widget = document.createElement('puntovicino-locator')
  for (const name of ['region', 'province', 'comune', 'service', 'lang', 'accent'] as const) if (options[name]) widget.setAttribute(name, options[name])
  if (options.listOnly) widget.setAttribute('list-only', '')
  preview.replaceChildren(widget)
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
      { onchange: refresh, oninput: refresh, onsubmit: (e: Event) => e.preventDefault() },
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
refresh()
