import { describe, expect, it } from 'vitest'
import { isLang, langQuery, LANGS, LANGUAGE_NAMES, localeOf, preferredLang, readLang, unsupportedLang } from '../../../shared/i18n/langs.ts'

describe('the interface languages', () => {
  it("are Italian, English and the bilingual regions' German, French and Slovene, each named in itself", () => {
    expect(LANGS).toEqual(['it', 'en', 'de', 'fr', 'sl'])
    expect(LANGS.map((lang) => LANGUAGE_NAMES[lang])).toEqual(['Italiano', 'English', 'Deutsch', 'Français', 'Slovenščina'])
    expect(isLang('sl')).toBe(true)
    expect(isLang('es')).toBe(false)
    expect(isLang(null)).toBe(false)
  })

  it('are read as people write them: any case, with a region, blank as none', () => {
    expect(['de', 'DE', 'de-AT', 'de_CH', ' Sl '].map(readLang)).toEqual(['de', 'de', 'de', 'de', 'sl'])
    expect(['', 'es', 'deutsch', null, undefined].map(readLang)).toEqual([null, null, null, null, null])
  })

  it("take the reader's first supported language, by its primary tag, in the reader's order", () => {
    expect(preferredLang(['de-AT', 'it'])).toBe('de')
    expect(preferredLang(['es-ES', 'FR-ch', 'en'])).toBe('fr')
    expect(preferredLang(['es', 'pt'])).toBeNull()
    expect(preferredLang([])).toBeNull()
  })

  it('format dates and numbers as written in Italy, and keep a page in its language by one parameter', () => {
    expect(LANGS.map(localeOf)).toEqual(['it-IT', 'en-GB', 'de-IT', 'fr-IT', 'sl-IT'])
    expect(new Date(Date.UTC(2026, 11, 8)).toLocaleDateString(localeOf('de'), { day: 'numeric', month: 'long', timeZone: 'Europe/Rome' })).toBe('8. Dezember')
    expect(new Date(Date.UTC(2026, 11, 8)).toLocaleDateString(localeOf('sl'), { day: 'numeric', month: 'long', timeZone: 'Europe/Rome' })).toBe('8. december')
    expect(langQuery('it')).toBe('')
    expect(langQuery('sl')).toBe('?lang=sl')
    expect(langQuery('de', '&')).toBe('&lang=de')
  })
})

describe('unsupportedLang', () => {
  it('gives back a lang asked for that is none of ours, so a page can say so; nothing for ours or for none', () => {
    expect(['es', 'klingon', ' x '].map(unsupportedLang)).toEqual(['es', 'klingon', ' x '])
    expect(['de', 'DE', 'de-AT', 'sl', '', '  ', null, undefined].map(unsupportedLang)).toEqual([null, null, null, null, null, null, null, null])
  })
})
