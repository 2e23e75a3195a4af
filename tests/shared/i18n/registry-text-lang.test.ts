import { describe, expect, it } from 'vitest'
import { registryTextLang } from '../../../shared/i18n/registry-text-lang.ts'

describe("the language marked on the registry's texts", () => {
  it('marks Italian on every page but an Italian one and one in a bilingual comune’s second language', () => {
    const bolzano = { istat: '021008', alt_name: 'Bozen' }
    const aosta = { istat: '007003', alt_name: 'Aoste' }
    const dolina = { istat: '032004', alt_name: 'Dolina' }
    const udine = { istat: '030129' }
    const perugia = { istat: '054039' }
    expect(registryTextLang(perugia, 'it')).toBeNull()
    expect(registryTextLang(perugia, 'de')).toBe('it')
    // South Tyrol on a German page: the text may be German; on an English one, Italian is the likelier
    // (unmarked, an English voice read "Furgone attrezzato con pedana…").
    expect(registryTextLang(bolzano, 'de')).toBeNull()
    expect(registryTextLang(bolzano, 'en')).toBe('it')
    expect(registryTextLang(aosta, 'fr')).toBeNull()
    expect(registryTextLang(aosta, 'en')).toBe('it')
    expect(registryTextLang(dolina, 'sl')).toBeNull()
    // Udine has no second official name: its texts are Italian on a Slovene page too.
    expect(registryTextLang(udine, 'sl')).toBe('it')
    expect(registryTextLang({ istat: null }, 'fr')).toBe('it')
  })
})
