import en from '../../shared/i18n/messages/stats-en.json' with { type: 'json' }
import it from '../../shared/i18n/messages/stats-it.json' with { type: 'json' }
import { extendedTranslator, type Lang, type MessageKey } from '../../shared/i18n/messages.ts'

/** The statistics page's strings (`shared/i18n/messages/stats-<lang>.json`), over the citizens' catalogue. */
export type StatsKey = keyof typeof it
export type StatsTranslate = (key: StatsKey | MessageKey, params?: Record<string, string | number>) => string

const CATALOGUES: Record<Lang, Partial<Record<StatsKey, string>>> = { it, en }

export const statsTranslator = (lang: Lang): StatsTranslate => extendedTranslator(lang, it, CATALOGUES)
