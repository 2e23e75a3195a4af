import { LANGS, LANGUAGE_NAMES, type Lang } from '../../shared/i18n/langs.ts'

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
