import { describe, expect, it } from 'vitest'
import { translator, loadMessages } from '../../../shared/i18n/messages.ts'
import { resultsHeading } from '../../../web/list/results-heading.ts'
import { HERE_PLACE } from '../../../web/state/locator-state.ts'

await loadMessages('en')

const t = translator('it')
const near = { lat: 43.771, lon: 11.254 }

describe('resultsHeading', () => {
  it('names the place once: "Punti più vicini a Firenze", not "più vicini vicino a"', () => {
    expect(resultsHeading({ near, place: 'Firenze', region: null, province: null }, t)).toBe('Punti più vicini a Firenze')
    expect(resultsHeading({ near, place: 'Firenze', region: null, province: null }, translator('en'))).toBe('Points nearest to Firenze')
  })

  it('speaks of the citizen\'s position when the search came from geolocation', () => {
    expect(resultsHeading({ near, place: HERE_PLACE, region: null, province: null }, t)).toBe('Punti più vicini alla tua posizione')
  })

  it('names the region of a list prefiltered to one (a region\'s widget), in its everyday name', () => {
    expect(resultsHeading({ near: null, place: null, region: '09', province: null }, t)).toBe('Punti di facilitazione in Toscana')
    expect(resultsHeading({ near: null, place: null, region: '02', province: null }, t)).toBe("Punti di facilitazione in Valle d'Aosta")
  })

  it("names the province of a province's widget, not only its region", () => {
    expect(resultsHeading({ near: null, place: null, region: '09', province: 'FI' }, t)).toBe('Punti di facilitazione in provincia di Firenze')
    expect(resultsHeading({ near: null, place: null, region: null, province: 'BZ' }, translator('en'))).toBe('Facilitation points in the province of Bolzano/Bozen')
  })

  it('keeps the plain titles for a position without a label and for an unfiltered list', () => {
    expect(resultsHeading({ near, place: null, region: null, province: null }, t)).toBe('Punti più vicini')
    expect(resultsHeading({ near: null, place: null, region: null, province: null }, t)).toBe('Punti di facilitazione')
  })
})
