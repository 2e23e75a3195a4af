import { SECOND_LANGUAGE_BY_PROVINCE } from '../gazetteer/comune-names.ts'
import { provinceOfComune } from '../gazetteer/admin-units.ts'
import type { Lang } from './langs.ts'

/**
 * The language to mark on a registry text (a description, a closure's reason, hours as published)
 * shown on a page in `lang`: the registry is written in Italian, so on a page in another language
 * such a text is marked `it` for a screen reader to read it as Italian (WCAG 3.1.2). Null when no
 * mark is needed: an Italian page, or a page in the comune's own second language (German in South
 * Tyrol, French in the Aosta Valley, Slovene around Trieste, Gorizia and Udine), whose texts may be
 * in either. Elsewhere in those provinces (an English page about Bolzano) Italian is the likelier
 * of the two: unmarked, the page's own voice read it, which is wrong either way.
 */
export function registryTextLang(comuneIstat: string | null, lang: Lang): 'it' | null {
  if (lang === 'it') return null
  const province = comuneIstat ? provinceOfComune(comuneIstat) : undefined
  return province !== undefined && SECOND_LANGUAGE_BY_PROVINCE[province] === lang ? null : 'it'
}
