import type { Translate } from '../../shared/i18n/messages.ts'
import type { Lang } from '../../shared/i18n/langs.ts'

/** What every view needs to word things: the language, its strings and the clock. */
export interface ViewContext {
  readonly lang: Lang
  readonly t: Translate
  readonly now: () => Date
  /**
   * The moment the citizen chose to go ("Quando puoi andarci"), when not now: the list holds the
   * points open then, so a card says whether and until when its site is open at that moment, and
   * where a van is then, rather than its status now.
   */
  readonly visitAt?: Date
}
