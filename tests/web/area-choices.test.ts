import { describe, expect, it } from 'vitest'
import { PROVINCES, REGIONS } from '../../shared/gazetteer/admin-units.ts'
import { provinceChoices, regionChoices } from '../../web/dom/area-choices.ts'

describe('regionChoices', () => {
  it('lists the regions from 01 Piemonte to 20 Sardegna, in code order', () => {
    const codes = regionChoices(REGIONS).map(([code]) => code)
    expect(codes).toEqual([...codes].sort())
    expect(codes[0]).toBe('01')
    expect(codes.at(-1)).toBe('20')
    expect(codes).toHaveLength(Object.keys(REGIONS).length)
  })
})

describe('provinceChoices', () => {
  it("lists a region's provinces by name, and every province for none", () => {
    expect(provinceChoices('10')).toEqual([['PG', 'Perugia'], ['TR', 'Terni']])
    expect(provinceChoices('04')).toEqual([['BZ', 'Bolzano/Bozen'], ['TN', 'Trento']])
    const all = provinceChoices(null)
    expect(all).toHaveLength(Object.keys(PROVINCES).length)
    expect(all.map(([, name]) => name)).toEqual(all.map(([, name]) => name).sort((a, b) => a.localeCompare(b, 'it')))
  })
})
