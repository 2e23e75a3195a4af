import { describe, expect, it } from 'vitest'
import { firstValidContact } from '../../../../functions/import/formats/contact-values.ts'

describe('firstValidContact', () => {
  it('takes the first valid e-mail among | or ; separated values', () => {
    expect(firstValidContact('email', 'nope|a@example.org;b@example.org', 'email')).toEqual({ value: 'a@example.org' })
  })

  it('keeps phone numbers with spaces whole', () => {
    expect(firstValidContact('phone', '080 123 4567|+39 080 000', 'telefono')).toEqual({ value: '080 123 4567' })
  })

  it('reads phone numbers as Italian offices write them: a label before the number, a slash after the prefix, two numbers joined by a dash, a comma or "o"', () => {
    const phone = (cell: string) => firstValidContact('phone', cell, 'telefono')
    expect(phone('tel. 055/123456')).toEqual({ value: '055/123456' })
    expect(phone('Tel: 0577 123456')).toEqual({ value: '0577 123456' })
    expect(phone('cell. +39 333 1234567')).toEqual({ value: '+39 333 1234567' })
    expect(phone('Telefono 075-5771')).toEqual({ value: '075-5771' })
    expect(phone('055 123456 - 333 1234567')).toEqual({ value: '055 123456' })
    expect(phone('055 123456 – 333 1234567')).toEqual({ value: '055 123456' })
    expect(phone('055 123456, 333 1234567')).toEqual({ value: '055 123456' })
    expect(phone('055 123456 o 333 1234567')).toEqual({ value: '055 123456' })
    expect(phone('055 123456 / 333 1234567')).toEqual({ value: '055 123456' })
    // Words that are no number stay refused: the cell is emptied with a warning.
    expect(phone('chiamare il comune').value).toBeNull()
    expect(phone('tel.').value).toBeNull()
  })

  it('accepts only http(s) websites and adds the scheme to a bare www address', () => {
    expect(firstValidContact('url', 'javascript:alert(1)|www.example.org', 'sito_web')).toEqual({ value: 'https://www.example.org' })
    expect(firstValidContact('url', 'ftp://example.org', 'sito_web')).toEqual({
      value: null,
      warning: {
        field: 'sito_web',
        message: 'nessun valore valido, atteso un indirizzo web http(s): "ftp://example.org"; ignorato: resta il valore già registrato, se c\'è / no valid value, expected an http(s) URL: "ftp://example.org"; ignored: the value already stored is kept, if any',
      },
      unread: true,
    })
  })

  it('returns null without a warning for an empty cell', () => {
    expect(firstValidContact('email', null, 'email')).toEqual({ value: null })
  })
})
