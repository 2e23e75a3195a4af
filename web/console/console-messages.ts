import en from '../../shared/i18n/messages/console-en.json' with { type: 'json' }
import it from '../../shared/i18n/messages/console-it.json' with { type: 'json' }
import { extendedTranslator, type Lang, type MessageKey } from '../../shared/i18n/messages.ts'

/**
 * The console's strings, in files of their own (`shared/i18n/messages/console-<lang>.json`) so the
 * citizens' bundle does not carry them; day, service and topic names come from the citizens'
 * catalogue, so both say them the same way.
 */
export type ConsoleKey = keyof typeof it
export type ConsoleTranslate = (key: ConsoleKey | MessageKey, params?: Record<string, string | number>) => string

const CATALOGUES: Record<Lang, Partial<Record<ConsoleKey, string>>> = { it, en }

export const consoleTranslator = (lang: Lang): ConsoleTranslate => extendedTranslator(lang, it, CATALOGUES)
