/**
 * The interface's languages: Italian, English, and the languages of Italy's bilingual regions
 * (German in South Tyrol, French in the Aosta Valley, Slovene in Friuli Venezia Giulia). A module
 * of its own, without the catalogues, so code that only checks or negotiates a language (the
 * read API's pages, on every cold start) does not load every message.
 */
export const LANGS = ['it', 'en', 'de', 'fr', 'sl'] as const
export type Lang = (typeof LANGS)[number]
export const DEFAULT_LANG: Lang = 'it'

export const isLang = (value: string | null | undefined): value is Lang => (LANGS as readonly string[]).includes(value as string)

/**
 * A language as people write it in an address or an attribute: `de`, `DE` and `de-AT` are
 * German. Null for an empty value or a language the interface does not speak.
 */
export function readLang(value: string | null | undefined): Lang | null {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0]
  return isLang(primary) ? primary : null
}

/** A `lang` someone asked for that names none of our languages (to be said, never silently replaced); null when none was asked or it is ours. */
export function unsupportedLang(value: string | null | undefined): string | null {
  return value != null && value.trim() !== '' && readLang(value) === null ? value : null
}

/** Each language named in itself, as a language switch shows it. */
export const LANGUAGE_NAMES: Readonly<Record<Lang, string>> = { it: 'Italiano', en: 'English', de: 'Deutsch', fr: 'Français', sl: 'Slovenščina' }

/** The BCP 47 tag for Intl formatters: the language as written in Italy, English as in Europe. */
export const localeOf = (lang: Lang): string => (lang === 'en' ? 'en-GB' : `${lang}-IT`)

/**
 * The first supported language of a reader's preferences, in their order (`navigator.languages`,
 * what the browser sends as Accept-Language): `de-AT` is German, unknown languages are passed
 * over. Null when none is supported: the caller keeps its default.
 */
export function preferredLang(preferences: readonly string[]): Lang | null {
  for (const preference of preferences) {
    const lang = readLang(preference)
    if (lang) return lang
  }
  return null
}

/**
 * What a link adds to keep a page in `lang`: nothing for Italian (the canonical address), else
 * `?lang=de` (or `&lang=de` after other parameters).
 */
export const langQuery = (lang: Lang, separator: '?' | '&' = '?'): string => (lang === DEFAULT_LANG ? '' : `${separator}lang=${lang}`)

/**
 * A link to the locator or the statistics page, which follow the browser's languages when the
 * address names none: from a page in `lang`, the language is always named, Italian too, so the
 * reader stays in the language they are reading.
 */
export const chosenLangQuery = (lang: Lang, separator: '?' | '&' = '?'): string => `${separator}lang=${lang}`
