import type { Lang } from '../i18n/langs.ts'
import { PROVINCES, provinceOfComune } from './admin-units.ts'
import type { ComuneRef } from '../schemas/point.ts'
import type { Comune } from './comuni.ts'

/**
 * The second official language of a province's comuni names (`Comune.altName`): German in South
 * Tyrol, French in the Aosta Valley, Slovene around Trieste, Gorizia and Udine.
 */
export const SECOND_LANGUAGE_BY_PROVINCE: Readonly<Record<string, Exclude<Lang, 'it' | 'en'>>> = { BZ: 'de', AO: 'fr', TS: 'sl', GO: 'sl', UD: 'sl' }

const BILINGUAL_PROVINCE_CODES = new Set(Object.entries(PROVINCES).filter(([, [sigla]]) => sigla in SECOND_LANGUAGE_BY_PROVINCE).map(([code]) => code))

/** Whether a comune's ISTAT code (its first three digits are its province's) is in a province with a second official language. */
export const inBilingualProvince = (istat: string): boolean => BILINGUAL_PROVINCE_CODES.has(istat.slice(0, 3))

/** Between a name's two official forms written together: "Bolzano/Bozen", "Bolzano - Bozen" (no comune's own name holds either). */
export const BOTH_NAMES = /\s*\/\s*|\s+-\s+/

/**
 * A bilingual comune's official name as signs and OpenStreetMap write it: "Bolzano - Bozen". A
 * name that already holds both ("San Dorligo della Valle-Dolina", as ISTAT writes it) stays as it is.
 */
export function officialPlaceName(name: string, altName: string | null): string {
  return altName && !name.split(/\s*[-/]\s*/).includes(altName) ? `${name} - ${altName}` : name
}

/**
 * A comune's name as a page in `lang` says it: in the comune's second language, that language's
 * name ("Bozen" on a German page); elsewhere the official bilingual name ("Bolzano - Bozen").
 */
export function comuneNameIn(comune: Pick<Comune, 'name' | 'altName' | 'province'>, lang: Lang): string {
  if (comune.altName && SECOND_LANGUAGE_BY_PROVINCE[comune.province] === lang) return comune.altName
  return officialPlaceName(comune.name, comune.altName)
}

/** A record's reference to a comune of the gazetteer: its code, its name, and its name in the second official language where it has one. */
export const comuneRefOf = (comune: Pick<Comune, 'istat' | 'name' | 'altName'>): ComuneRef => ({ istat: comune.istat, name: comune.name, ...(comune.altName ? { alt_name: comune.altName } : {}) })

/**
 * A comune as a record or /v1/places names it (`alt_name` beside `name`), said as a page in
 * `lang` says it (see comuneNameIn): its province, and so its second language, from its code.
 */
export function refNameIn(ref: { readonly istat: string | null; readonly name: string; readonly alt_name?: string | null }, lang: Lang): string {
  const province = ref.istat ? provinceOfComune(ref.istat) : undefined
  if (!ref.alt_name || !province) return ref.name
  return comuneNameIn({ name: ref.name, altName: ref.alt_name, province }, lang)
}
