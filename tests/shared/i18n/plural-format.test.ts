import { describe, expect, it } from 'vitest'
import { formatMessage } from '../../../shared/i18n/plural-format.ts'

describe('formatMessage', () => {
  it('fills placeholders and leaves an unknown one visible', () => {
    expect(formatMessage('Punti vicino a {place}', 'it', { place: 'Bari' })).toBe('Punti vicino a Bari')
    expect(formatMessage('Punti vicino a {place}', 'it', {})).toBe('Punti vicino a {place}')
    expect(formatMessage('Punti vicino a {place}', 'it')).toBe('Punti vicino a {place}')
  })

  it("writes a fraction with the language's decimal mark, and a whole number as it is (a year, a code)", () => {
    expect(formatMessage('{hours} ore a settimana', 'it', { hours: 20.5 })).toBe('20,5 ore a settimana')
    expect(formatMessage('{hours} hours a week', 'en', { hours: 20.5 })).toBe('20.5 hours a week')
    expect(formatMessage('{hours} Stunden', 'de', { hours: 17.25 })).toBe('17,25 Stunden')
    expect(formatMessage('dal {year}', 'it', { year: 2026 })).toBe('dal 2026')
  })

  it('chooses the plural branch by the language’s rules, an exact =N first, other when the category has none', () => {
    const message = '{n, plural, =0 {nessuno} one {# punto a {place}} other {# punti a {place}}}'
    expect(formatMessage(message, 'it', { n: 0, place: 'Bari' })).toBe('nessuno')
    expect(formatMessage(message, 'it', { n: 1, place: 'Bari' })).toBe('1 punto a Bari')
    expect(formatMessage(message, 'it', { n: 12000, place: 'Bari' })).toBe('12.000 punti a Bari')
    expect(formatMessage('{n, plural, one {# točka} other {# točk}}', 'sl', { n: 2 })).toBe('2 točk')
    // A value holding # is not taken for the number.
    expect(formatMessage('{n, plural, one {# a {place}} other {# a {place}}}', 'it', { n: 3, place: 'Via #5' })).toBe('3 a Via #5')
  })

  it('refuses a plural without "other" and unbalanced braces, instead of showing half a message', () => {
    expect(() => formatMessage('{n, plural, one {#}}', 'it', { n: 3 })).toThrow('has no "other" branch')
    expect(() => formatMessage('{n, plural, one {#} other {#}', 'it', { n: 3 })).toThrow('unbalanced braces')
  })
})
