import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { toRomeIso } from '../../../shared/util/rome-iso.ts'

/** The former implementation, kept as the oracle: one Intl formatter of its own per call. */
function intlRomeIso(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(at)
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value])) as Record<string, string>
  const wallClockAsUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second))
  const offsetMinutes = Math.round((wallClockAsUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000)
  const abs = Math.abs(offsetMinutes)
  const offset = `${offsetMinutes >= 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`
}

describe('toRomeIso', () => {
  it('writes the wall clock and offset on both sides of the spring-forward change', () => {
    expect(toRomeIso(new Date('2026-03-29T00:59:59Z'))).toBe('2026-03-29T01:59:59+01:00')
    expect(toRomeIso(new Date('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00')
  })

  it('writes both occurrences of 02:30 in the autumn overlap with their own offsets', () => {
    expect(toRomeIso(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30:00+02:00')
    expect(toRomeIso(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00')
    expect(toRomeIso(new Date('2026-10-25T00:59:59.999Z'))).toBe('2026-10-25T02:59:59+02:00')
  })

  it('reads the Rome date, not the process date, around midnight', () => {
    // 23:30 UTC on New Year's Eve is already 1 January in Rome, and still 31 December in New York.
    expect(toRomeIso(new Date('2026-12-31T23:30:15Z'))).toBe('2027-01-01T00:30:15+01:00')
  })

  it('gives exactly what the Intl formatter gives, across the DST changes of 2024–2028 and at random', () => {
    const changes = ['2024-03-31T01:00:00Z', '2024-10-27T01:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2028-03-26T01:00:00Z']
    for (const change of changes) {
      for (let deltaS = -7_200; deltaS <= 7_200; deltaS += 59) {
        const at = new Date(Date.parse(change) + deltaS * 1000 + 321)
        expect(toRomeIso(at), at.toISOString()).toBe(intlRomeIso(at))
      }
    }
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        expect(toRomeIso(new Date(ms))).toBe(intlRomeIso(new Date(ms)))
      }),
      { numRuns: 300 },
    )
  })

  it('rejects an invalid Date, as the formatter did', () => {
    expect(() => toRomeIso(new Date(Number.NaN))).toThrow(RangeError)
  })
})
