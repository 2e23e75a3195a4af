import { describe, expect, it } from 'vitest'
import { isOpenAt, nextOpening, nextStops, openingState, siteIntervalsOn } from '../../../shared/hours/open-at.ts'
import type { HoursTarget } from '../../../shared/hours/open-at.ts'
import { buildPoint, buildSite, weekdays } from './hours-fixtures.ts'

/** Compares instants written with their Rome offset, whatever the Date's own rendering. */
const at = (isoWithOffset: string): Date => new Date(isoWithOffset)
const same = (actual: Date | null | undefined, expected: string | null): void => {
  expect(actual === null || actual === undefined ? null : actual.toISOString()).toBe(expected === null ? null : new Date(expected).toISOString())
}
const closesAt = (when: string, target: HoursTarget): Date | null => {
  const state = openingState(at(when))(target)
  return state.open ? state.closesAt : null
}
const opensAt = (when: string, target: HoursTarget): Date | null => {
  const state = openingState(at(when))(target)
  return state.open ? null : state.opensAt
}

const office = buildSite({ opening_hours: { ...weekdays('09:00', '13:00'), tu: [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }] } })
const sundayNight = buildSite({ opening_hours: { su: [{ start: '01:00', end: '04:00' }] } })

describe('isOpenAt', () => {
  it('is open from the opening minute up to, not including, the closing minute', () => {
    expect(isOpenAt(at('2026-06-01T08:59:00+02:00'))(office)).toBe(false)
    expect(isOpenAt(at('2026-06-01T09:00:00+02:00'))(office)).toBe(true)
    expect(isOpenAt(at('2026-06-01T12:59:00+02:00'))(office)).toBe(true)
    expect(isOpenAt(at('2026-06-01T13:00:00+02:00'))(office)).toBe(false)
    expect(isOpenAt(at('2026-06-06T10:00:00+02:00'))(office)).toBe(false)
  })

  it('uses the weekday in Rome even when it is still the previous day in New York', () => {
    const earlyMonday = buildSite({ opening_hours: { mo: [{ start: '00:00', end: '02:00' }] } })
    expect(isOpenAt(at('2026-06-01T01:00:00+02:00'))(earlyMonday)).toBe(true)
    expect(isOpenAt(at('2026-06-02T01:00:00+02:00'))(earlyMonday)).toBe(false)
  })

  it('opens a point when any of its sites is open', () => {
    const point = buildPoint([office, buildSite({ id: 'sabato', opening_hours: { sa: [{ start: '10:00', end: '12:00' }] } })])
    expect(isOpenAt(at('2026-06-06T10:30:00+02:00'))(point)).toBe(true)
    expect(isOpenAt(at('2026-06-01T10:30:00+02:00'))(point)).toBe(true)
    expect(isOpenAt(at('2026-06-07T10:30:00+02:00'))(point)).toBe(false)
  })

  it('never opens a point that is suspended or closed, and gives it no next opening', () => {
    for (const status of ['suspended', 'closed'] as const) {
      const point = buildPoint([office], { status })
      expect(isOpenAt(at('2026-06-01T10:00:00+02:00'))(point)).toBe(false)
      expect(openingState(at('2026-06-01T10:00:00+02:00'))(point)).toEqual({ open: false, opensAt: null, site: null })
      expect(nextOpening(at('2026-06-01T10:00:00+02:00'))(point)).toBeNull()
    }
  })

  it('can be applied to many targets at once with the instant fixed first', () => {
    const open = [office, sundayNight].filter(isOpenAt(at('2026-06-09T15:00:00+02:00')))
    expect(open).toEqual([office])
  })
})

describe('daylight saving time', () => {
  it('keeps a Sunday 01:00–04:00 opening on the wall clock across the spring-forward night', () => {
    expect(isOpenAt(at('2026-03-29T00:59:00+01:00'))(sundayNight)).toBe(false)
    expect(isOpenAt(at('2026-03-29T01:30:00+01:00'))(sundayNight)).toBe(true)
    expect(isOpenAt(at('2026-03-29T03:30:00+02:00'))(sundayNight)).toBe(true)
    expect(isOpenAt(at('2026-03-29T04:00:00+02:00'))(sundayNight)).toBe(false)
    same(closesAt('2026-03-29T01:30:00+01:00', sundayNight), '2026-03-29T04:00:00+02:00')
    same(opensAt('2026-03-28T12:00:00+01:00', sundayNight), '2026-03-29T01:00:00+01:00')
  })

  it('keeps a Sunday 01:00–04:00 opening on the wall clock across the fall-back night, both 02:30s included', () => {
    expect(isOpenAt(at('2026-10-25T02:30:00+02:00'))(sundayNight)).toBe(true)
    expect(isOpenAt(at('2026-10-25T02:30:00+01:00'))(sundayNight)).toBe(true)
    expect(isOpenAt(at('2026-10-25T04:00:00+01:00'))(sundayNight)).toBe(false)
    same(closesAt('2026-10-25T02:30:00+02:00', sundayNight), '2026-10-25T04:00:00+01:00')
    same(closesAt('2026-10-25T02:30:00+01:00', sundayNight), '2026-10-25T04:00:00+01:00')
    same(opensAt('2026-10-24T12:00:00+02:00', sundayNight), '2026-10-25T01:00:00+02:00')
  })

  it('finds the next opening on the other side of a change with the new offset', () => {
    same(nextOpening(at('2026-03-28T10:00:00+01:00'))(office), '2026-03-30T09:00:00+02:00')
    same(nextOpening(at('2026-10-24T10:00:00+02:00'))(office), '2026-10-26T09:00:00+01:00')
    same(nextOpening(at('2026-03-29T02:00:00+01:00'))(sundayNight), '2026-04-05T01:00:00+02:00')
  })

  it('opens an interval that starts inside the spring gap when the clock shows 03:00', () => {
    const site = buildSite({ opening_hours: { su: [{ start: '02:30', end: '04:00' }] } })
    same(opensAt('2026-03-29T01:30:00+01:00', site), '2026-03-29T03:00:00+02:00')
    expect(isOpenAt(at('2026-03-29T03:00:00+02:00'))(site)).toBe(true)
  })

  it('skips an interval that lies wholly inside the spring gap, since the clock never shows it', () => {
    const site = buildSite({ opening_hours: { su: [{ start: '02:00', end: '02:45' }], mo: [{ start: '09:00', end: '10:00' }] } })
    same(opensAt('2026-03-28T12:00:00+01:00', site), '2026-03-30T09:00:00+02:00')
  })

  it('opens again when the clock shows an opening time for the second time in the autumn overlap', () => {
    const site = buildSite({ opening_hours: { su: [{ start: '02:15', end: '02:45' }] } })
    same(opensAt('2026-10-25T02:50:00+02:00', site), '2026-10-25T02:15:00+01:00')
    same(closesAt('2026-10-25T02:20:00+01:00', site), '2026-10-25T02:45:00+01:00')
  })

  it('joins an interval ending in the gap with one starting after it', () => {
    const site = buildSite({ opening_hours: { su: [{ start: '01:00', end: '02:30' }, { start: '03:00', end: '05:00' }] } })
    same(closesAt('2026-03-29T01:30:00+01:00', site), '2026-03-29T05:00:00+02:00')
  })
})

describe('midnight', () => {
  const lateFriday = buildSite({ opening_hours: { fr: [{ start: '20:00', end: '24:00' }], sa: [{ start: '00:00', end: '02:00' }] } })

  it('treats 24:00 then 00:00 the next day as one opening', () => {
    expect(isOpenAt(at('2026-06-05T23:59:00+02:00'))(lateFriday)).toBe(true)
    expect(isOpenAt(at('2026-06-06T00:00:00+02:00'))(lateFriday)).toBe(true)
    same(closesAt('2026-06-05T23:00:00+02:00', lateFriday), '2026-06-06T02:00:00+02:00')
    same(nextOpening(at('2026-06-05T23:00:00+02:00'))(lateFriday), '2026-06-12T20:00:00+02:00')
  })

  it('closes at midnight an interval ending 24:00 with nothing after it', () => {
    const site = buildSite({ opening_hours: { fr: [{ start: '20:00', end: '24:00' }] } })
    expect(isOpenAt(at('2026-06-06T00:00:00+02:00'))(site)).toBe(false)
    same(closesAt('2026-06-05T23:00:00+02:00', site), '2026-06-06T00:00:00+02:00')
  })

  it('reports the end of the search window for a site that never closes', () => {
    const always = buildSite({
      opening_hours: Object.fromEntries(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((d) => [d, [{ start: '00:00', end: '24:00' }]])),
      public_holidays: 'open',
    })
    const state = openingState(at('2026-06-01T10:00:00+02:00'))(always)
    expect(state.open).toBe(true)
    expect(state.open && state.closesAt.getTime()).toBeGreaterThanOrEqual(at('2027-06-01T10:00:00+02:00').getTime())
  })
})

describe('nextOpening', () => {
  it('from inside an opening gives the start after it ends', () => {
    same(nextOpening(at('2026-06-09T10:00:00+02:00'))(office), '2026-06-09T14:00:00+02:00')
    same(nextOpening(at('2026-06-05T10:00:00+02:00'))(office), '2026-06-08T09:00:00+02:00')
  })

  it('from outside gives the next start, later today or another day', () => {
    same(nextOpening(at('2026-06-09T13:30:00+02:00'))(office), '2026-06-09T14:00:00+02:00')
    same(nextOpening(at('2026-06-06T10:00:00+02:00'))(office), '2026-06-08T09:00:00+02:00')
  })

  it('is null for a site without hours or stops', () => {
    const site = buildSite({ opening_hours_source: 'su appuntamento', opening_hours_unparsed: true })
    expect(nextOpening(at('2026-06-01T10:00:00+02:00'))(site)).toBeNull()
    expect(openingState(at('2026-06-01T10:00:00+02:00'))(site)).toEqual({ open: false, opensAt: null, site: null })
  })

  it('for a point, looks past a hand-over from one site to another', () => {
    const morning = buildSite({ id: 'mattina', opening_hours: { mo: [{ start: '09:00', end: '13:00' }] } })
    const afternoon = buildSite({ id: 'pomeriggio', opening_hours: { mo: [{ start: '13:00', end: '18:00' }] } })
    const point = buildPoint([morning, afternoon])
    const state = openingState(at('2026-06-01T10:00:00+02:00'))(point)
    expect(state.open && state.site.id).toBe('mattina')
    same(state.open ? state.closesAt : null, '2026-06-01T18:00:00+02:00')
    same(nextOpening(at('2026-06-01T10:00:00+02:00'))(point), '2026-06-08T09:00:00+02:00')
  })

  it('for a point, gives the earliest start among its sites and names that site', () => {
    const morning = buildSite({ id: 'mattina', opening_hours: { mo: [{ start: '09:00', end: '13:00' }] } })
    const evening = buildSite({ id: 'sera', opening_hours: { mo: [{ start: '15:00', end: '18:00' }] } })
    const point = buildPoint([morning, evening])
    same(nextOpening(at('2026-06-01T10:00:00+02:00'))(point), '2026-06-01T15:00:00+02:00')
    expect(openingState(at('2026-06-01T14:00:00+02:00'))(point)).toEqual({ open: false, opensAt: at('2026-06-01T15:00:00+02:00'), site: evening })
  })
})

describe('seasons', () => {
  const summer = buildSite({ kind: 'seasonal', valid_from: '2026-06-15', valid_to: '2026-09-15', opening_hours: { ...weekdays('09:00', '12:00'), sa: [{ start: '09:00', end: '12:00' }], su: [{ start: '09:00', end: '12:00' }] } })
  const winterEveryYear = buildSite({ kind: 'seasonal', valid_from: '--12-01', valid_to: '--02-28', opening_hours: summer.opening_hours })
  const summerEveryYear = buildSite({ kind: 'seasonal', valid_from: '--06-15', valid_to: '--09-15', opening_hours: summer.opening_hours })

  it('opens a dated season from its first to its last day, both included, that year only', () => {
    expect(isOpenAt(at('2026-06-14T10:00:00+02:00'))(summer)).toBe(false)
    expect(isOpenAt(at('2026-06-15T10:00:00+02:00'))(summer)).toBe(true)
    expect(isOpenAt(at('2026-09-15T10:00:00+02:00'))(summer)).toBe(true)
    expect(isOpenAt(at('2026-09-16T10:00:00+02:00'))(summer)).toBe(false)
    expect(isOpenAt(at('2027-07-01T10:00:00+02:00'))(summer)).toBe(false)
    same(opensAt('2026-05-01T10:00:00+02:00', summer), '2026-06-15T09:00:00+02:00')
    expect(nextOpening(at('2026-09-16T10:00:00+02:00'))(summer)).toBeNull()
  })

  it('repeats a recurring season every year', () => {
    expect(isOpenAt(at('2030-07-01T10:00:00+02:00'))(summerEveryYear)).toBe(true)
    expect(isOpenAt(at('2030-06-14T10:00:00+02:00'))(summerEveryYear)).toBe(false)
    same(opensAt('2026-09-16T10:00:00+02:00', summerEveryYear), '2027-06-15T09:00:00+02:00')
  })

  it('wraps a recurring season over the new year', () => {
    expect(isOpenAt(at('2025-12-05T10:00:00+01:00'))(winterEveryYear)).toBe(true)
    expect(isOpenAt(at('2027-01-10T10:00:00+01:00'))(winterEveryYear)).toBe(true)
    expect(isOpenAt(at('2026-02-28T10:00:00+01:00'))(winterEveryYear)).toBe(true)
    expect(isOpenAt(at('2026-03-01T10:00:00+01:00'))(winterEveryYear)).toBe(false)
    expect(isOpenAt(at('2026-11-30T10:00:00+01:00'))(winterEveryYear)).toBe(false)
    same(opensAt('2026-03-01T10:00:00+01:00', winterEveryYear), '2026-12-01T09:00:00+01:00')
  })
})

describe('stops of a mobile unit', () => {
  const piazza = { label: 'Piazza Garibaldi', location: { lat: 43.1, lon: 11.1 } }
  const mercato = { label: 'Mercato coperto', location: { lat: 43.2, lon: 11.2 } }
  const van = buildSite({
    kind: 'mobile',
    stops: [
      { date: '2026-06-10', start: '09:00', end: '12:00', place: piazza },
      { date: '2026-06-03', start: '14:00', end: '16:00', place: mercato },
      { date: '2026-06-03', start: '09:00', end: '12:00', place: piazza },
      { date: '2026-06-17', start: '09:00', end: '12:00', place: piazza },
    ],
    closures: [{ from: '2026-06-17', to: '2026-06-17', reason: 'guasto' }],
  })

  it('lists the stops of a day with their places', () => {
    expect(siteIntervalsOn(van, '2026-06-03')).toEqual([
      { start: 540, end: 720, place: piazza },
      { start: 840, end: 960, place: mercato },
    ])
    expect(siteIntervalsOn(van, '2026-06-04')).toEqual([])
  })

  it('is open during a stop and opens at the next one', () => {
    expect(isOpenAt(at('2026-06-03T10:00:00+02:00'))(van)).toBe(true)
    expect(isOpenAt(at('2026-06-03T13:00:00+02:00'))(van)).toBe(false)
    same(opensAt('2026-06-01T10:00:00+02:00', van), '2026-06-03T09:00:00+02:00')
    same(nextOpening(at('2026-06-03T15:00:00+02:00'))(van), '2026-06-10T09:00:00+02:00')
    expect(nextOpening(at('2026-06-10T15:00:00+02:00'))(van)).toBeNull()
  })

  it('gives the upcoming stops in order, the one under way included and cancelled ones left out', () => {
    expect(nextStops(at('2026-06-03T10:00:00+02:00'), van, 2).map((s) => `${s.date} ${s.start}`)).toEqual(['2026-06-03 09:00', '2026-06-03 14:00'])
    expect(nextStops(at('2026-06-03T13:00:00+02:00'), van, 5).map((s) => `${s.date} ${s.start}`)).toEqual(['2026-06-03 14:00', '2026-06-10 09:00'])
    expect(nextStops(at('2026-06-03T13:00:00+02:00'), van, 0)).toEqual([])
  })

  it('merges a stop with the weekly hours it overlaps, keeping a place only when all parts share it', () => {
    const site = buildSite({
      kind: 'mobile',
      opening_hours: { we: [{ start: '09:00', end: '12:00' }] },
      stops: [
        { date: '2026-06-03', start: '11:00', end: '13:00', place: piazza },
        { date: '2026-06-03', start: '15:00', end: '16:00', place: mercato },
        { date: '2026-06-03', start: '16:00', end: '17:00', place: mercato },
      ],
    })
    expect(siteIntervalsOn(site, '2026-06-03')).toEqual([{ start: 540, end: 780 }, { start: 900, end: 1020, place: mercato }])
  })
})

describe('closures', () => {
  const august = buildSite({
    opening_hours: weekdays('09:00', '13:00'),
    closures: [{ from: '2026-08-10', to: '2026-08-21', reason: 'chiusura estiva' }],
    stops: [{ date: '2026-08-12', start: '15:00', end: '17:00', place: { label: 'Piazza', location: { lat: 43, lon: 11 } } }],
  })

  it('closes every day from the first to the last, stops included', () => {
    expect(isOpenAt(at('2026-08-07T10:00:00+02:00'))(august)).toBe(true)
    expect(isOpenAt(at('2026-08-10T10:00:00+02:00'))(august)).toBe(false)
    expect(isOpenAt(at('2026-08-21T10:00:00+02:00'))(august)).toBe(false)
    expect(isOpenAt(at('2026-08-12T16:00:00+02:00'))(august)).toBe(false)
    expect(siteIntervalsOn(august, '2026-08-12')).toEqual([])
    expect(isOpenAt(at('2026-08-24T10:00:00+02:00'))(august)).toBe(true)
  })

  it('moves the next opening past the closure', () => {
    same(nextOpening(at('2026-08-07T14:00:00+02:00'))(august), '2026-08-24T09:00:00+02:00')
    same(nextOpening(at('2026-08-07T10:00:00+02:00'))(august), '2026-08-24T09:00:00+02:00')
  })
})

describe('public holidays', () => {
  const openOnHolidays = buildSite({ ...office, id: 'aperto-nei-festivi', public_holidays: 'open' })

  it('closes the weekly hours on Christmas Day, a Friday in 2026, and opens the day before', () => {
    expect(isOpenAt(at('2026-12-24T10:00:00+01:00'))(office)).toBe(true)
    expect(isOpenAt(at('2026-12-25T10:00:00+01:00'))(office)).toBe(false)
    expect(siteIntervalsOn(office, '2026-12-25')).toEqual([])
  })

  it('follows Easter Monday to its date of each year, and only that Monday', () => {
    expect(isOpenAt(at('2026-04-06T10:00:00+02:00'))(office)).toBe(false)
    expect(isOpenAt(at('2026-04-13T10:00:00+02:00'))(office)).toBe(true)
    expect(isOpenAt(at('2027-03-29T10:00:00+02:00'))(office)).toBe(false)
    expect(isOpenAt(at('2027-04-05T10:00:00+02:00'))(office)).toBe(true)
  })

  it('keeps a site marked open on holidays open as on any other day', () => {
    expect(isOpenAt(at('2026-12-25T10:00:00+01:00'))(openOnHolidays)).toBe(true)
    expect(isOpenAt(at('2026-04-06T10:00:00+02:00'))(openOnHolidays)).toBe(true)
    expect(siteIntervalsOn(openOnHolidays, '2026-12-25')).toEqual([{ start: 540, end: 780 }])
    const point = buildPoint([office, buildSite({ ...openOnHolidays, id: 'sportello-festivo' })])
    expect(openingState(at('2026-12-25T10:00:00+01:00'))(point)).toMatchObject({ open: true, site: { id: 'sportello-festivo' } })
  })

  it('skips the holidays when looking for the next opening, and not when the site opens on them', () => {
    same(nextOpening(at('2026-12-24T14:00:00+01:00'))(office), '2026-12-28T09:00:00+01:00')
    same(nextOpening(at('2026-12-24T14:00:00+01:00'))(openOnHolidays), '2026-12-25T09:00:00+01:00')
    same(nextOpening(at('2026-12-24T10:00:00+01:00'))(office), '2026-12-28T09:00:00+01:00')
  })

  it('skips Easter Monday right after the spring-forward Sunday with the summer offset', () => {
    // In 2027 Easter Sunday is also the night the clocks go forward.
    same(nextOpening(at('2027-03-27T10:00:00+01:00'))(office), '2027-03-30T09:00:00+02:00')
    same(nextOpening(at('2027-03-27T10:00:00+01:00'))(openOnHolidays), '2027-03-29T09:00:00+02:00')
  })

  it('closes a late-night opening at the midnight that starts a holiday', () => {
    const lateNight = buildSite({ opening_hours: { th: [{ start: '20:00', end: '24:00' }], fr: [{ start: '00:00', end: '02:00' }] } })
    same(closesAt('2026-12-24T21:00:00+01:00', lateNight), '2026-12-25T00:00:00+01:00')
    same(closesAt('2026-12-17T21:00:00+01:00', lateNight), '2026-12-18T02:00:00+01:00')
  })

  it('keeps a mobile unit’s stop dated on a holiday, which was scheduled for that very day', () => {
    const van = buildSite({
      kind: 'mobile',
      opening_hours: { tu: [{ start: '09:00', end: '12:00' }] },
      stops: [{ date: '2026-12-08', start: '15:00', end: '18:00', place: { label: 'Mercatino di Natale', location: { lat: 43, lon: 11 } } }],
    })
    expect(isOpenAt(at('2026-12-08T10:00:00+01:00'))(van)).toBe(false)
    expect(isOpenAt(at('2026-12-08T16:00:00+01:00'))(van)).toBe(true)
    same(nextOpening(at('2026-12-08T08:00:00+01:00'))(van), '2026-12-08T15:00:00+01:00')
  })
})

describe('process time zone', () => {
  it('gives the same answers whatever TZ the process runs in', () => {
    const original = process.env.TZ
    const answers = (): string[] => [
      String(isOpenAt(at('2026-03-29T03:30:00+02:00'))(sundayNight)),
      String(closesAt('2026-10-25T02:30:00+01:00', sundayNight)?.toISOString()),
      String(nextOpening(at('2026-03-28T10:00:00+01:00'))(office)?.toISOString()),
    ]
    try {
      const expected = answers()
      for (const zone of ['UTC', 'Europe/Rome', 'Pacific/Auckland', 'Asia/Kolkata']) {
        process.env.TZ = zone
        expect(answers()).toEqual(expected)
      }
    } finally {
      process.env.TZ = original
    }
  })
})
