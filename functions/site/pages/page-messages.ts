import de from '../../../shared/i18n/messages/pages-de.json' with { type: 'json' }
import en from '../../../shared/i18n/messages/pages-en.json' with { type: 'json' }
import fr from '../../../shared/i18n/messages/pages-fr.json' with { type: 'json' }
import it from '../../../shared/i18n/messages/pages-it.json' with { type: 'json' }
import sl from '../../../shared/i18n/messages/pages-sl.json' with { type: 'json' }
import { extendedTranslator, loadMessages, type MessageKey } from '../../../shared/i18n/messages.ts'
import type { Lang } from '../../../shared/i18n/langs.ts'

/**
 * The server-rendered pages' strings (`shared/i18n/messages/pages-<lang>.json`, beside every other
 * catalogue a translator edits), over the citizens' catalogue: services, topics, days and
 * statuses are said as the locator says them. A server carries every language.
 */
export type PagesKey = keyof typeof it
export type PagesTranslate = (key: PagesKey | MessageKey, params?: Record<string, string | number>) => string

export async function loadPagesTranslator(lang: Lang): Promise<PagesTranslate> {
  await loadMessages(lang)
  return extendedTranslator(lang, it, { it, en, de, fr, sl })
}
