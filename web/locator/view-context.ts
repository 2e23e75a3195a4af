import type { Translate } from '../../shared/i18n/messages.ts'
import type { Lang } from '../../shared/i18n/langs.ts'

/** What every view needs to word things: the language, its strings and the clock. */
export interface ViewContext {
  readonly lang: Lang
  readonly t: Translate
  readonly now: () => Date
}
