import it from '../../shared/i18n/messages/stats-it.json' with { type: 'json' }
import { extendedTranslator, lazyCatalogues, loadMessages, type MessageKey } from '../../shared/i18n/messages.ts'
import type { Lang } from '../../shared/i18n/langs.ts'

/** The statistics page's strings (`shared/i18n/messages/stats-<lang>.json`), over the citizens' catalogue. */
export type StatsKey = keyof typeof it
export type StatsTranslate = (key: StatsKey | MessageKey, params?: Record<string, string | number>) => string
type StatsCatalogue = Partial<Record<StatsKey, string>>

/** Each language its own chunk, as the citizens' catalogues (shared/i18n/messages.ts). */
const LOADERS: Record<Lang, () => Promise<StatsCatalogue>> = {
  it: async () => it,
  en: async () => (await import('../../shared/i18n/messages/stats-en.json', { with: { type: 'json' } })).default,
  de: async () => (await import('../../shared/i18n/messages/stats-de.json', { with: { type: 'json' } })).default,
  fr: async () => (await import('../../shared/i18n/messages/stats-fr.json', { with: { type: 'json' } })).default,
  sl: async () => (await import('../../shared/i18n/messages/stats-sl.json', { with: { type: 'json' } })).default,
}
const CATALOGUES = lazyCatalogues(LOADERS, it as StatsCatalogue)

/** The page's translator, once its language's strings (its own and the citizens') have arrived. */
export async function loadStatsTranslator(lang: Lang): Promise<StatsTranslate> {
  await Promise.all([CATALOGUES.load(lang), loadMessages(lang)])
  return extendedTranslator(lang, it, CATALOGUES.loaded)
}
