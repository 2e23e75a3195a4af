import { describe, expect, it } from 'vitest'
import { ANY_TIME, hintAllows, openingHint, placeOpeningHint } from '../../../shared/geo/opening-hint.ts'
import { siteAtPlace, sitePlaces } from '../../../shared/geo/site-places.ts'
import { generateRegistry } from './fixtures.ts'
import type { Site } from '../../../shared/schemas/point.ts'

const site = (extra: Partial<Site>): Site => ({ id: 's1', kind: 'fixed', label: 'Sede', address: null, location: { lat: 43.77, lon: 11.25 }, ...extra })
const MONDAY = 0
const TUESDAY = 1
const SUNDAY = 6

describe('openingHint', () => {
  it('allows exactly the weekdays and hours touched by the weekly schedule', () => {
    const hint = openingHint(site({ opening_hours: { mo: [{ start: '09:00', end: '13:00' }], we: [{ start: '14:30', end: '18:30' }] } }))
    expect(hintAllows(hint, MONDAY, 9 * 60)).toBe(true)
    expect(hintAllows(hint, MONDAY, 12 * 60 + 59)).toBe(true)
    // An interval ending on the hour does not touch that hour.
    expect(hintAllows(hint, MONDAY, 8 * 60 + 59)).toBe(false)
    expect(hintAllows(hint, TUESDAY, 10 * 60)).toBe(false)
    expect(hintAllows(hint, 2, 18 * 60 + 15)).toBe(true)
    expect(hintAllows(hint, 2, 19 * 60)).toBe(false)
  })

  it('counts the weekday and hours of dated stops, from their Rome calendar date', () => {
    // 2026-11-29 is a Sunday.
    const hint = openingHint(site({ kind: 'mobile', stops: [{ date: '2026-11-29', start: '22:00', end: '24:00', place: { label: 'Piazza', location: { lat: 43.8, lon: 11.3 } } }] }))
    expect(hintAllows(hint, SUNDAY, 23 * 60 + 30)).toBe(true)
    expect(hintAllows(hint, SUNDAY, 21 * 60)).toBe(false)
    expect(hintAllows(hint, MONDAY, 23 * 60 + 30)).toBe(false)
  })

  it('leaves a site without any schedule to the exact check, at every hour', () => {
    const hint = openingHint(site({ opening_hours_source: 'su appuntamento', opening_hours_unparsed: true }))
    expect(hint).toBe(ANY_TIME)
    for (let day = 0; day < 7; day++) for (let hour = 0; hour < 24; hour++) expect(hintAllows(hint, day, hour * 60)).toBe(true)
  })

  it('allows nothing for a schedule with no interval', () => {
    const hint = openingHint(site({ opening_hours: {} }))
    expect(hintAllows(hint, MONDAY, 10 * 60)).toBe(false)
  })
})

describe('placeOpeningHint', () => {
  it('equals the hint of the site as it is at each of its places, for every site of a varied registry', () => {
    const today = '2026-11-20'
    const sites = generateRegistry({ points: 800, seed: 3, today }).flatMap((point) => point.sites)
    const pairs = sites.flatMap((s) => sitePlaces(s, today).map((place) => [s, place] as const))
    expect(new Set(pairs.map(([, place]) => place.role)).size).toBe(3)
    for (const [s, place] of pairs) expect(placeOpeningHint(s, place.role, place.location)).toBe(openingHint(siteAtPlace(s, place)))
  })
})
