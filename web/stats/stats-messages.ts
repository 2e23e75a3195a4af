import de from '../../shared/i18n/messages/stats-de.json' with { type: 'json' }
import en from '../../shared/i18n/messages/stats-en.json' with { type: 'json' }
import fr from '../../shared/i18n/messages/stats-fr.json' with { type: 'json' }
import it from '../../shared/i18n/messages/stats-it.json' with { type: 'json' }
import sl from '../../shared/i18n/messages/stats-sl.json' with { type: 'json' }
import { extendedTranslator, type MessageKey } from '../../shared/i18n/messages.ts'
import type { Lang } from '../../shared/i18n/langs.ts'

/** The statistics page's strings (`shared/i18n/messages/stats-<lang>.json`), over the citizens' catalogue. */
export type StatsKey = keyof typeof it
export type StatsTranslate = (key: StatsKey | MessageKey, params?: Record<string, string | number>) => string

const CATALOGUES: Record<Lang, Partial<Record<StatsKey, string>>> = { it, en, de, fr, sl }

export const statsTranslator = (lang: Lang): StatsTranslate => extendedTranslator(lang, it, CATALOGUES)
