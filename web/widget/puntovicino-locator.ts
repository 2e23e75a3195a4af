import locatorCss from '../styles/locator.css'
import { OWN_REM_PROPERTY, withOwnRem } from '../dom/own-rem.ts'
import { DEFAULT_LANG, readLang, type Lang } from '../../shared/i18n/langs.ts'
import { loadMessagesOrItalian } from '../../shared/i18n/messages.ts'
import { mountLocator, type LocatorHandle } from '../locator/mount-locator.ts'
import { DEFAULT_ACCENT, isAccentColour, listOnlyGiven } from '../state/embed-settings.ts'
import { EMPTY_STATE, parseLocatorState } from '../state/locator-state.ts'
import { PREFILTERS, rejectedPrefilters } from '../state/rejected-prefilters.ts'

/**
 * `<puntovicino-locator region="09" service="formazione_gruppo" lang="it" accent="#0066cc">`:
 * the locator for regional and municipal sites, in a shadow root so no style leaks in or out.
 * Attributes are documented in docs/widget.md; changing one re-mounts the locator.
 */
/** The locator's styles in the widget's own rem (own-rem.ts), rewritten once, not at every render. */
const LOCATOR_CSS_OWN_REM = withOwnRem(locatorCss)
const ATTRIBUTES = ['region', 'province', 'comune', 'service', 'lang', 'accent', 'api-base', 'list-only', 'map-style'] as const

/** Where widget.js was served from: the default API and the base of its assets. */
const SCRIPT_BASE = new URL('./', import.meta.url).toString()
const FONT_FAMILY = 'PuntoVicino Titillium Web'
let instances = 0

/**
 * @font-face does not work inside a shadow root, so the widget declares its font once on the
 * host document, under a family name of its own that no host style can collide with.
 */
let fontDeclared = false
function declareFont(): void {
  if (fontDeclared) return
  fontDeclared = true
  // Through the CSS Font Loading API, not a <style> element: a host whose Content-Security-Policy
  // refuses inline styles (style-src without 'unsafe-inline') still gets the font (font-src applies).
  for (const weight of [400, 600, 700]) {
    document.fonts.add(new FontFace(FONT_FAMILY, `url("${SCRIPT_BASE}fonts/titillium-web-latin-${weight}-normal.woff2") format("woff2")`, { style: 'normal', weight: String(weight), display: 'swap' }))
  }
}

export class PuntoVicinoLocator extends HTMLElement {
  static readonly observedAttributes = ATTRIBUTES
  private handle: LocatorHandle | null = null
  private readonly idPrefix = `pv${++instances}`
  private generation = 0

  connectedCallback(): void {
    this.mount()
  }

  disconnectedCallback(): void {
    this.handle?.destroy()
    this.handle = null
  }

  // Also while the first language is still loading: the latest attributes are the ones drawn.
  attributeChangedCallback(): void {
    if (this.isConnected) this.mount()
  }

  /** Renders once the language's strings have arrived (each language is a chunk of its own); the latest call wins. */
  private mount(): void {
    const generation = ++this.generation
    const asked = this.getAttribute('lang')
    const lang = readLang(asked) ?? DEFAULT_LANG
    void loadMessagesOrItalian(lang, 'widget').then((loaded) => {
      if (generation === this.generation && this.isConnected) this.render(loaded)
    })
  }

  private render(lang: Lang): void {
    this.handle?.destroy()
    declareFont()
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' })
    const accent = this.getAttribute('accent')
    // `all: initial`: inherited properties (white-space, text-transform, letter-spacing…) set by the
    // host around the element would otherwise flow into the shadow root. Custom properties are not
    // reset by `all`: the accent is always set here, from the attribute or the default, so a host's
    // `--pv-accent` never bypasses the attribute's contrast check.
    // A constructed stylesheet, not a <style> element: a host's Content-Security-Policy without
    // 'unsafe-inline' in style-src refuses the element (the widget showed unstyled), not this.
    const host = `:host{all:initial;display:block;--pv-font:"${FONT_FAMILY}",system-ui,sans-serif;--pv-accent:${isAccentColour(accent) ? accent : DEFAULT_ACCENT};`
    const sheet = new CSSStyleSheet()
    // First the host's reset alone, to read the reader's own text size off it (own-rem.ts).
    sheet.replaceSync(`${host}}`)
    shadow.adoptedStyleSheets = [sheet]
    sheet.replaceSync(`${LOCATOR_CSS_OWN_REM}${host}${OWN_REM_PROPERTY}:${getComputedStyle(this).fontSize};}`)
    const root = document.createElement('div')
    // The language drawn, not the host page's: an Italian widget on an English page (or one asked
    // for a language it lacks) is read out as Italian (WCAG 3.1.2).
    root.lang = lang
    shadow.replaceChildren(root)
    // Attribute values go through the same lenient parser as a URL: a wrong code is dropped, not
    // sent, and the widget says so on itself for the webmaster who wrote it.
    const prefilters = new URLSearchParams()
    for (const name of PREFILTERS) {
      const value = this.getAttribute(name)
      if (value) prefilters.set(name, value)
    }
    const apiBase = new URL(this.getAttribute('api-base') || SCRIPT_BASE, location.href).toString()
    const initial = parseLocatorState(prefilters, { ...EMPTY_STATE, lang })
    this.handle = mountLocator({
      root,
      apiBase,
      assetBase: SCRIPT_BASE,
      pageUrl: new URL('./', apiBase).toString(),
      initial,
      searchArea: { region: initial.region, province: initial.province, comune: initial.comune },
      listOnly: listOnlyGiven(this.getAttribute('list-only')),
      // An empty `map-style=""` is no style, not a style URL: the built-in basemap then.
      mapStyleUrl: this.getAttribute('map-style') || null,
      history: 'none',
      idPrefix: this.idPrefix,
      rejectedPrefilters: rejectedPrefilters(new URLSearchParams([...prefilters, ...(['lang', 'accent'] as const).flatMap((name) => (this.hasAttribute(name) ? [[name, this.getAttribute(name)!]] : []))])),
    })
  }
}

if (!customElements.get('puntovicino-locator')) customElements.define('puntovicino-locator', PuntoVicinoLocator)
