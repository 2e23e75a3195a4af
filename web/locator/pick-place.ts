import { normalizeName } from '../../shared/gazetteer/normalize-name.ts'
import { PROVINCE_SIGLE } from '../../shared/gazetteer/admin-units.ts'
import { BOTH_NAMES } from '../../shared/gazetteer/comune-names.ts'
import type { Place } from '../api/api-client.ts'

/**
 * What a typed name plus "Cerca" leads to: one comune, a choice (among namesakes, or among the
 * comuni a partial name starts: `partial`), or nothing.
 */
export type PlacePick = { readonly kind: 'one'; readonly place: Place } | { readonly kind: 'choose'; readonly places: Place[]; readonly partial?: true } | { readonly kind: 'none' }


/** "Castro (LE)" or "Bolzano / Bozen (BZ)", as the box shows a chosen comune: the name and the province sigla. */
export function parseTypedPlace(typed: string): { readonly name: string; readonly province: string | null } {
  const province = /\(([A-Za-z]{2})\)\s*$/.exec(typed)?.[1]?.toUpperCase() ?? null
  const name = typed.replace(/\s*\(.*$/, '').split(BOTH_NAMES)[0]!.trim()
  return { name, province }
}

/**
 * "Todi PG", "montefalco, pg", "Todi - PG", as people write an address: the same with its sigla in
 * brackets ("Todi (PG)"), or null when the text does not end so. Only a sigla in capitals or after a
 * comma or a dash ("Castagneto Po" is a comune, and PO is Prato); and the search tries the text as
 * typed first, for the comuni whose name ends in one ("SAN BENEDETTO PO").
 */
export function withSiglaInBrackets(typed: string): string | null {
  const trailing = /^(.*?)(\s*,\s*|\s+-\s+|\s+)([A-Za-z]{2})\s*$/.exec(typed.trim())
  if (!trailing) return null
  const [, before, separator, sigla] = trailing as unknown as [string, string, string, string]
  const known = PROVINCE_SIGLE.has(sigla.toUpperCase()) && (sigla === sigla.toUpperCase() || separator.trim() !== '')
  return known && before.trim() !== '' ? `${before.trim()} (${sigla.toUpperCase()})` : null
}

/**
 * Decides for a submitted search, given the API's matches in its order (best first). A name
 * that several comuni share is never settled silently: the citizen chooses, unless the province
 * was typed too. A partial name takes the one comune it starts; when it starts several ("Reggio":
 * Reggio di Calabria, Reggio nell'Emilia) the citizen chooses among them too.
 */
export function pickPlace(typed: string, matches: readonly Place[]): PlacePick {
  const { name, province } = parseTypedPlace(typed)
  const wanted = normalizeName(name)
  const namesakes = matches.filter((p) => (normalizeName(p.name) === wanted || (p.alt_name !== null && normalizeName(p.alt_name) === wanted)) && (province === null || p.province === province))
  if (namesakes.length === 1) return { kind: 'one', place: namesakes[0]! }
  if (namesakes.length > 1) return { kind: 'choose', places: namesakes }
  if (matches.length === 1) return { kind: 'one', place: matches[0]! }
  return matches.length > 1 ? { kind: 'choose', places: [...matches], partial: true } : { kind: 'none' }
}

/**
 * Where a typed address may name its comune, best guess first, when nothing matched it whole:
 * its CAP ("…, 50122 Firenze"), the words after its house number ("Via Roma 10 Firenze"), or,
 * with no number, its last words ("Piazza del Duomo Firenze"). The search is by comune; this turns
 * an address into one instead of answering "no comune found".
 */
export function comuneInAddress(typed: string): string[] {
  const words = typed.replace(/[,;]/g, ' ').split(/\s+/).filter((w) => w.length > 0)
  if (words.length < 2) return []
  const candidates: string[] = []
  const cap = words.find((w) => /^\d{5}$/.test(w))
  if (cap) candidates.push(cap)
  // (A loop, not findLastIndex: the phones of the people this page is for are not always new.)
  let lastNumber = -1
  for (let i = 0; i < words.length; i++) if (/\d/.test(words[i]!)) lastNumber = i
  if (lastNumber >= 0 && lastNumber < words.length - 1) candidates.push(words.slice(lastNumber + 1).join(' '))
  if (lastNumber < 0) for (const count of [2, 1]) candidates.push(words.slice(-count).join(' '))
  return [...new Set(candidates)].filter((c) => c.length >= 2)
}
