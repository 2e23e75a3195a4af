import { describe, expect, it } from 'vitest'
import { registryTextLang } from '../../../shared/i18n/registry-text-lang.ts'

describe("the language marked on the registry's texts", () => {
  it('marks Italian on every page but an Italian one and one in the comune’s own second language', () => {
    const bolzano = '021008'
    const aosta = '007003'
    const udine = '030129'
    const perugia = '054039'
    expect(registryTextLang(perugia, 'it')).toBeNull()
    expect(registryTextLang(perugia, 'de')).toBe('it')
    // South Tyrol on a German page: the text may be German; on an English one, Italian is the likelier
    // (unmarked, an English voice read "Furgone attrezzato con pedana…").
    expect(registryTextLang(bolzano, 'de')).toBeNull()
    expect(registryTextLang(bolzano, 'en')).toBe('it')
    expect(registryTextLang(aosta, 'fr')).toBeNull()
    expect(registryTextLang(aosta, 'en')).toBe('it')
    expect(registryTextLang(udine, 'sl')).toBeNull()
    expect(registryTextLang(udine, 'de')).toBe('it')
    expect(registryTextLang(null, 'fr')).toBe('it')
  })
})
