import en from './messages/en.json' with { type: 'json' }
import it from './messages/it.json' with { type: 'json' }

/**
 * UI strings live in `shared/i18n/messages/<lang>.json`, one flat key per string; Italian is the
 * reference file. Adding German or French (bilingual regions need them) is a new JSON file plus
 * one entry in CATALOGUES: every key missing there falls back to Italian.
 */
export type MessageKey = keyof typeof it
export type Lang = 'it' | 'en'
export const LANGS: readonly Lang[] = ['it', 'en']
export const DEFAULT_LANG: Lang = 'it'

const CATALOGUES: Record<Lang, Partial<Record<MessageKey, string>>> = { it, en }

export const isLang = (value: string | null | undefined): value is Lang => LANGS.includes(value as Lang)

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** `t('results.count', { count: 3 })` → "3 punti trovati". Unknown placeholders stay visible, so a gap shows up in review. */
export function translator(lang: Lang): Translate {
  const catalogue = CATALOGUES[lang]
  return (key, params) => interpolate(catalogue[key] ?? it[key], params)
}

/** `{name}` placeholders filled from `params`; unknown ones stay visible, so a gap shows up in review. */
export const interpolate = (template: string, params?: Record<string, string | number>): string =>
  params ? template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : template

/** The BCP 47 tag for Intl formatters and the `lang` attribute. */
export const localeOf = (lang: Lang): string => (lang === 'it' ? 'it-IT' : 'en-GB')

/**
 * A bundle's own strings (the console's, the statistics page's), in files of their own so the
 * citizens' bundle does not carry them, over the citizens' catalogue: day, service and region
 * words are said one way everywhere. `reference` is the bundle's Italian file.
 */
export function extendedTranslator<K extends string>(lang: Lang, reference: Record<K, string>, own: Record<Lang, Partial<Record<K, string>>>): (key: K | MessageKey, params?: Record<string, string | number>) => string {
  const shared = translator(lang)
  const catalogue = own[lang]
  return (key, params) => (Object.hasOwn(reference, key) ? interpolate(catalogue[key as K] ?? reference[key as K], params) : shared(key as MessageKey, params))
}
