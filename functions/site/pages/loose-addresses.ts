import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { REGIONS } from '../../../shared/gazetteer/admin-units.ts'
import { slugOf } from '../../../shared/text/slug.ts'
import { comunePath, PROVINCE_BY_SIGLA, provincePath, regionPath } from './territory-paths.ts'

/**
 * The page an address means when it is not the page's own spelling: what people type, what a
 * municipal site's editor pastes, what a crawler found in an old link. Only an address that names
 * exactly one page is redirected; anything else stays a 404.
 *
 * - `spelling`: the same name written otherwise: capitals, accents and apostrophes as written
 *   (`/comuni/Forlì-FC`, `/comuni/sant'angelo-lodigiano-lo`), the comune's other official name
 *   (`/comuni/bozen-bz`), a region or province by its name (`/regioni/Piemonte`, `/province/perugia`).
 *   The same page for good: a permanent redirect.
 * - `guess`: a shortened name: the first of a double name (`/comuni/duino-aurisina-ts`) or no
 *   province (`/comuni/biella`). Right today, but a new comune of that name would make it
 *   ambiguous: a temporary redirect, which no one keeps.
 */
export interface LooseAddress {
  readonly path: string
  readonly kind: 'spelling' | 'guess'
}

interface ComuneSlugs {
  /** `{name}-{pr}` and `{altName}-{pr}` → the comuni so named. */
  readonly withProvince: Map<string, Comune[]>
  /** `{name}`, `{altName}` → the comuni so named, in any province. */
  readonly names: Map<string, Comune[]>
  /** `{first form}-{pr}` of a double name ("Duino Aurisina-Devin Nabrežina" → `duino-aurisina-ts`) → the comuni so named. */
  readonly firstOfDouble: Map<string, Comune[]>
}

// Made once per gazetteer: an unknown address must not cost a scan of 7,896 names each time.
const slugsOf = new WeakMap<readonly Comune[], ComuneSlugs>()
function comuneSlugs(comuni: readonly Comune[]): ComuneSlugs {
  let slugs = slugsOf.get(comuni)
  if (slugs) return slugs
  slugs = { withProvince: new Map(), names: new Map(), firstOfDouble: new Map() }
  const add = (map: Map<string, Comune[]>, key: string, comune: Comune) => map.set(key, [...(map.get(key) ?? []), comune])
  for (const comune of comuni) {
    const province = comune.province.toLowerCase()
    for (const name of comune.altName ? [comune.name, comune.altName] : [comune.name]) {
      add(slugs.withProvince, `${slugOf(name)}-${province}`, comune)
      add(slugs.names, slugOf(name), comune)
    }
    const [first, second] = comune.name.split(/\s*[-/]\s*/)
    if (first && second) add(slugs.firstOfDouble, `${slugOf(first)}-${province}`, comune)
  }
  slugsOf.set(comuni, slugs)
  return slugs
}

const only = <T>(list: readonly T[] | undefined): T | undefined => (list?.length === 1 ? list[0] : undefined)

export function comuneLooselyAt(comuni: readonly Comune[], asked: string): LooseAddress | undefined {
  const slug = slugOf(asked)
  const slugs = comuneSlugs(comuni)
  const spelt = only(slugs.withProvince.get(slug))
  if (spelt) return { path: comunePath(spelt), kind: 'spelling' }
  const guessed = only(slugs.firstOfDouble.get(slug)) ?? only(slugs.names.get(slug))
  return guessed && { path: comunePath(guessed), kind: 'guess' }
}

/**
 * Names a region's official form ends with that belong to one of its provinces: South Tyrol (Alto
 * Adige, Südtirol) is the province of Bolzano, and Trentino-Alto Adige/Südtirol is "Trentino-Südtirol"
 * in German. A guess, as a shortened name is: the reader may have meant the region.
 */
const PROVINCE_NAMED_IN_REGION: Readonly<Record<string, string>> = { sudtirol: 'BZ', 'alto-adige': 'BZ', trentino: 'TN' }
/** The regions' names in their other official language, beyond ISTAT's double form. */
const REGION_OTHER_NAMES: Readonly<Record<string, readonly string[]>> = { '04': ['Trentino-Südtirol'] }

export function regionLooselyAt(asked: string): LooseAddress | undefined {
  const slug = slugOf(asked)
  const province = PROVINCE_NAMED_IN_REGION[slug]
  if (province) return { path: provincePath(province), kind: 'guess' }
  const code = Object.keys(REGIONS).find((istat) => {
    const name = REGIONS[istat]!
    return [name, ...name.split('/'), ...(REGION_OTHER_NAMES[istat] ?? [])].some((form) => slugOf(form) === slug)
  })
  return code ? { path: regionPath(code), kind: 'spelling' } : undefined
}

export function provinceLooselyAt(asked: string): LooseAddress | undefined {
  const slug = slugOf(asked)
  const sigla = [...PROVINCE_BY_SIGLA].find(([code, { name }]) => code.toLowerCase() === slug || slugOf(name) === slug)?.[0]
  return sigla ? { path: provincePath(sigla), kind: 'spelling' } : undefined
}
