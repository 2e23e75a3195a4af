import { h, replaceChildren } from '../dom/h.ts'
import { reportHeightToHost } from '../dom/report-height.ts'
import { formatDate } from '../i18n/format.ts'
import { DEFAULT_LANG, readLang, unsupportedLang, type Lang } from '../../shared/i18n/langs.ts'
import { keepLanguageInLinks, langWithoutParameter, unavailableLanguageNotice, updateLanguageNav } from '../i18n/language-nav.ts'
import { REGIONS } from '../../shared/gazetteer/admin-units.ts'
import { renderStats } from './render-stats.ts'
import { loadStats } from './stats-data.ts'
import { loadStatsTranslator } from './stats-messages.ts'

/**
 * The statistics page (`/statistiche`) and its embed (`/embed/statistiche`): one bundle, told
 * apart by `<body data-mode>`. `?region=10` chooses the region (none: Italy), `?lang=en` the
 * language. The embed tells its host page its height, as the locator's embed does.
 */
const mode = document.body.dataset.mode === 'embed' ? 'embed' : 'page'
const params = new URLSearchParams(location.search)
const langParam = params.get('lang')
// Without `?lang=`, the browser's languages on the page, Italian in the embed.
const lang: Lang = readLang(langParam) ?? langWithoutParameter(mode)
const regionParam = params.get('region')
const region = regionParam && Object.hasOwn(REGIONS, regionParam) ? regionParam : null
const t = await loadStatsTranslator(lang)
const config = (name: string): string | null => document.querySelector<HTMLMetaElement>(`meta[name="puntovicino:${name}"]`)?.content || null
const apiBase = config('api-base') ?? new URL('/', location.href).toString()
const root = document.getElementById('stats')!
const areaName = region ? REGIONS[region]! : t('stats.italy')

document.documentElement.lang = lang
document.title = `${t('stats.title_area', { area: areaName })} · PuntoVicino`
for (const element of document.querySelectorAll<HTMLElement>('[data-t]')) element.textContent = t(element.dataset.t as never)
keepLanguageInLinks(lang)

// A language chosen in the address is kept in every link (without it the browser's languages decide).
const areaParams = (code: string | null, language: Lang, explicitLang: boolean): URLSearchParams => {
  const query = new URLSearchParams()
  if (code) query.set('region', code)
  if (explicitLang || language !== DEFAULT_LANG) query.set('lang', language)
  return query
}
const areaQuery = (code: string | null, language: Lang) => {
  const text = areaParams(code, language, readLang(langParam) !== null).toString()
  return text ? `?${text}` : location.pathname
}

updateLanguageNav(lang, t('app.languages'), (language) => `?${areaParams(region, language, true).toString()}`)
const askedLang = unsupportedLang(langParam)
if (askedLang !== null) root.before(unavailableLanguageNotice(askedLang, t('app.lang_unavailable', { asked: askedLang })))
// A region code that names none (`region=9`, `region=99`): said, not silently Italy under a
// region's banner (the API answers the same code with a 400).
if (regionParam && region === null) {
  const padded = regionParam.trim().padStart(2, '0')
  const maybe = Object.hasOwn(REGIONS, padded) ? ` ${t('stats.unknown_region_maybe', { code: padded, name: REGIONS[padded]! })}` : ''
  root.before(h('p', { class: 'pv-stats__unknown-region', role: 'alert' }, `${t('stats.unknown_region', { asked: regionParam })}${maybe}`))
}

/** The area chooser: a plain GET form, so it works with the keyboard and reloads to a shareable address. */
function areaForm(): HTMLElement {
  const select = h(
    'select',
    { id: 'pv-stats-area', name: 'region' },
    h('option', { value: '' }, t('stats.italy')),
    Object.entries(REGIONS)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, name]) => h('option', { value: code, selected: code === region }, name)),
  )
  const form = h(
    'form',
    { class: 'pv-stats__area', method: 'get', action: location.pathname },
    h('label', { for: 'pv-stats-area' }, t('stats.area_label')),
    select,
    lang !== DEFAULT_LANG ? h('input', { type: 'hidden', name: 'lang', value: lang }) : null,
    h('button', { type: 'submit' }, t('stats.show')),
  )
  // Italy is the address without a region: an empty `region=` is not sent.
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    location.assign(areaQuery(select.value || null, lang))
  })
  return form
}

const status = h('p', { class: 'pv-stats__note', role: 'status' }, t('stats.loading'))
const heading = h('h1', { class: 'page-title' }, t('stats.title_area', { area: areaName }))
const intro = h('p', { class: 'page-intro' })
replaceChildren(root, heading, intro, areaForm(), status)

try {
  const data = await loadStats(apiBase, region)
  const computedOn = formatDate(data.coverage.as_of, lang, { day: 'numeric', month: 'long', year: 'numeric' })
  intro.textContent = t('stats.intro', { date: computedOn })
  status.textContent = ''
  // What an analyst cites in a report: the registry's version and the day the figures were computed for.
  intro.after(h('p', { class: 'pv-stats__note pv-stats__cite' }, t('stats.cite', { version: String(data.regions.registry_version), date: computedOn })))
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
      areaHref: (code) => areaQuery(code, lang),
    }),
    // A printed copy (a board's report) says where and as of when its figures come from.
    h('p', { class: 'pv-stats__note pv-stats__print-only' }, t('stats.print_source', { url: location.href, date: computedOn })),
  )
} catch (error) {
  console.error('[puntovicino] statistics not loaded', error)
  status.textContent = t('stats.failed')
}

if (mode === 'embed') reportHeightToHost()
