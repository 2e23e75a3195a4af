import it from './messages/it.json' with { type: 'json' }
import type { Lang } from './langs.ts'
import { formatMessage } from './plural-format.ts'

/**
 * UI strings live in `shared/i18n/messages/<lang>.json`, one flat key per string; Italian is the
 * reference file. Every language has every key (tests/shared/i18n/catalogues.test.ts): a
 * missing translation fails a test instead of showing Italian. The languages: ./langs.ts.
 */
export type MessageKey = keyof typeof it
type Catalogue = Partial<Record<MessageKey, string>>

/**
 * The other languages load on demand: in the browser each is a chunk of its own, so a page
 * carries the one language it shows (four more would add ~11 KB gzip to every citizen's page).
 */
const LOADERS: Record<Lang, () => Promise<Catalogue>> = {
  it: async () => it,
  en: async () => (await import('./messages/en.json', { with: { type: 'json' } })).default,
  de: async () => (await import('./messages/de.json', { with: { type: 'json' } })).default,
  fr: async () => (await import('./messages/fr.json', { with: { type: 'json' } })).default,
  sl: async () => (await import('./messages/sl.json', { with: { type: 'json' } })).default,
}
/**
 * Catalogues loaded once each, on first need, from `loaders` (one per language; each must call
 * `import()` with a literal path for the bundler to make its chunk): `loaded` holds those that
 * have arrived, Italian from the start.
 */
export function lazyCatalogues<C>(loaders: Record<Lang, () => Promise<C>>, italian: C): { loaded: Partial<Record<Lang, C>>; load(lang: Lang): Promise<C> } {
  const loaded: Partial<Record<Lang, C>> = { it: italian }
  return { loaded, load: async (lang) => (loaded[lang] ??= await loaders[lang]()) }
}

const CATALOGUES = lazyCatalogues(LOADERS, it as Catalogue)

/** Makes `translator(lang)` available; a page awaits it once, before it writes any text. */
export async function loadMessages(lang: Lang): Promise<void> {
  await CATALOGUES.load(lang)
}

/**
 * Loads `lang`'s strings and gives back the language to draw in: `lang`, or Italian when its
 * strings cannot arrive (offline, a failed chunk), so a page is drawn in Italian rather than not
 * at all. `what` names the page in the warning.
 */
export async function loadMessagesOrItalian(lang: Lang, what: string): Promise<Lang> {
  try {
    await loadMessages(lang)
    return lang
  } catch (error) {
    console.warn(`[puntovicino] the ${lang} strings did not arrive; the ${what} is drawn in Italian`, error)
    return 'it'
  }
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

/** `t('results.count', { count: 3 })` → "3 punti trovati". Unknown placeholders stay visible, so a gap shows up in review. */
export function translator(lang: Lang): Translate {
  const catalogue = CATALOGUES.loaded[lang]
  if (!catalogue) throw new Error(`the ${lang} messages are not loaded: await loadMessages('${lang}') first`)
  return (key, params) => formatMessage(catalogue[key] ?? it[key], lang, params)
}

/**
 * A bundle's own strings (the console's, the statistics page's), in files of their own so the
 * citizens' bundle does not carry them, over the citizens' catalogue: day, service and region
 * words are said one way everywhere. `reference` is the bundle's Italian file.
 */
export function extendedTranslator<K extends string, L extends Lang>(lang: L, reference: Record<K, string>, own: Partial<Record<L, Partial<Record<K, string>>>>): (key: K | MessageKey, params?: Record<string, string | number>) => string {
  const shared = translator(lang)
  const catalogue = own[lang]
  if (!catalogue) throw new Error(`this page's ${lang} messages are not loaded`)
  return (key, params) => (Object.hasOwn(reference, key) ? formatMessage(catalogue[key as K] ?? reference[key as K], lang, params) : shared(key as MessageKey, params))
}
