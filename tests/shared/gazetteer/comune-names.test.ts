import { describe, expect, it } from 'vitest'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { comuneNameIn, inBilingualProvince, officialPlaceName, refNameIn } from '../../../shared/gazetteer/comune-names.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'

const comuni = loadComuni()
const gazetteer = createGazetteer(comuni)
const byIstat = (istat: string) => gazetteer.byIstat(istat)!

describe('comune names in the second official language', () => {
  it('are known for South Tyrol, Aosta and the three bilingual comuni of the Karst', () => {
    expect(byIstat('021008').altName).toBe('Bozen')
    expect(byIstat('007003').altName).toBe('Aoste')
    expect(byIstat('032004').altName).toBe('Dolina')
    expect(comuni.filter((c) => c.altName).length).toBe(116 + 4)
  })

  it('find the comune when searched by that name', () => {
    expect(gazetteer.findByName('Bozen').map((c) => c.istat)).toContain('021008')
    expect(gazetteer.findByName('Aoste').map((c) => c.istat)).toContain('007003')
    expect(gazetteer.findByName('Dolina').map((c) => c.istat)).toContain('032004')
  })

  it("are said alone on a page in that language, beside the Italian one elsewhere, never twice", () => {
    expect(comuneNameIn(byIstat('021008'), 'de')).toBe('Bozen')
    expect(comuneNameIn(byIstat('021008'), 'it')).toBe('Bolzano - Bozen')
    expect(comuneNameIn(byIstat('007003'), 'fr')).toBe('Aoste')
    expect(comuneNameIn(byIstat('032004'), 'sl')).toBe('Dolina')
    expect(comuneNameIn(byIstat('032004'), 'it')).toBe('San Dorligo della Valle-Dolina')
    expect(comuneNameIn(byIstat('021008'), 'sl')).toBe('Bolzano - Bozen')
    expect(comuneNameIn(byIstat('058091'), 'de')).toBe('Roma')
    expect(officialPlaceName('Sgonico-Zgonik', 'Zgonik')).toBe('Sgonico-Zgonik')
    // A German name that begins the Italian one is still the other name: Andriano - Andrian.
    expect(comuneNameIn(byIstat('021002'), 'it')).toBe('Andriano - Andrian')
    expect(inBilingualProvince('021008')).toBe(true)
    // A record's or a place's reference, named the same way from its code.
    expect(refNameIn({ istat: '021008', name: 'Bolzano', alt_name: 'Bozen' }, 'de')).toBe('Bozen')
    expect(refNameIn({ istat: '021008', name: 'Bolzano', alt_name: 'Bozen' }, 'en')).toBe('Bolzano - Bozen')
    expect(refNameIn({ istat: '058091', name: 'Roma' }, 'de')).toBe('Roma')
    expect(refNameIn({ istat: null, name: 'Lyon' }, 'fr')).toBe('Lyon')
    expect(inBilingualProvince('058091')).toBe(false)
  })
})
