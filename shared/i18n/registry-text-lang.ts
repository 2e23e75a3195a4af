import { inBilingualProvince } from '../gazetteer/comune-names.ts'
import type { Lang } from './langs.ts'

/**
 * The language to mark on a registry text (a description, a closure's reason) shown on a page in
 * `lang`: the registry is written in Italian, so on a page in another language such a text is
 * marked `it` for a screen reader to read it as Italian (WCAG 3.1.2). Null when no mark is needed:
 * an Italian page, or a comune with a second official language (Bolzano, Aosta, the Slovene areas),
 * whose texts may be in either, and a wrong voice is worse than none.
 */
export const registryTextLang = (comuneIstat: string | null, lang: Lang): 'it' | null =>
  lang === 'it' || inBilingualProvince(comuneIstat ?? '') ? null : 'it'
