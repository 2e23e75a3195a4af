import { reportHeightToHost } from '../dom/report-height.ts'
import { loadMessagesOrItalian, translator } from '../../shared/i18n/messages.ts'
import { readLang, unsupportedLang } from '../../shared/i18n/langs.ts'
import { keepLanguageInLinks, langWithoutParameter, unavailableLanguageNotice, updateLanguageNav } from '../i18n/language-nav.ts'
import { mountLocator } from '../locator/mount-locator.ts'
import { embedSettingsQuery, parseEmbedSettings } from '../state/embed-settings.ts'
import { parseLocatorState, serializeLocatorState } from '../state/locator-state.ts'
import { rejectedPrefilters } from '../state/rejected-prefilters.ts'

/**
 * The citizen page (`/`) and the iframe embed (`/embed`): one bundle, told apart by
 * `<body data-mode>`. The page keeps its view in the URL; the embed does too (inside its frame)
 * and tells its host page its height, so the iframe never shows a scrollbar.
 */
const mode = document.body.dataset.mode === 'embed' ? 'embed' : 'page'
const params = new URLSearchParams(location.search)
// `?lang=` first; without it, the browser's languages on the page, Italian in the embed.
const asked = parseLocatorState(params, { lang: langWithoutParameter(mode) })
const state = { ...asked, lang: await loadMessagesOrItalian(asked.lang, 'page') }
const t = translator(state.lang)
const root = document.getElementById('locator')!
const config = (name: string): string | null => document.querySelector<HTMLMetaElement>(`meta[name="puntovicino:${name}"]`)?.content || null

document.documentElement.lang = state.lang
document.title = mode === 'embed' ? t('app.title') : `${t('app.tagline')} · ${t('app.title')}`
for (const element of document.querySelectorAll<HTMLElement>('[data-t]')) element.textContent = t(element.dataset.t as never)
// What search engines show under the page's title, in the page's language (the file's is Italian).
document.querySelector('meta[name="description"]')?.setAttribute('content', t('app.intro'))
// The search is the way in now: the regions' pages stay a line below it.
document.querySelector<HTMLDetailsElement>('details.pv-regions')?.removeAttribute('open')
keepLanguageInLinks(state.lang)
const askedLang = params.get('lang')
const unavailableLang = unsupportedLang(askedLang)
// The embed tells its webmaster among the other settings it ignores (rejectedPrefilters).
if (mode === 'page' && unavailableLang !== null) root.before(unavailableLanguageNotice(unavailableLang, t('app.lang_unavailable', { asked: unavailableLang })))

// Only the embed takes these from its URL; the page always looks like the page.
const embed = mode === 'embed' ? parseEmbedSettings(params) : { accent: null, listOnly: false }
if (embed.accent) document.documentElement.style.setProperty('--pv-accent', embed.accent)

// A language chosen in the address stays there as the view changes: without it, a reload would
// follow the browser's languages again.
const keepInUrl = embedSettingsQuery(embed)
const chosenLang = readLang(askedLang)
if (chosenLang) keepInUrl.set('lang', chosenLang)
const pageUrl = new URL(mode === 'embed' ? '/' : location.pathname, location.href).toString()

mountLocator({
  root,
  apiBase: config('api-base') ?? new URL('/', location.href).toString(),
  assetBase: new URL('/', location.href).toString(),
  pageUrl,
  initial: state,
  // The embed's area is its webmaster's choice: its search keeps to it.
  ...(mode === 'embed' ? { searchArea: { region: state.region, province: state.province, comune: state.comune } } : {}),
  listOnly: embed.listOnly,
  mapStyleUrl: config('map-style'),
  history: 'url',
  keepInUrl,
  idPrefix: 'pv',
  // The embed's URL is written by a webmaster: a wrong code is shown to them. The page's URL is a
  // citizen's (shared, hand-edited) link: it just opens what it can.
  rejectedPrefilters: mode === 'embed' ? rejectedPrefilters(params) : [],
  // Each language's link keeps what the page shows (its place, filters, open point).
  onStateChange: (current) => updateLanguageNav(current.lang, t('app.languages'), (lang) => {
    const query = serializeLocatorState({ ...current, lang })
    query.set('lang', lang)
    return `?${query.toString()}`
  }),
})

if (mode === 'embed') reportHeightToHost()
