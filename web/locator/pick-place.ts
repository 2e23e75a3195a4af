import { normalizeName } from '../../shared/gazetteer/normalize-name.ts'
import type { Place } from '../api/api-client.ts'

/** What a typed name plus "Cerca" leads to: one comune, a choice among namesakes, or nothing. */
export type PlacePick = { readonly kind: 'one'; readonly place: Place } | { readonly kind: 'choose'; readonly places: Place[] } | { readonly kind: 'none' }


/** "Castro (LE)" or "Bolzano / Bozen (BZ)", as the box shows a chosen comune: the name and the province sigla. */
export function parseTypedPlace(typed: string): { readonly name: string; readonly province: string | null } {
  const province = /\(([A-Za-z]{2})\)\s*$/.exec(typed)?.[1]?.toUpperCase() ?? null
  const name = typed.replace(/\s*\(.*$/, '').split(' / ')[0]!.trim()
  return { name, province }
}

/**
 * Decides for a submitted search, given the API's matches in its order (best first). A name
 * that several comuni share is never settled silently: the citizen chooses, unless the province
 * was typed too. A partial name ("firen") takes the best match, as before.
 */
export function pickPlace(typed: string, matches: readonly Place[]): PlacePick {
  const { name, province } = parseTypedPlace(typed)
  const wanted = normalizeName(name)
  const namesakes = matches.filter((p) => (normalizeName(p.name) === wanted || (p.alt_name !== null && normalizeName(p.alt_name) === wanted)) && (province === null || p.province === province))
  if (namesakes.length === 1) return { kind: 'one', place: namesakes[0]! }
  if (namesakes.length > 1) return { kind: 'choose', places: namesakes }
  const best = matches[0]
  return best ? { kind: 'one', place: best } : { kind: 'none' }
}
