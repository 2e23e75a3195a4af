import { describe, expect, it } from 'vitest'
import { publisherFrom } from '../../../functions/exports/catalog-publisher.ts'

describe('the catalogue publisher from the deployment', () => {
  it('is all three values or none, with an IPA code and an address that needs no escaping in a mailto: IRI', () => {
    expect(publisherFrom({})).toBeUndefined()
    expect(publisherFrom({ name: 'Regione Toscana', ipaCode: 'r_toscan', email: 'opendata@regione.toscana.it' })).toEqual({ name: 'Regione Toscana', ipaCode: 'r_toscan', email: 'opendata@regione.toscana.it' })
    expect(() => publisherFrom({ name: 'Regione Toscana' })).toThrow('together')
    for (const email of ['a|b@x.it', 'a{b}@x.it', 'dati>x@regione.it', 'a b@x.it', 'nobody@localhost']) {
      expect(() => publisherFrom({ name: 'R', ipaCode: 'r_x', email }), email).toThrow('is not an email address')
    }
  })
})
