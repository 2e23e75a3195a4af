import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { roundPosition } from '../../../web/state/round-position.ts'

describe('roundPosition', () => {
  it('keeps 3 decimals, so a position moves by at most about 56 m on each axis', () => {
    expect(roundPosition({ lat: 45.464211, lon: 9.190347 })).toEqual({ lat: 45.464, lon: 9.19 })
    fc.assert(
      fc.property(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), (lat, lon) => {
        const rounded = roundPosition({ lat, lon })
        expect(Math.abs(rounded.lat - lat)).toBeLessThanOrEqual(0.0005 + 1e-9)
        expect(Math.abs(rounded.lon - lon)).toBeLessThanOrEqual(0.0005 + 1e-9)
        expect(String(rounded.lat)).toMatch(/^-?\d+(\.\d{1,3})?$/)
      }),
    )
  })

  it('never writes a negative zero', () => {
    expect(Object.is(roundPosition({ lat: -0.0001, lon: 0 }).lat, 0)).toBe(true)
  })
})
