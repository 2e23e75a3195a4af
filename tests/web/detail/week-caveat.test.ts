import { describe, expect, it } from 'vitest'
import type { Site } from '../../../shared/schemas/point.ts'
import { seasonCovers as isInSeason } from '../../../shared/hours/open-at.ts'
import { weekCaveat } from '../../../web/detail/week-caveat.ts'

const beach: Site = {
  id: 's1',
  kind: 'seasonal',
  label: 'Lido',
  address: null,
  location: { lat: 40.1, lon: 18.5 },
  valid_from: '--06-15',
  valid_to: '--09-15',
  opening_hours: { th: [{ start: '17:00', end: '20:00' }] },
}
const office: Site = { ...beach, kind: 'fixed', valid_from: undefined, valid_to: undefined }

describe('isInSeason', () => {
  it('is false on a winter Thursday for a summer season and true inside it', () => {
    expect(isInSeason(beach, '2026-12-03')).toBe(false)
    expect(isInSeason(beach, '2026-07-02')).toBe(true)
  })

  it('ignores closures and holidays, which are not the season', () => {
    expect(isInSeason({ ...beach, closures: [{ from: '2026-07-01', to: '2026-07-31' }] }, '2026-07-02')).toBe(true)
    expect(isInSeason({ ...beach, valid_from: '--01-01', valid_to: '--12-31' }, '2026-12-25')).toBe(true)
  })

  it('handles dated seasons and seasons that wrap the new year', () => {
    expect(isInSeason({ ...beach, valid_from: '2026-06-01', valid_to: '2026-08-31' }, '2027-07-01')).toBe(false)
    expect(isInSeason({ ...beach, valid_from: '--12-01', valid_to: '--02-28' }, '2027-01-10')).toBe(true)
  })
})

describe('weekCaveat', () => {
  it('marks the week out of season when today is outside valid_from..valid_to', () => {
    expect(weekCaveat({ status: 'active' }, beach, '2026-12-03')).toBe('out_of_season')
    expect(weekCaveat({ status: 'active' }, beach, '2026-07-02')).toBeNull()
  })

  it('marks every week of a suspended or closed point, season or not', () => {
    expect(weekCaveat({ status: 'suspended' }, office, '2026-12-03')).toBe('inactive')
    expect(weekCaveat({ status: 'closed' }, beach, '2026-07-02')).toBe('inactive')
    expect(weekCaveat({ status: 'active' }, office, '2026-12-03')).toBeNull()
  })
})
