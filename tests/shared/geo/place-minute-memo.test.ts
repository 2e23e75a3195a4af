import { describe, expect, it } from 'vitest'
import { PlaceMinuteMemo } from '../../../shared/geo/place-minute-memo.ts'
import { PlaceRole, type SitePlace } from '../../../shared/geo/site-places.ts'
import type { Site } from '../../../shared/schemas/point.ts'

const site = (id: string) => ({ id }) as unknown as Site
const at = (role: SitePlace['role'], lat: number, lon: number): SitePlace => ({ role, location: { lat, lon } })

describe('PlaceMinuteMemo', () => {
  it('makes a value once per site, place and minute', () => {
    const memo = new PlaceMinuteMemo<string>()
    let made = 0
    const make = () => `v${++made}`
    const van = site('van')
    expect(memo.get(van, at(PlaceRole.stop, 43.1, 11.2), 100, make)).toBe('v1')
    // The same place, described by another object (each answer builds its own): the same value.
    expect(memo.get(van, at(PlaceRole.stop, 43.1, 11.2), 100, make)).toBe('v1')
    expect(made).toBe(1)
    // The next minute remakes it, and keeps the new one for that minute.
    expect(memo.get(van, at(PlaceRole.stop, 43.1, 11.2), 101, make)).toBe('v2')
    expect(memo.get(van, at(PlaceRole.stop, 43.1, 11.2), 101, make)).toBe('v2')
  })

  it('tells places apart by role and by each coordinate, and "no place" from every place', () => {
    const memo = new PlaceMinuteMemo<string>()
    const van = site('van')
    const places: (SitePlace | undefined)[] = [
      at(PlaceRole.stop, 43.1, 11.2),
      at(PlaceRole.weeklyBase, 43.1, 11.2),
      at(PlaceRole.stop, 43.1, 11.3),
      at(PlaceRole.stop, 43.2, 11.2),
      // (0, 0) is where "no place" is filed internally: a place there must not be taken for it.
      at(PlaceRole.wholeSite, 0, 0),
      undefined,
    ]
    places.forEach((place, i) => expect(memo.get(van, place, 7, () => `p${i}`)).toBe(`p${i}`))
    places.forEach((place, i) => expect(memo.get(van, place, 7, () => 'remade')).toBe(`p${i}`))
  })

  it('keeps each site its own values', () => {
    const memo = new PlaceMinuteMemo<number>()
    const place = at(PlaceRole.wholeSite, 45, 9)
    expect(memo.get(site('a'), place, 1, () => 1)).toBe(1)
    expect(memo.get(site('b'), place, 1, () => 2)).toBe(2)
  })
})
