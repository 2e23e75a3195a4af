import en from '../../shared/i18n/messages/console-en.json' with { type: 'json' }
import it from '../../shared/i18n/messages/console-it.json' with { type: 'json' }
import { extendedTranslator, loadMessages, type MessageKey } from '../../shared/i18n/messages.ts'

/**
 * The console's strings, in files of their own (`shared/i18n/messages/console-<lang>.json`) so the
 * citizens' bundle does not carry them; day, service and topic names come from the citizens'
 * catalogue, so both say them the same way.
 */
export type ConsoleKey = keyof typeof it
export type ConsoleTranslate = (key: ConsoleKey | MessageKey, params?: Record<string, string | number>) => string

/**
 * The console is for the regions' and bodies' staff: Italian, and English for the maintainers.
 * The citizens' pages speak the five languages of shared/i18n/langs.ts.
 */
export const CONSOLE_LANGS = ['it', 'en'] as const
export type ConsoleLang = (typeof CONSOLE_LANGS)[number]
export const isConsoleLang = (value: string | null): value is ConsoleLang => (CONSOLE_LANGS as readonly (string | null)[]).includes(value)

const CATALOGUES: Record<ConsoleLang, Partial<Record<ConsoleKey, string>>> = { it, en }

/**
 * The console's word for one of the API's names where it has one, else the API's own: a point's
 * field (`console.field.contacts` → "Contatti"), or a field inside one, as the editor labels it
 * (`console.editor.phone` → "Telefono").
 */
export function consoleName(kind: 'field' | 'editor', name: string, t: ConsoleTranslate): string {
  const key = `console.${kind}.${name}`
  const word = t(key as ConsoleKey)
  return word === key ? name : word
}

/** The editor's name for a point's field (`contacts` → "Contatti"), else the API's own. */
export const fieldName = (field: string, t: ConsoleTranslate): string => consoleName('field', field, t)

/** The console's translator, once the citizens' strings of its language have arrived (shared/i18n/messages.ts). */
export async function loadConsoleTranslator(lang: ConsoleLang): Promise<ConsoleTranslate> {
  await loadMessages(lang)
  return extendedTranslator(lang, it, CATALOGUES)
}
