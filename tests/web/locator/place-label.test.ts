import { describe, expect, it } from 'vitest'
import { placeLabel } from '../../../web/locator/place-label.ts'

describe('placeLabel', () => {
  it('names a comune with its province, so namesakes differ', () => {
    expect(placeLabel({ name: 'Castro', province: 'LE' })).toBe('Castro (LE)')
  })
})
