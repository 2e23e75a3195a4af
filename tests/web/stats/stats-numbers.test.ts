import { describe, expect, it } from 'vitest'
import { statsNumbers } from '../../../web/stats/render-stats.ts'

describe("the statistics page's numbers", () => {
  const n = statsNumbers('it')
  it('never says 100 % while someone is left out, nor 0 % while someone is in, and rounds once, from the counts', () => {
    // Piemonte within 20 km in the analyst's trial: 1,982 residents left out.
    expect(n.share(4_238_742, 4_240_724)).toBe('99,9%')
    expect(n.share(4_240_724, 4_240_724)).toBe('100%')
    // Basilicata within 10 km: 68.146 %, which the API's four-place share (0.6815) made 68,2 %.
    expect(n.share(365_788, 536_773)).toBe('68,1%')
    expect(n.share(45, 42)).toBe('107,1%')
    expect(n.share(0, 0)).toBe('—')
    expect(n.share(0, 4_240_724)).toBe('0%')
    expect(n.share(1_982, 4_240_724)).toBe('< 0,1%')
  })

  it('groups thousands from four digits, as the larger figures beside them are', () => {
    expect(n.integer(9442)).toBe('9.442')
    expect(n.integer(33_000)).toBe('33.000')
    expect(n.decimal(1238.5)).toBe('1.238,5')
    expect(statsNumbers('de').integer(9442)).toBe('9.442')
  })
})
