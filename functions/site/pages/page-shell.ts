import { chosenLangQuery, langQuery, LANGS, LANGUAGE_NAMES, type Lang } from '../../../shared/i18n/langs.ts'
import { fontPreloads } from '../font-preloads.ts'
import { html, type Html } from './html.ts'
import type { PagesTranslate } from './page-messages.ts'

/**
 * The frame of every server-rendered page: the site's header and footer (the same Designers
 * Italia look as the locator's page, its stylesheets), the canonical address, the language
 * alternates, and the Open Graph and Twitter card tags a shared link is previewed with.
 */
export interface PageHead {
  readonly lang: Lang
  readonly title: string
  readonly description: string
  /** The page's canonical absolute URL (its Italian address; the others add `?lang=`). */
  readonly canonical: string
  readonly jsonLd?: Html
  readonly noIndex?: boolean
  /** The page's own script, which enhances what is already complete without it (a module under the site's root). */
  readonly script?: string
}

const BRAND_MARK = html`<svg class="brand__mark" viewBox="0 0 44 44" aria-hidden="true" focusable="false"><circle cx="22" cy="22" r="21" fill="#fff"/><path d="M22 9c-6 0-10.5 4.6-10.5 10.4C11.5 27 22 36 22 36s10.5-9 10.5-16.6C32.5 13.6 28 9 22 9Zm0 14.2a4 4 0 1 1 0-8 4 4 0 0 1 0 8Z" fill="#0066cc"/></svg>`

/** The page's address in `lang`: the canonical one is Italian, the others say `?lang=`. */
const addressIn = (canonical: string, lang: Lang): string => `${canonical}${langQuery(lang)}`
/** The site's origin, for the link preview's image (crawlers take only absolute addresses). */
const siteOrigin = (canonical: string): string => new URL(canonical).origin

/** Open Graph's locale: language and territory (Italy's languages as written in Italy). */
const ogLocale = (lang: Lang): string => (lang === 'en' ? 'en_GB' : `${lang}_IT`)

/** Every language, each named in itself and marked as such for screen readers; the current one says so. */
function languageNav(head: PageHead, t: PagesTranslate): Html {
  const items = LANGS.map((lang) =>
    lang === head.lang
      ? html`<li><a href="${addressIn(head.canonical, lang)}" lang="${lang}" hreflang="${lang}" aria-current="page">${LANGUAGE_NAMES[lang]}</a></li>`
      : html`<li><a href="${addressIn(head.canonical, lang)}" lang="${lang}" hreflang="${lang}">${LANGUAGE_NAMES[lang]}</a></li>`,
  )
  return html`<nav class="lang-nav" aria-label="${t('pages.languages')}"><ul>${items}</ul></nav>`
}

export function pageShell(head: PageHead, main: Html, t: PagesTranslate): string {
  const here = addressIn(head.canonical, head.lang)
  const alternates = LANGS.map((lang) => html`<link rel="alternate" hreflang="${lang}" href="${addressIn(head.canonical, lang)}">`)
  return `<!doctype html>\n${html`<html lang="${head.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${head.title}</title>
<meta name="description" content="${head.description}">
${head.noIndex ? html`<meta name="robots" content="noindex">` : ''}
<link rel="canonical" href="${here}">
${alternates}
<link rel="alternate" hreflang="x-default" href="${head.canonical}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="PuntoVicino">
<meta property="og:title" content="${head.title}">
<meta property="og:description" content="${head.description}">
<meta property="og:url" content="${here}">
<meta property="og:locale" content="${ogLocale(head.lang)}">
<meta property="og:image" content="${siteOrigin(head.canonical)}/og-image.png">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta property="og:image:alt" content="${t('pages.og_image_alt')}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="${head.title}">
<meta name="twitter:description" content="${head.description}">
<meta name="theme-color" content="#0066cc">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${fontPreloads()}<link rel="stylesheet" href="/styles/page.css">
<link rel="stylesheet" href="/styles/pages.css">
${head.jsonLd ? html`<script type="application/ld+json">${head.jsonLd}</script>` : ''}
${head.script ? html`<script type="module" src="${head.script}"></script>` : ''}
</head>
<body data-mode="page">
<a class="skip-link" href="#contenuto">${t('pages.skip')}</a>
<header>
  <div class="header-slim"><div class="container"><span>${t('pages.owner')}</span>${languageNav(head, t)}</div></div>
  <div class="header-center"><div class="container"><a class="brand" href="/${chosenLangQuery(head.lang)}">${BRAND_MARK}<span><span class="brand__name">Punto<wbr>Vicino</span><span class="brand__tagline">${t('pages.tagline')}</span></span></a></div></div>
</header>
<main id="contenuto" tabindex="-1"><div class="container">${main}</div></main>
<footer class="site-footer"><div class="container"><a href="/${chosenLangQuery(head.lang)}">${t('pages.find')}</a> · <a href="/statistiche${chosenLangQuery(head.lang)}">${t('pages.statistics')}</a> · <a href="/v1/docs">API</a> · <a href="/accessibilita">${t('pages.accessibility')}</a> · <a href="/privacy">${t('pages.privacy')}</a></div></footer>
</body>
</html>`.text}\n`
}
