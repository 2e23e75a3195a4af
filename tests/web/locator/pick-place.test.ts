import { describe, expect, it } from 'vitest'
import type { Place } from '../../../web/api/api-client.ts'
import { comuneInAddress, parseTypedPlace, pickPlace, withSiglaInBrackets } from '../../../web/locator/pick-place.ts'

const place = (name: string, province: string, alt_name: string | null = null): Place => ({
  istat: '000000',
  name,
  alt_name,
  province,
  region: { istat: '00', name: 'Regione' },
  lat: 41,
  lon: 12,
  population: 1000,
})
const castroLe = place('Castro', 'LE')
const castroBg = place('Castro', 'BG')
const castrovillari = place('Castrovillari', 'CS')

describe('pickPlace', () => {
  it('asks the citizen to choose when several comuni share the typed name', () => {
    expect(pickPlace('Castro', [castroLe, castroBg, castrovillari])).toEqual({ kind: 'choose', places: [castroLe, castroBg] })
    expect(pickPlace('castro ', [castrovillari, castroBg, castroLe])).toEqual({ kind: 'choose', places: [castroBg, castroLe] })
  })

  it('takes the namesake whose province was typed too', () => {
    expect(pickPlace('Castro (BG)', [castroLe, castroBg])).toEqual({ kind: 'one', place: castroBg })
  })

  it('takes the only comune of that name, accents and bilingual names included', () => {
    expect(pickPlace('Forli', [place('Forlì', 'FC'), place('Forlimpopoli', 'FC')])).toEqual({ kind: 'one', place: place('Forlì', 'FC') })
    expect(pickPlace('Bozen', [place('Bolzano', 'BZ', 'Bozen')])).toEqual({ kind: 'one', place: place('Bolzano', 'BZ', 'Bozen') })
  })

  it('takes the only comune a partial name starts, and nothing when there is no match', () => {
    expect(pickPlace('firenzu', [place('Firenzuola', 'FI')])).toEqual({ kind: 'one', place: place('Firenzuola', 'FI') })
    expect(pickPlace('Atlantide', [])).toEqual({ kind: 'none' })
  })

  it('never settles a partial name that several comuni start with: "Reggio" is not silently Reggio di Calabria', () => {
    const reggio = [place('Reggio di Calabria', 'RC'), place("Reggio nell'Emilia", 'RE')]
    expect(pickPlace('Reggio', reggio)).toEqual({ kind: 'choose', places: reggio, partial: true })
    expect(pickPlace('firen', [place('Firenze', 'FI'), place('Firenzuola', 'FI')])).toEqual({ kind: 'choose', places: [place('Firenze', 'FI'), place('Firenzuola', 'FI')], partial: true })
  })
})

describe('comuneInAddress', () => {
  it('finds where an address names its comune: its CAP, the words after the house number, or its last words', () => {
    expect(comuneInAddress('Via Roma 10 Firenze')).toEqual(['Firenze'])
    expect(comuneInAddress('Via Roma 10, 50122 Firenze')).toEqual(['50122', 'Firenze'])
    expect(comuneInAddress('via dei Servi 12 San Giovanni Valdarno')).toEqual(['San Giovanni Valdarno'])
    expect(comuneInAddress('Piazza del Duomo Firenze')).toEqual(['Duomo Firenze', 'Firenze'])
    // One word, or an address that ends in its number, names no comune to try.
    expect(comuneInAddress('Firenze')).toEqual([])
    expect(comuneInAddress('Via Roma 10')).toEqual([])
  })
})

describe('parseTypedPlace', () => {
  it('reads the name and province back from what the box shows for a chosen comune', () => {
    expect(parseTypedPlace('Bolzano / Bozen (BZ)')).toEqual({ name: 'Bolzano', province: 'BZ' })
    expect(parseTypedPlace('Castro')).toEqual({ name: 'Castro', province: null })
  })

  it('reads a province sigla typed after the name without brackets, in capitals or after a comma or a dash, as the same in brackets', () => {
    expect(withSiglaInBrackets('Todi PG')).toBe('Todi (PG)')
    expect(withSiglaInBrackets('montefalco, pg')).toBe('montefalco (PG)')
    expect(withSiglaInBrackets('Montefalco - PG')).toBe('Montefalco (PG)')
    expect(withSiglaInBrackets('Bolzano/Bozen BZ')).toBe('Bolzano/Bozen (BZ)')
    expect(parseTypedPlace('Bolzano/Bozen (BZ)')).toEqual({ name: 'Bolzano', province: 'BZ' })
    // "Po" is Prato's sigla and the river in "Castagneto Po": only capitals or a comma make it a province…
    expect(withSiglaInBrackets('Castagneto Po')).toBeNull()
    // …and a name typed in capitals is searched as typed first ("SAN BENEDETTO PO" is a comune).
    expect(parseTypedPlace('SAN BENEDETTO PO')).toEqual({ name: 'SAN BENEDETTO PO', province: null })
    // Two capitals that are no sigla stay part of the name.
    expect(withSiglaInBrackets('Todi XY')).toBeNull()
  })
})
