import { describe, expect, it } from 'vitest'
import { closureDates } from '../../../web/detail/closure-line.ts'

describe('closureDates', () => {
  it("says the year of a closure that is not this year's, and only then", () => {
    expect(closureDates({ from: '2027-08-09', to: '2027-08-22' }, '2026-12-07', 'it')).toBe('lunedì 9 agosto 2027 – domenica 22 agosto 2027')
    expect(closureDates({ from: '2026-12-24', to: '2027-01-06' }, '2026-12-07', 'it')).toBe('giovedì 24 dicembre 2026 – mercoledì 6 gennaio 2027')
    expect(closureDates({ from: '2026-12-24', to: '2026-12-24' }, '2026-12-07', 'it')).toBe('giovedì 24 dicembre')
    expect(closureDates({ from: '2027-08-09', to: '2027-08-22' }, '2026-12-07', 'en')).toBe('Monday, 9 August 2027 – Sunday, 22 August 2027')
  })
})
