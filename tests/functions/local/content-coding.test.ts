import { describe, expect, it } from 'vitest'
import { chosenCoding, weakTag } from '../../../functions/local/content-coding.ts'

describe('chosenCoding (RFC 9110 §12.5.3)', () => {
  it('takes the highest q-value, the server order breaking ties, and never a coding refused with q=0', () => {
    expect(chosenCoding('gzip, deflate, br', ['br', 'gzip'])).toBe('br')
    expect(chosenCoding('br;q=0, gzip', ['br', 'gzip'])).toBe('gzip')
    expect(chosenCoding('br;q=0.5, gzip;q=0.8', ['br', 'gzip'])).toBe('gzip')
    expect(chosenCoding('BR; Q=0 ,GZIP', ['br', 'gzip'])).toBe('gzip')
    expect(chosenCoding('*;q=0', ['br', 'gzip'])).toBeNull()
    expect(chosenCoding('*', ['br', 'gzip'])).toBe('br')
    expect(chosenCoding('identity', ['br', 'gzip'])).toBeNull()
    expect(chosenCoding(undefined, ['gzip'])).toBeNull()
    // A word that only contains a coding's name is not that coding.
    expect(chosenCoding('x-gzip-not', ['gzip'])).toBeNull()
  })

  it('makes one tag weak, for a body sent in several codings', () => {
    expect([weakTag('"abc"'), weakTag('W/"abc"')]).toEqual(['W/"abc"', 'W/"abc"'])
  })
})
