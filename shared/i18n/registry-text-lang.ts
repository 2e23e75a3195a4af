import { SECOND_LANGUAGE_BY_PROVINCE } from '../gazetteer/comune-names.ts'
import { provinceOfComune } from '../gazetteer/admin-units.ts'
import type { ComuneRef } from '../schemas/point.ts'
import type { Lang } from './langs.ts'

/**
 * The language to mark on a registry text (a description, a closure's reason, hours as published)
 * shown on a page in `lang`: the registry is written in Italian, so on a page in another language
 * such a text is marked `it` for a screen reader to read it as Italian (WCAG 3.1.2). Null when no
 * mark is needed: an Italian page, or a page in the second official language of a bilingual
 * comune (one with `alt_name`: German in Bozen, French in Aoste, Slovene in Dolina), whose texts
 * may be in either. Anywhere else Italian is the likelier: unmarked, the page's own voice read it
 * (an English page about Bolzano, a Slovene one about Udine, which has no second official name).
 */
export function registryTextLang(comune: Pick<ComuneRef, 'istat' | 'alt_name'>, lang: Lang): 'it' | null {
  if (lang === 'it') return null
  const province = comune.istat && comune.alt_name ? provinceOfComune(comune.istat) : undefined
  return province !== undefined && SECOND_LANGUAGE_BY_PROVINCE[province] === lang ? null : 'it'
}
