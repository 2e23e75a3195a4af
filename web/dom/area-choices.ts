import { PROVINCES } from '../../shared/gazetteer/admin-units.ts'

/**
 * The regions in ISTAT code order, for a menu. `Object.entries` cannot be trusted with them:
 * JavaScript lists integer-like keys ("10".."20") first, so "01".."09" would end up last.
 */
export const regionChoices = (regions: Readonly<Record<string, string>>): [code: string, name: string][] =>
  Object.entries(regions).sort(([a], [b]) => a.localeCompare(b))

/** A region's provinces (every province, for none) by name, for a menu: nobody should have to know a sigla. */
export const provinceChoices = (region: string | null): [sigla: string, name: string][] =>
  Object.values(PROVINCES)
    .filter(([, regionCode]) => !region || regionCode === region)
    .map(([sigla, , name]): [string, string] => [sigla, name])
    .sort(([, a], [, b]) => a.localeCompare(b, 'it'))
