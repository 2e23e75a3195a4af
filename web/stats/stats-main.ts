import { h, replaceChildren } from '../dom/h.ts'
import { reportHeightToHost } from '../dom/report-height.ts'
import { dateAfterVerb } from '../i18n/format.ts'
import { DEFAULT_LANG, readLang, unsupportedLang, type Lang } from '../../shared/i18n/langs.ts'
import { keepLanguageInLinks, langWithoutParameter, unavailableLanguageNotice, updateLanguageNav } from '../i18n/language-nav.ts'
import { PROVINCE_SIGLE, provinceName, provinceRegion, REGIONS } from '../../shared/gazetteer/admin-units.ts'
import { provinceChoices, regionChoices } from '../dom/area-choices.ts'
import { renderStats } from './render-stats.ts'
import { loadStats, type StatsArea } from './stats-data.ts'
import { loadStatsTranslator } from './stats-messages.ts'

/**
 * The statistics page (`/statistiche`) and its embed (`/embed/statistiche`): one bundle, told
 * apart by `<body data-mode>`. `?region=10` chooses a region, `?province=BZ` a province (none:
 * Italy), `?lang=en` the language. The embed tells its host page its height, as the locator's embed does.
 */
const mode = document.body.dataset.mode === 'embed' ? 'embed' : 'page'
const params = new URLSearchParams(location.search)
const langParam = params.get('lang')
// Without `?lang=`, the browser's languages on the page, Italian in the embed.
const lang: Lang = readLang(langParam) ?? langWithoutParameter(mode)
const regionParam = params.get('region')
const provinceParam = params.get('province')
// A province (any case, as the API takes it) names its region too; one that names none shows Italy, and says so.
const province = provinceParam !== null && PROVINCE_SIGLE.has(provinceParam.trim().toUpperCase()) ? provinceParam.trim().toUpperCase() : null
const region = province ? provinceRegion(province)! : provinceParam === null && regionParam && Object.hasOwn(REGIONS, regionParam) ? regionParam : null
const area: StatsArea = province ? { province } : region ? { region } : null
const t = await loadStatsTranslator(lang)
const config = (name: string): string | null => document.querySelector<HTMLMetaElement>(`meta[name="puntovicino:${name}"]`)?.content || null
const apiBase = config('api-base') ?? new URL('/', location.href).toString()
const root = document.getElementById('stats')!
const areaName = province ? `${provinceName(province)} (${province})` : region ? REGIONS[region]! : t('stats.italy')

document.documentElement.lang = lang
document.title = `${t('stats.title_area', { area: areaName })} · PuntoVicino`
for (const element of document.querySelectorAll<HTMLElement>('[data-t]')) element.textContent = t(element.dataset.t as never)
keepLanguageInLinks(lang)

// A language chosen in the address is kept in every link (without it the browser's languages decide).
const areaParams = (chosen: StatsArea, language: Lang, explicitLang: boolean): URLSearchParams => {
  const query = new URLSearchParams({ ...chosen })
  if (explicitLang || language !== DEFAULT_LANG) query.set('lang', language)
  return query
}
const areaQuery = (chosen: StatsArea, language: Lang) => {
  const text = areaParams(chosen, language, readLang(langParam) !== null).toString()
  return text ? `?${text}` : location.pathname
}

updateLanguageNav(lang, t('app.languages'), (language) => `?${areaParams(area, language, true).toString()}`)
const askedLang = unsupportedLang(langParam)
if (askedLang !== null) root.before(unavailableLanguageNotice(askedLang, t('app.lang_unavailable', { asked: askedLang })))
// A region code that names none (`region=9`, `region=99`): said, not silently Italy under a
// region's banner (the API answers the same code with a 400).
if (provinceParam !== null && province === null) {
  root.before(h('p', { class: 'pv-stats__unknown-region', role: 'alert' }, t('stats.unknown_province', { asked: provinceParam })))
} else if (regionParam && region === null) {
  const padded = regionParam.trim().padStart(2, '0')
  const maybe = Object.hasOwn(REGIONS, padded) ? ` ${t('stats.unknown_region_maybe', { code: padded, name: REGIONS[padded]! })}` : ''
  root.before(h('p', { class: 'pv-stats__unknown-region', role: 'alert' }, `${t('stats.unknown_region', { asked: regionParam })}${maybe}`))
}

/**
 * The area chooser: Italy or a region, then one of its provinces (every province under Italy), by
 * name. A plain GET form, so it works with the keyboard and reloads to a shareable address.
 */
function areaForm(): HTMLElement {
  const select = h(
    'select',
    { id: 'pv-stats-area', name: 'region' },
    h('option', { value: '' }, t('stats.italy')),
    regionChoices(REGIONS).map(([code, name]) => h('option', { value: code, selected: code === region }, name)),
  )
  const provinceSelect = h('select', { id: 'pv-stats-province', name: 'province' })
  const fillProvinces = (kept: string | null) => {
    const choices = provinceChoices(select.value || null)
    provinceSelect.replaceChildren(h('option', { value: '' }, t('stats.province_any')), ...choices.map(([sigla, name]) => h('option', { value: sigla }, `${name} (${sigla})`)))
    provinceSelect.value = choices.some(([sigla]) => sigla === kept) ? kept! : ''
  }
  fillProvinces(province)
  select.addEventListener('change', () => fillProvinces(provinceSelect.value))
  const field = (id: string, label: string, control: HTMLElement) => h('div', { class: 'pv-stats__area-field' }, h('label', { for: id }, label), control)
  const form = h(
    'form',
    { class: 'pv-stats__area', method: 'get', action: location.pathname },
    field(select.id, t('stats.area_label'), select),
    field(provinceSelect.id, t('stats.province_label'), provinceSelect),
    lang !== DEFAULT_LANG ? h('input', { type: 'hidden', name: 'lang', value: lang }) : null,
    h('button', { type: 'submit' }, t('stats.show')),
  )
  // Italy is the address without an area: an empty `region=` is not sent, nor a region beside its province.
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    location.assign(areaQuery(provinceSelect.value ? { province: provinceSelect.value } : select.value ? { region: select.value } : null, lang))
  })
  return form
}

const status = h('p', { class: 'pv-stats__note', role: 'status' }, t('stats.loading'))
const heading = h('h1', { class: 'page-title' }, t('stats.title_area', { area: areaName }))
const intro = h('p', { class: 'page-intro' })
replaceChildren(root, heading, intro, areaForm(), status)

try {
  const data = await loadStats(apiBase, area)
  // Italian joins the article to the preposition before the day: "aggiornati all'8 dicembre", "calcolo dell'11".
  const computedOn = (preposition: 'a' | 'di') => dateAfterVerb(data.coverage.as_of, lang, { day: 'numeric', month: 'long', year: 'numeric' }, preposition)
  intro.textContent = t('stats.intro', { date: computedOn('a') })
  status.textContent = ''
  // What an analyst cites in a report: the registry's version and the day the figures were computed for.
  intro.after(h('p', { class: 'pv-stats__note pv-stats__cite' }, t('stats.cite', { version: String(data.regions.registry_version), date: computedOn('di') })))
  if (data.demo) intro.after(h('p', { class: 'pv-stats__demo' }, t('stats.demo')))
  root.append(
    ...renderStats(data, {
      t,
      lang,
      apiBase,
      assetBase: new URL('/', location.href).toString(),
      locatorUrl: new URL('/', location.href).toString(),
      mapStyleUrl: config('map-style'),
      embedded: mode === 'embed',
      areaHref: (code) => areaQuery(code ? { region: code } : null, lang),
    }),
    // A printed copy (a board's report) says where and as of when its figures come from.
    h('p', { class: 'pv-stats__note pv-stats__print-only' }, t('stats.print_source', { url: location.href, date: computedOn('a') })),
  )
} catch (error) {
  console.error('[puntovicino] statistics not loaded', error)
  status.textContent = t('stats.failed')
}

if (mode === 'embed') reportHeightToHost()
