import { describe, expect, it } from 'vitest'
import { compileFilter } from '../../../shared/filters/compile-filter.ts'
import type { PointFilter } from '../../../shared/filters/point-filter.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { generateRegistry } from '../geo/fixtures.ts'

const snapshot = buildSnapshot(generateRegistry({ points: 50, seed: 3, today: '2026-11-20' }), {
  registryVersion: 1,
  builtAt: new Date('2026-11-20T10:00:00Z'),
})
const compile = (f: PointFilter) => () => compileFilter(snapshot, f)

describe('compileFilter', () => {
  it('names the field and the value of a word outside its vocabulary', () => {
    expect(compile({ services: ['nuoto' as never] })).toThrow('services: unknown value "nuoto" (expected one of assistenza_individuale, formazione_online, formazione_gruppo)')
    expect(compile({ topics: ['tasse' as never] })).toThrow(/^topics: unknown value "tasse"/)
    expect(compile({ kinds: ['boat' as never] })).toThrow(/^kinds: unknown value "boat" \(expected one of fixed, mobile, seasonal, online\)/)
    expect(compile({ statuses: ['open' as never] })).toThrow(/^statuses: unknown value "open"/)
  })

  it('names the administrative code it cannot read and says what it expected', () => {
    expect(compile({ region: '9' })).toThrow('region: "9" is not two digits')
    expect(compile({ province: 'fi' })).toThrow('province: "fi" is not two capital letters')
    expect(compile({ comune: '48017' })).toThrow('comune: "48017" is not six digits')
  })

  it('rejects a bbox that is reversed, out of range or not four numbers', () => {
    expect(compile({ bbox: [12, 44, 11, 43] })).toThrow('bbox: [12, 44, 11, 43] is not [minLon, minLat, maxLon, maxLat] in range')
    expect(compile({ bbox: [10, -91, 11, 43] })).toThrow(/^bbox: /)
    expect(compile({ bbox: [10, 42, Number.NaN, 43] })).toThrow(/^bbox: /)
    expect(compile({ bbox: [10, 42, 11] as never })).toThrow(/^bbox: /)
  })

  it('rejects an invalid instant for openAt', () => {
    expect(compile({ openAt: new Date('not a date') })).toThrow('openAt: not a valid instant')
  })

  it('accepts a filter with every field valid', () => {
    expect(
      compile({
        region: '09', province: 'FI', comune: '048017', services: ['formazione_online'], topics: ['spid'], kinds: ['fixed'],
        accessible: true, openAt: new Date('2026-11-23T08:30:00Z'), q: 'biblioteca', bbox: [11, 43, 12, 44], statuses: ['active'],
      }),
    ).not.toThrow()
  })
})
