import { describe, expect, it } from 'vitest'
import { dateAfterVerb } from '../../../web/i18n/format.ts'
import { seasonRange } from '../../../shared/i18n/season-range.ts'

describe('dateAfterVerb', () => {
  it("gives an Italian date the article it takes after a verb: l'8, l'11, il 1°, il 15", () => {
    expect(dateAfterVerb('2026-12-08', 'it')).toBe("l'8 dicembre")
    expect(dateAfterVerb('2026-12-11', 'it')).toBe("l'11 dicembre")
    expect(dateAfterVerb('2026-12-01', 'it')).toBe('il 1° dicembre')
    expect(dateAfterVerb('2026-12-15', 'it')).toBe('il 15 dicembre')
    expect(dateAfterVerb('2026-03-18', 'it', { day: 'numeric', month: 'long', year: 'numeric' })).toBe('il 18 marzo 2026')
  })

  it('writes the first of the month as French does, 1er, and as before every other day', async () => {
    const { formatDate } = await import('../../../shared/i18n/format-date.ts')
    expect(formatDate('2026-12-01', 'fr', { day: 'numeric', month: 'long' })).toBe('1er décembre')
    expect(formatDate('2026-12-01', 'fr')).toBe('mardi 1er décembre')
    expect(formatDate('2026-12-11', 'fr', { day: 'numeric', month: 'long' })).toBe('11 décembre')
  })

  it('leaves an English date without an article', () => {
    expect(dateAfterVerb('2026-12-08', 'en')).toBe('8 December')
    expect(dateAfterVerb('2026-12-08', 'en', undefined, 'di')).toBe('8 December')
  })

  it("joins the article to a preposition: all'8, dell'11, al 1°, del 15 (the statistics said \"aggiornati al 8 dicembre\")", () => {
    expect(dateAfterVerb('2026-12-08', 'it', undefined, 'a')).toBe("all'8 dicembre")
    expect(dateAfterVerb('2026-12-11', 'it', undefined, 'di')).toBe("dell'11 dicembre")
    expect(dateAfterVerb('2026-12-01', 'it', undefined, 'a')).toBe('al 1° dicembre')
    expect(dateAfterVerb('2026-12-15', 'it', undefined, 'di')).toBe('del 15 dicembre')
    expect(dateAfterVerb('2026-12-08', 'it', undefined, 'da')).toBe("dall'8 dicembre")
  })
})

describe('seasonRange', () => {
  it('articles Italian prepositions before 8, 11 and the 1st, and leaves English plain', () => {
    expect(seasonRange('--06-15', '--09-15', 'it')).toEqual({ from: 'dal 15 giugno', to: 'al 15 settembre' })
    expect(seasonRange('--06-08', '--09-11', 'it')).toEqual({ from: "dall'8 giugno", to: "all'11 settembre" })
    expect(seasonRange('--07-01', '--08-31', 'it')).toEqual({ from: 'dal 1° luglio', to: 'al 31 agosto' })
    expect(seasonRange('--06-15', '--09-15', 'en')).toEqual({ from: '15 June', to: '15 September' })
  })
})
