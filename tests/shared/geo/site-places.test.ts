import { describe, expect, it } from 'vitest'
import { isOpenAt } from '../../../shared/hours/open-at.ts'
import { PlaceRole, siteAtPlace, sitePlaces, visitSitePlaces } from '../../../shared/geo/site-places.ts'
import type { Stop } from '../../../shared/schemas/hours.ts'
import type { Site } from '../../../shared/schemas/point.ts'

const base = { lat: 43.77, lon: 11.25 }
const piazza = { label: 'Piazza', location: { lat: 43.8, lon: 11.3 } }
const mercato = { label: 'Mercato (stesso posto)', location: { lat: 43.8, lon: 11.3 } }
const borgo = { label: 'Borgo', location: { lat: 43.9, lon: 11.4 } }
const stop = (date: string, place: Stop['place']): Stop => ({ date, start: '09:00', end: '12:00', place })
const van = (stops: Stop[], weekly = false): Site => ({
  id: 'van', kind: 'mobile', label: 'Furgone', address: null, location: base, stops,
  ...(weekly ? { opening_hours: { mo: [{ start: '15:00', end: '18:00' }] } } : {}),
})

describe('sitePlaces', () => {
  it('indexes a fixed site at its location and an online site nowhere', () => {
    const fixed: Site = { id: 'a', kind: 'fixed', label: 'Sede', address: null, location: base }
    expect(sitePlaces(fixed, '2026-11-20')).toEqual([{ role: PlaceRole.wholeSite, location: base }])
    expect(sitePlaces({ id: 'o', kind: 'online', label: 'Online', address: null }, '2026-11-20')).toEqual([])
  })

  it('indexes a mobile unit once per distinct upcoming stop place, ignoring past stops and labels', () => {
    const site = van([stop('2026-11-19', borgo), stop('2026-11-20', piazza), stop('2026-11-27', mercato)])
    expect(sitePlaces(site, '2026-11-20')).toEqual([{ role: PlaceRole.stop, location: piazza.location }])
  })

  it('adds the base of a mobile unit that keeps weekly hours there, and falls back to it when no stop is upcoming', () => {
    expect(sitePlaces(van([stop('2026-11-21', borgo)], true), '2026-11-20').map((p) => p.role)).toEqual([PlaceRole.stop, PlaceRole.weeklyBase])
    expect(sitePlaces(van([stop('2026-11-01', borgo)]), '2026-11-20')).toEqual([{ role: PlaceRole.wholeSite, location: base }])
  })
})

describe('siteAtPlace', () => {
  it('says a van is open only at the place where it stands at that instant', () => {
    const site = van([stop('2026-11-23', borgo), stop('2026-11-24', piazza)], true)
    const mondayMorning = isOpenAt(new Date('2026-11-23T09:00:00+01:00'))
    const mondayAfternoon = isOpenAt(new Date('2026-11-23T16:00:00+01:00'))
    const [atBorgo, atPiazza, atBase] = sitePlaces(site, '2026-11-20')
    expect([atBorgo, atPiazza, atBase].map((p) => mondayMorning(siteAtPlace(site, p!)))).toEqual([true, false, false])
    expect([atBorgo, atPiazza, atBase].map((p) => mondayAfternoon(siteAtPlace(site, p!)))).toEqual([false, false, true])
  })
})

describe('visitSitePlaces', () => {
  it('counts the places of sitePlaces without a sink, and tells a sink each of them in order', () => {
    const site = van([stop('2026-11-21', borgo), stop('2026-11-22', piazza), stop('2026-11-23', mercato)], true)
    expect(visitSitePlaces(site, '2026-11-20', null)).toBe(3)
    const told: [number, unknown][] = []
    visitSitePlaces(site, '2026-11-20', { place: (role, location) => told.push([role, location]) })
    expect(told).toEqual([[PlaceRole.stop, borgo.location], [PlaceRole.stop, piazza.location], [PlaceRole.weeklyBase, base]])
  })
})
