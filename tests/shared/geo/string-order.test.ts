import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sortedByteOrder, sortedOrder } from '../../../shared/geo/string-order.ts'
import { Utf8Column } from '../../../shared/geo/utf8-column.ts'

const byComparison = (keys: string[]) => keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0))
const sortedKeys = (keys: string[], order: Uint32Array) => Array.from(order, (i) => keys[i])

describe('sortedOrder', () => {
  it('orders id-like keys exactly as string comparison does, duplicates and prefixes included', () => {
    const idLike = fc.stringMatching(/^[a-z0-9-]{0,6}$/)
    fc.assert(
      fc.property(fc.array(fc.oneof(idLike, fc.constantFrom('pv-a', 'pv-a', 'pv', '')), { maxLength: 400 }), (keys) => {
        const order = sortedOrder(keys)
        expect(sortedKeys(keys, order)).toEqual(sortedKeys(keys, Uint32Array.from(byComparison(keys))))
        expect([...order].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i))
      }),
      { numRuns: 200 },
    )
  })

  it('falls back to comparison for characters beyond one byte and still orders them exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 5 }), { minLength: 40, maxLength: 200 }), (keys) => {
        expect(sortedKeys(keys, sortedOrder(keys))).toEqual(sortedKeys(keys, Uint32Array.from(byComparison(keys))))
      }),
      { numRuns: 100 },
    )
  })
})

describe('sortedByteOrder', () => {
  it('orders ASCII keys in a column exactly as string comparison does, duplicates, shared prefixes and prefixes included', () => {
    const idLike = fc.stringMatching(/^(pv-)?[a-z0-9-]{0,6}$/)
    fc.assert(
      fc.property(fc.array(fc.oneof(idLike, fc.constantFrom('pv-a', 'pv-a', 'pv', '')), { maxLength: 400 }), (keys) => {
        const order = sortedByteOrder(Utf8Column.of(keys))
        expect(sortedKeys(keys, order)).toEqual(sortedKeys(keys, Uint32Array.from(byComparison(keys))))
        expect([...order].sort((a, b) => a - b)).toEqual(keys.map((_, i) => i))
      }),
      { numRuns: 200 },
    )
  })

  it('orders any text by code point, which is byte order', () => {
    const byCodePoint = (a: string, b: string) => {
      const [x, y] = [[...a].map((c) => c.codePointAt(0)!), [...b].map((c) => c.codePointAt(0)!)]
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!
      return x.length - y.length
    }
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 5 }), { minLength: 40, maxLength: 200 }), (keys) => {
        expect(sortedKeys(keys, sortedByteOrder(Utf8Column.of(keys)))).toEqual([...keys].sort(byCodePoint))
      }),
      { numRuns: 100 },
    )
  })
})
