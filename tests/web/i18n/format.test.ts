import { describe, expect, it } from 'vitest'
import { dateAfterVerb } from '../../../web/i18n/format.ts'

describe('dateAfterVerb', () => {
  it("gives an Italian date the article it takes after a verb: l'8, l'11, il 1°, il 15", () => {
    expect(dateAfterVerb('2026-12-08', 'it')).toBe("l'8 dicembre")
    expect(dateAfterVerb('2026-12-11', 'it')).toBe("l'11 dicembre")
    expect(dateAfterVerb('2026-12-01', 'it')).toBe('il 1° dicembre')
    expect(dateAfterVerb('2026-12-15', 'it')).toBe('il 15 dicembre')
    expect(dateAfterVerb('2026-03-18', 'it', { day: 'numeric', month: 'long', year: 'numeric' })).toBe('il 18 marzo 2026')
  })

  it('leaves an English date without an article', () => {
    expect(dateAfterVerb('2026-12-08', 'en')).toBe('8 December')
  })
})
