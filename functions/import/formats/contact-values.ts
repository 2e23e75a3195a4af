import { z } from 'zod'
import { bilingual } from './bilingual.ts'
import type { RowError } from './format.ts'
import { listOf } from './row-values.ts'
import { isPhoneNumber } from '../../../shared/text/phone-number.ts'

/**
 * Contacts as published are often several values in one cell ("a@x.fr|b@x.fr") and sometimes
 * junk. The registry keeps one of each: the first valid value. A cell with no valid value
 * becomes null with a warning naming the column: a bad e-mail is no reason to lose a point, nor
 * the good one already stored (the format reports it `unread`, and the import keeps that one).
 */

/** What a warning says of a value not read in an optional column: the stored one stays (kept-values.ts). */
export const KEPT_IF_STORED = { it: "ignorato: resta il valore già registrato, se c'è", en: 'ignored: the value already stored is kept, if any' }

export type ContactKind = 'email' | 'phone' | 'url'

const EMAIL = z.email()
const isEmail = (s: string) => EMAIL.safeParse(s).success
/** Only http(s): a "javascript:" or "mailto:" link is no website. */
const isWebUrl = (s: string) => {
  if (!z.url().safeParse(s).success) return false
  const protocol = new URL(s).protocol
  return protocol === 'http:' || protocol === 'https:'
}
const CHECKS: Record<ContactKind, (s: string) => boolean> = { email: isEmail, phone: isPhoneNumber, url: isWebUrl }
const DESCRIPTIONS: Record<ContactKind, { it: string; en: string }> = {
  email: { it: 'un indirizzo e-mail', en: 'an e-mail address' },
  phone: { it: 'un numero di telefono', en: 'a phone number' },
  url: { it: 'un indirizzo web http(s)', en: 'an http(s) URL' },
}

/**
 * A value as the registry keeps it: a bare "www.example.org" is a website everyone understands
 * (given a scheme before checking); a phone loses the label offices write before it ("tel.",
 * "Tel:", "cell.", "Telefono").
 */
function cleaned(kind: ContactKind, s: string): string {
  if (kind === 'url') return /^www\./i.test(s) ? `https://${s}` : s
  if (kind === 'phone') return s.replace(PHONE_LABEL, '')
  return s
}

const PHONE_LABEL = /^(?:tel(?:efono)?|cell(?:ulare)?)\.?\s*:?\s*/i

/**
 * Phone numbers contain spaces, dashes and slashes ("055/123456", "075-5771"), so only what no
 * number holds separates two of them: | ; and a comma, a dash or slash with spaces around it
 * ("055 123456 - 333 1234567"), or the words "o", "oppure", "e". Other kinds also split on spaces.
 */
const SEPARATORS: Record<ContactKind, RegExp> = {
  phone: /[|;,]|\s[-–—/]\s|\s(?:o|oppure|e)\s/i,
  email: /[|;,\s]+/,
  url: /[|;,\s]+/,
}

export function firstValidContact(
  kind: ContactKind,
  cell: string | null,
  column: string,
): { value: string | null; warning?: RowError; unread?: true } {
  const values = listOf(cell, SEPARATORS[kind]).map((s) => cleaned(kind, s))
  const found = values.find(CHECKS[kind])
  if (found !== undefined) return { value: found }
  if (values.length === 0) return { value: null }
  const expected = DESCRIPTIONS[kind]
  const message = bilingual(
    `nessun valore valido, atteso ${expected.it}: ${JSON.stringify(cell)}; ${KEPT_IF_STORED.it}`,
    `no valid value, expected ${expected.en}: ${JSON.stringify(cell)}; ${KEPT_IF_STORED.en}`,
  )
  return { value: null, warning: { field: column, message }, unread: true }
}
