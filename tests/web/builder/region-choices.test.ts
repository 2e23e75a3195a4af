import { describe, expect, it } from 'vitest'
import { REGIONS } from '../../../shared/gazetteer/admin-units.ts'
import { regionChoices } from '../../../web/builder/region-choices.ts'

describe('regionChoices', () => {
  it('lists the regions from 01 Piemonte to 20 Sardegna, in code order', () => {
    const codes = regionChoices(REGIONS).map(([code]) => code)
    expect(codes).toEqual([...codes].sort())
    expect(codes[0]).toBe('01')
    expect(codes.at(-1)).toBe('20')
    expect(codes).toHaveLength(Object.keys(REGIONS).length)
  })
})
