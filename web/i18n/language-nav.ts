import { DEFAULT_LANG, LANGS, LANGUAGE_NAMES, preferredLang, type Lang } from '../../shared/i18n/langs.ts'

/**
 * The language of a page without `?lang=`: our own pages follow the browser's languages (what it
 * sends as Accept-Language); an embed is Italian, as the widget element is (docs/widget.md): it sits
 * in a host's page, whose language the host states with `lang`, not in the reader's browser.
 */
export const langWithoutParameter = (mode: 'page' | 'embed'): Lang => (mode === 'embed' ? DEFAULT_LANG : (preferredLang(navigator.languages ?? []) ?? DEFAULT_LANG))

/**
 * The header's language list (`<nav data-lang-nav>`, in web/pages/partials/header.html, the same
 * list the server pages draw): each language named in itself, its link keeping what the page
 * shows, the current one marked for screen readers.
 */
export function updateLanguageNav(current: Lang, label: string, addressIn: (lang: Lang) => string): void {
  const nav = document.querySelector<HTMLElement>('[data-lang-nav]')
  if (!nav) return
  nav.setAttribute('aria-label', label)
  for (const link of nav.querySelectorAll<HTMLAnchorElement>('a[data-lang]')) {
    const lang = link.dataset.lang as Lang
    link.href = addressIn(lang)
    if (lang === current) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
}

/** The notice for a `?lang=` the interface does not speak: which languages it does, never a silent switch. */
export function unavailableLanguageNotice(asked: string, sentence: string): HTMLElement {
  const notice = document.createElement('p')
  notice.className = 'lang-unavailable'
  notice.setAttribute('role', 'status')
  // Each language's name in that language, marked so a screen reader says it in its own voice.
  notice.append(`${sentence} `)
  LANGS.forEach((lang, i) => {
    const name = document.createElement('span')
    name.lang = lang
    name.textContent = LANGUAGE_NAMES[lang]
    notice.append(...(i > 0 ? [', '] : []), name, ` (${lang})`)
  })
  notice.append('.')
  notice.dataset.asked = asked
  return notice
}

/**
 * The page's own links to the other pages of the site (the brand, the footer's locator and
 * statistics) carry its language: those pages follow the browser's languages when the address
 * names none, so without it a reader who chose Italian on a German browser would switch.
 * Links to the API's documentation and the open data stay as they are.
 */
export function keepLanguageInLinks(lang: Lang): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('header a[href^="/"]:not([data-lang]), footer a[href^="/"], .pv-regions a[href^="/"]')) {
    const url = new URL(link.getAttribute('href')!, location.origin)
    if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/opendata/')) continue
    url.searchParams.set('lang', lang)
    link.setAttribute('href', `${url.pathname}${url.search}${url.hash}`)
  }
}
