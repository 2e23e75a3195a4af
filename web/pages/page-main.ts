import { reportHeightToHost } from '../dom/report-height.ts'
import { translator } from '../../shared/i18n/messages.ts'
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
const state = parseLocatorState(params)
const t = translator(state.lang)
const root = document.getElementById('locator')!
const config = (name: string): string | null => document.querySelector<HTMLMetaElement>(`meta[name="puntovicino:${name}"]`)?.content || null

document.documentElement.lang = state.lang
document.title = mode === 'embed' ? t('app.title') : `${t('app.tagline')} · ${t('app.title')}`
for (const element of document.querySelectorAll<HTMLElement>('[data-t]')) element.textContent = t(element.dataset.t as never)

// Only the embed takes these from its URL; the page always looks like the page.
const embed = mode === 'embed' ? parseEmbedSettings(params) : { accent: null, listOnly: false }
if (embed.accent) document.documentElement.style.setProperty('--pv-accent', embed.accent)

const languageLink = document.querySelector<HTMLAnchorElement>('[data-lang-switch]')
const pageUrl = new URL(mode === 'embed' ? '/' : location.pathname, location.href).toString()

mountLocator({
  root,
  apiBase: config('api-base') ?? new URL('/', location.href).toString(),
  assetBase: new URL('/', location.href).toString(),
  pageUrl,
  initial: state,
  listOnly: embed.listOnly,
  mapStyleUrl: config('map-style'),
  history: 'url',
  keepInUrl: embedSettingsQuery(embed),
  idPrefix: 'pv',
  // The embed's URL is written by a webmaster: a wrong code is shown to them. The page's URL is a
  // citizen's (shared, hand-edited) link: it just opens what it can.
  rejectedPrefilters: mode === 'embed' ? rejectedPrefilters(params) : [],
  onStateChange: (current) => {
    if (!languageLink) return
    const other = current.lang === 'it' ? 'en' : 'it'
    languageLink.href = `?${serializeLocatorState({ ...current, lang: other }).toString()}`
    languageLink.textContent = t('app.lang_switch')
    languageLink.setAttribute('lang', other)
    languageLink.setAttribute('hreflang', other)
  },
})

if (mode === 'embed') reportHeightToHost()
