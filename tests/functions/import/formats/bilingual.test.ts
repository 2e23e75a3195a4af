import { describe, expect, it } from 'vitest'
import { bilingual } from '../../../../functions/import/formats/bilingual.ts'

describe('bilingual', () => {
  it('puts the Italian text first and the English text second, in one string', () => {
    expect(bilingual("fuori dall'Italia (45.8, 18.93)", 'outside Italy (45.8, 18.93)')).toBe("fuori dall'Italia (45.8, 18.93) / outside Italy (45.8, 18.93)")
  })
})
