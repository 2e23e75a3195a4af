import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { REGIONS } from '../../../shared/gazetteer/admin-units.ts'
import { slugOf } from '../../../shared/text/slug.ts'
import { comunePath, PROVINCE_BY_SIGLA, provincePath, regionPath } from './territory-paths.ts'

/**
 * The page an address means when it is not the page's own spelling: what people type, what a
 * municipal site's editor pastes, what a crawler found in an old link. Capitals, accents and
 * apostrophes as written (`/comuni/Forlì-FC`, `/comuni/sant'angelo-lodigiano-lo`), the German or
 * Slovene name (`/comuni/bozen-bz`), the first of a double name (`/comuni/duino-aurisina-ts`), no
 * province (`/comuni/biella`), a region or province by its name (`/regioni/Piemonte`,
 * `/province/perugia`). Only an address that names exactly one page is redirected; anything else
 * stays a 404.
 */
export function comuneLooselyAt(comuni: readonly Comune[], asked: string): string | undefined {
  const slug = slugOf(asked)
  const names = (c: Comune): string[] => (c.altName ? [slugOf(c.name), slugOf(c.altName)] : [slugOf(c.name)])
  const one = (matches: (c: Comune) => boolean): Comune | undefined => {
    let found: Comune | undefined
    for (const comune of comuni) {
      if (!matches(comune)) continue
      if (found) return undefined
      found = comune
    }
    return found
  }
  const province = /^(.+)-([a-z]{2})$/.exec(slug)
  const inProvince = province
    ? (one((c) => c.province.toLowerCase() === province[2] && names(c).includes(province[1]!)) ??
      one((c) => c.province.toLowerCase() === province[2] && names(c).some((name) => name.startsWith(`${province[1]}-`))))
    : undefined
  const found = inProvince ?? one((c) => names(c).includes(slug))
  return found && comunePath(found)
}

export function regionLooselyAt(asked: string): string | undefined {
  const slug = slugOf(asked)
  const code = Object.keys(REGIONS).find((istat) => {
    const name = REGIONS[istat]!
    return [name, ...name.split('/')].some((form) => slugOf(form) === slug)
  })
  return code && regionPath(code)
}

export function provinceLooselyAt(asked: string): string | undefined {
  const slug = slugOf(asked)
  const sigla = [...PROVINCE_BY_SIGLA].find(([code, { name }]) => code.toLowerCase() === slug || slugOf(name) === slug)?.[0]
  return sigla && provincePath(sigla)
}
