import { h } from '../dom/h.ts'
import type { ConsoleKey, ConsoleTranslate } from './console-messages.ts'

/**
 * The API's reasons are English (the public contract's language, shared with every client); the
 * console's staff read Italian. The reasons an editor meets most, by their English wording, get
 * the console's own words; any other stays as the API gives it, marked English for screen readers.
 */
const REASONS: ReadonlyArray<readonly [RegExp, ConsoleKey]> = [
  [/^Invalid email address/i, 'console.reason.email'],
  [/must be an http:\/\/ or https:\/\/ address|^Invalid URL/i, 'console.reason.url'],
  [/^must be a phone number/, 'console.reason.phone'],
  [/^overlaps \d/, 'console.reason.overlaps'],
  [/^end must be after start/, 'console.reason.end_after_start'],
  [/^must be a time HH:MM/, 'console.reason.time'],
  [/^must be a date YYYY-MM-DD or a recurring/, 'console.reason.season_date'],
  [/^to must not be before from/, 'console.reason.closure_order'],
  [/^every point offers assistenza_individuale/, 'console.reason.individual_help'],
  [/must not be empty|^Too small: expected string/i, 'console.reason.empty'],
  [/is before today/, 'console.reason.past_stop'],
  [/^Invalid ISO date/, 'console.reason.date'],
]

/** The console's words for an API reason, or null where it has none (then the English is shown). */
export function italianReason(message: string, t: ConsoleTranslate): string | null {
  const found = REASONS.find(([pattern]) => pattern.test(message))
  return found ? t(found[1]) : null
}

/** An API reason or detail to show: in the console's words where it has them, else the API's English marked as English (WCAG 3.1.2). */
export function apiWords(message: string, t: ConsoleTranslate): HTMLElement | string {
  return italianReason(message, t) ?? h('span', { lang: 'en' }, message)
}
