import { describe, expect, it } from 'vitest'
import { rejectedPrefilters } from '../../../web/state/rejected-prefilters.ts'

describe('rejectedPrefilters', () => {
  it('reports a region code that is not an ISTAT region, with the value as written', () => {
    expect(rejectedPrefilters(new URLSearchParams('region=99'))).toEqual([{ name: 'region', value: '99' }])
  })

  it('reports an unknown province, a malformed comune and each unknown service of a list', () => {
    expect(rejectedPrefilters(new URLSearchParams('province=XX&comune=48017&service=formazione_gruppo,corsi,wifi'))).toEqual([
      { name: 'province', value: 'XX' },
      { name: 'comune', value: '48017' },
      { name: 'service', value: 'corsi' },
      { name: 'service', value: 'wifi' },
    ])
  })

  it('reports nothing for valid prefilters, a lower-case province sigla, or absent and empty ones', () => {
    expect(rejectedPrefilters(new URLSearchParams('region=09&province=fi&comune=048017&service=assistenza_individuale'))).toEqual([])
    expect(rejectedPrefilters(new URLSearchParams('region=&lang=en&accent=%23cc0000'))).toEqual([])
    expect(rejectedPrefilters(new URLSearchParams('lang=sl'))).toEqual([])
  })

  it('reports the narrower part of an area that contradicts itself, which the API would refuse: a province of another region, a comune of another province', () => {
    expect(rejectedPrefilters(new URLSearchParams('region=08&province=FI'))).toEqual([{ name: 'province', value: 'FI', outside: true }])
    expect(rejectedPrefilters(new URLSearchParams('province=PG&comune=048017'))).toEqual([{ name: 'comune', value: '048017', outside: true }])
    // Dropped the province of another region, the comune is checked against the region too.
    expect(rejectedPrefilters(new URLSearchParams('region=09&province=PG&comune=054039'))).toEqual([{ name: 'province', value: 'PG', outside: true }, { name: 'comune', value: '054039', outside: true }])
  })

  it('reports an accent colour it cannot use: malformed, or too light for text (WCAG 1.4.3)', () => {
    expect(rejectedPrefilters(new URLSearchParams('accent=%23ffcc00'))).toEqual([{ name: 'accent', value: '#ffcc00' }])
    expect(rejectedPrefilters(new URLSearchParams('accent=red'))).toEqual([{ name: 'accent', value: 'red' }])
    expect(rejectedPrefilters(new URLSearchParams('accent=%238a1538'))).toEqual([])
  })

  it('reports a language the interface does not speak, so the webmaster learns which it does', () => {
    expect(rejectedPrefilters(new URLSearchParams('lang=es&region=09'))).toEqual([{ name: 'lang', value: 'es' }])
  })
})
