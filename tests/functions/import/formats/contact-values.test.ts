import { describe, expect, it } from 'vitest'
import { firstValidContact } from '../../../../functions/import/formats/contact-values.ts'

describe('firstValidContact', () => {
  it('takes the first valid e-mail among | or ; separated values', () => {
    expect(firstValidContact('email', 'nope|a@example.org;b@example.org', 'email')).toEqual({ value: 'a@example.org' })
  })

  it('keeps phone numbers with spaces whole', () => {
    expect(firstValidContact('phone', '080 123 4567|+39 080 000', 'telefono')).toEqual({ value: '080 123 4567' })
  })

  it('accepts only http(s) websites and adds the scheme to a bare www address', () => {
    expect(firstValidContact('url', 'javascript:alert(1)|www.example.org', 'sito_web')).toEqual({ value: 'https://www.example.org' })
    expect(firstValidContact('url', 'ftp://example.org', 'sito_web')).toEqual({
      value: null,
      warning: {
        field: 'sito_web',
        message: 'nessun valore valido, atteso un indirizzo web http(s): "ftp://example.org"; lasciato vuoto / no valid value, expected an http(s) URL: "ftp://example.org"; left empty',
      },
    })
  })

  it('returns null without a warning for an empty cell', () => {
    expect(firstValidContact('email', null, 'email')).toEqual({ value: null })
  })
})
