import { describe, expect, it } from 'vitest'
import { allocateRegionalQuotas, splitProportionally } from '../../../functions/demo/regional-quotas.ts'
import type { Comune } from '../../../shared/gazetteer/comuni.ts'

const comune = (regionIstat: string, population: number): Comune => ({
  istat: '000000', name: 'X', altName: null, province: 'XX', provinceName: 'X', regionIstat,
  regionName: regionIstat, postcode: '00000', population, lat: 0, lon: 0,
})

describe('splitProportionally', () => {
  it('splits into whole numbers that add up to the total, largest remainders first', () => {
    expect(splitProportionally(10, [1, 1, 1])).toEqual([4, 3, 3])
    expect(splitProportionally(7, [5, 0, 2])).toEqual([5, 0, 2])
  })

  it('rejects weights that sum to zero', () => {
    expect(() => splitProportionally(3, [0, 0])).toThrow('weights: must have a positive sum')
  })
})

describe('allocateRegionalQuotas', () => {
  it('keeps fixed targets and shares the rest by population', () => {
    const quotas = allocateRegionalQuotas([comune('01', 100), comune('02', 300), comune('03', 100)], 100, { '01': 20 })
    expect(Object.fromEntries(quotas)).toEqual({ '01': 20, '02': 60, '03': 20 })
  })

  it('rejects a total smaller than the fixed targets', () => {
    expect(() => allocateRegionalQuotas([comune('01', 1)], 5, { '01': 9 })).toThrow('total: 5 is smaller than the fixed regional targets')
  })
})
