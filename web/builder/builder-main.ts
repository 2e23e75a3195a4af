import { provinceName, REGIONS } from '../../shared/gazetteer/admin-units.ts'
import { createApiClient, type Place } from '../api/api-client.ts'
import { SERVICES } from '../../shared/vocabulary.ts'
import { h } from '../dom/h.ts'
import { loadMessages, translator, type MessageKey } from '../../shared/i18n/messages.ts'
import { DEFAULT_LANG, LANGS, LANGUAGE_NAMES, readLang } from '../../shared/i18n/langs.ts'
import '../widget/puntovicino-locator.ts'
import { embedAttributes, iframeSnippet, widgetSnippet, type EmbedOptions } from './embed-snippet.ts'
import { provinceChoices, regionChoices } from '../dom/area-choices.ts'
import { contrastWithWhite, isAccentColour } from '../state/embed-settings.ts'

/** `/embed-builder`: choose the prefilters, see the widget live, copy either snippet. */
// The builder writes the widget's fallback link in any of the languages: it loads them all.
await Promise.all(LANGS.map(loadMessages))
// The page in the language its address names (a German footer's link says `?lang=de`), Italian otherwise.
const pageLang = readLang(new URLSearchParams(location.search).get('lang')) ?? DEFAULT_LANG
const t = translator(pageLang)
document.documentElement.lang = pageLang
document.title = `${t('builder.title')} · PuntoVicino`
for (const element of document.querySelectorAll<HTMLElement>('[data-t]')) element.textContent = t(element.dataset.t as MessageKey)
const origin = location.origin
const api = createApiClient(`${origin}/`)
const root = document.getElementById('builder')!

const field = (id: string, label: string, control: HTMLElement) => h('div', {}, h('label', { for: id }, label), control)
const region = h('select', { id: 'b-region' }, h('option', { value: '' }, t('builder.region_any')), ...regionChoices(REGIONS).map(([code, name]) => h('option', { value: code }, `${name} (${code})`)))
// The provinces of the chosen region, by name: nobody should have to know a sigla or an ISTAT code.
const province = h('select', { id: 'b-province' })
function fillProvinces(): void {
  const chosen = province.value
  const inRegion = provinceChoices(region.value || null)
  province.replaceChildren(h('option', { value: '' }, t('builder.province_any')), ...inRegion.map(([sigla, name]) => h('option', { value: sigla }, `${name} (${sigla})`)))
  province.value = inRegion.some(([sigla]) => sigla === chosen) ? chosen : ''
}
// The comune by its name, from the same gazetteer as the page (/v1/places); its ISTAT code goes in the snippet.
const comuneHintId = 'b-comune-hint'
const comuneOptions = h('datalist', { id: 'b-comune-options' })
const comune = h('input', { id: 'b-comune', type: 'text', list: comuneOptions.id, autocomplete: 'off', 'aria-describedby': comuneHintId })
let comuneCode = ''
let comuneLookup: AbortController | undefined
const placeLabel = (p: Place) => `${p.name} (${p.province})`
let offered: Place[] = []
/**
 * A comune chosen before the region or province changed, and not in them: cleared, for the snippet
 * said region 09 with Perugia's code, and its link "…più vicino a Perugia" over all of Toscana.
 */
function dropComuneOutsideArea(): void {
  const chosen = offered.find((p) => p.istat === comuneCode)
  if (!chosen || ((!region.value || chosen.region.istat === region.value) && (!province.value || chosen.province === province.value))) return
  comune.value = ''
  comuneCode = ''
}
async function suggestComuni(): Promise<void> {
  const typed = comune.value.trim()
  const exact = offered.find((p) => placeLabel(p) === typed)
  comuneCode = exact ? exact.istat : typed === '' ? '' : comuneCode
  if (exact || typed.length < 2) return
  comuneLookup?.abort()
  comuneLookup = new AbortController()
  try {
    // The API keeps to the chosen area itself: filtered here, after its first eight, most would go.
    const page = await api.places(typed, comuneLookup.signal, { region: region.value || null, province: province.value || null })
    offered = [...page.items, ...(page.did_you_mean ?? [])]
    comuneOptions.replaceChildren(...offered.map((p) => h('option', { value: placeLabel(p) })))
  } catch {
    // A suggestion is a help: the field still works typed in full.
  }
}
const service = h('select', { id: 'b-service' }, h('option', { value: '' }, t('filters.any')), ...SERVICES.map((s) => h('option', { value: s }, t(`service.${s}` as MessageKey))))
const lang = h('select', { id: 'b-lang' }, LANGS.map((code) => h('option', { value: code, lang: code }, LANGUAGE_NAMES[code])))
const accentHintId = 'b-accent-hint'
const accent = h('input', { id: 'b-accent', type: 'color', value: '#0066cc', 'aria-describedby': accentHintId })
// Said while the colour is chosen: one the widget would ignore as unreadable (WCAG 1.4.3).
const accentHint = h('p', { id: accentHintId, class: 'hint', role: 'status' })
const listOnly = h('input', { id: 'b-list-only', type: 'checkbox' })
const scriptCode = h('code', {})
const iframeCode = h('code', {})
const status = h('p', { role: 'status' })
const preview = h('div', { class: 'preview' })

// A colour the widget would ignore stays out of the snippet: its notice is for the builder, not every citizen.
const read = (): EmbedOptions => ({ region: region.value, province: province.value, comune: comuneCode, service: service.value, lang: lang.value, accent: isAccentColour(accent.value) ? accent.value : '', listOnly: listOnly.checked })

/** The link shown where a host strips scripts: the same view, on our page, named for the region or comune, in the widget's language. */
function fallbackText(options: EmbedOptions): string {
  const say = translator(readLang(options.lang) ?? DEFAULT_LANG)
  if (comune.value && options.comune) return say('builder.fallback_link_comune', { comune: comune.value })
  // A province's widget: named for the province, not for its whole region.
  const province = provinceName(options.province)
  if (province) return say('builder.fallback_link_province', { province })
  if (options.region) return say('builder.fallback_link_region', { region: REGIONS[options.region]?.split('/')[0] ?? options.region })
  return say('builder.fallback_link')
}

/** The snippets follow every keystroke: they are text, cheap to rewrite. */
function refreshSnippets(options: EmbedOptions): void {
  scriptCode.textContent = widgetSnippet(options, origin, fallbackText(options))
  iframeCode.textContent = iframeSnippet(options, origin, `PuntoVicino: ${translator(readLang(options.lang) ?? DEFAULT_LANG)('app.subtitle')}`)
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
function refresh(event?: Event): void {
  if (event?.target === region) fillProvinces()
  if (event?.target === region || event?.target === province) dropComuneOutsideArea()
  // Rounded down: 4.48 must not read as the 4.5 it misses.
  accentHint.textContent = isAccentColour(accent.value) ? '' : t('builder.accent_low', { ratio: new Intl.NumberFormat(pageLang, { maximumFractionDigits: 1 }).format(Math.floor(contrastWithWhite(accent.value) * 10) / 10) })
  if (event?.target === comune) void suggestComuni().then(() => refreshSnippets(read()))
  const options = read()
  refreshSnippets(options)
  clearTimeout(previewTimer)
  previewTimer = setTimeout(() => refreshPreview(options), PREVIEW_DELAY_MS)
}

/** Copies a snippet, and says so only when it was: a browser that refuses gets the code selected, to copy by hand. */
const copy = (code: HTMLElement) => async () => {
  try {
    await navigator.clipboard.writeText(code.textContent ?? '')
    status.textContent = t('builder.copied')
  } catch {
    getSelection()?.selectAllChildren(code)
    status.textContent = t('builder.copy_failed')
  }
}

root.append(
  h(
    'div',
    { class: 'builder' },
    h('div', { class: 'builder__intro' }, h('h1', {}, t('builder.title')), h('p', {}, t('builder.intro'))),
    // The options and the code on one side, the live preview beside them (below on a phone).
    h(
      'div',
      { class: 'builder__options' },
      h(
        'form',
        { 'aria-label': t('builder.options'), oninput: (e: Event) => refresh(e), onsubmit: (e: Event) => e.preventDefault() },
        field(region.id, t('builder.region'), region),
        field(province.id, t('builder.province'), province),
        h('div', {}, h('label', { for: comune.id }, t('builder.comune')), comune, comuneOptions, h('p', { id: comuneHintId, class: 'hint' }, t('builder.comune_hint'))),
        field(service.id, t('filters.service'), service),
        field(lang.id, t('builder.lang'), lang),
        h('div', {}, h('label', { for: accent.id }, t('builder.accent')), accent, accentHint),
        h('div', { class: 'check' }, listOnly, h('label', { for: listOnly.id }, t('builder.list_only'))),
      ),
      h('section', {}, h('h2', {}, t('builder.snippet_script')), h('pre', {}, scriptCode), h('button', { type: 'button', onclick: copy(scriptCode) }, t('builder.copy_script'))),
      h('section', {}, h('h2', {}, t('builder.snippet_iframe')), h('pre', {}, iframeCode), h('button', { type: 'button', onclick: copy(iframeCode) }, t('builder.copy_iframe'))),
      status,
    ),
    h('section', { class: 'builder__preview' }, h('h2', {}, t('builder.preview')), preview),
  ),
)
fillProvinces()
// The first preview is not an edit: no reason to wait for it.
const initial = read()
refreshSnippets(initial)
refreshPreview(initial)
