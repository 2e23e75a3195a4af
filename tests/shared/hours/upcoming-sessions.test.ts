import { describe, expect, it } from 'vitest'
import { upcomingSessions } from '../../../shared/hours/upcoming-sessions.ts'
import { buildSite } from './hours-fixtures.ts'

// Tuesday 1 December 2026, 10:00 in Rome.
const TUESDAY_10 = new Date('2026-12-01T10:00:00+01:00')
const van = buildSite({
  id: 'van-vinci',
  kind: 'mobile',
  label: 'Unità mobile a Vinci',
  location: { lat: 43.786, lon: 10.926 },
  opening_hours: { tu: [{ start: '09:00', end: '12:30' }], th: [{ start: '15:00', end: '18:00' }] },
  stops: [{ date: '2026-12-05', start: '10:00', end: '12:00', place: { label: 'Piazza di Sovigliana', location: { lat: 43.77, lon: 10.94 } } }],
})

describe('upcomingSessions', () => {
  it('turns a weekly round and dated stops into the next sessions, in order, the current one included', () => {
    expect(upcomingSessions(TUESDAY_10, van, { limit: 4 }).map((s) => `${s.date} ${s.start}-${s.end} ${s.place.label}`)).toEqual([
      '2026-12-01 09:00-12:30 Unità mobile a Vinci',
      '2026-12-03 15:00-18:00 Unità mobile a Vinci',
      '2026-12-05 10:00-12:00 Piazza di Sovigliana',
      '2026-12-10 15:00-18:00 Unità mobile a Vinci',
    ])
  })

  it('skips a session that has ended today and the national holiday of 8 December', () => {
    const afterMorning = new Date('2026-12-01T13:00:00+01:00')
    const dates = upcomingSessions(afterMorning, van, { limit: 5 }).map((s) => s.date)
    expect(dates[0]).toBe('2026-12-03')
    expect(dates).not.toContain('2026-12-08')
  })

  it('keeps a morning at the base and an afternoon at a stop as two sessions, each at its own place', () => {
    // Tuesday 15 December: 9–12 at the base (weekly), then 12–15 at the market, 4 km away.
    const handOver = buildSite({
      ...van,
      stops: [{ date: '2026-12-15', start: '12:30', end: '15:00', place: { label: 'Mercato di Sovigliana', location: { lat: 43.77, lon: 10.94 } } }],
    })
    const sessions = upcomingSessions(new Date('2026-12-15T08:00:00+01:00'), handOver, { limit: 2 })
    expect(sessions.map((s) => `${s.date} ${s.start}-${s.end} ${s.place.label}`)).toEqual([
      '2026-12-15 09:00-12:30 Unità mobile a Vinci',
      '2026-12-15 12:30-15:00 Mercato di Sovigliana',
    ])
    // Two stops at one place that touch are one session there.
    const twoAtMarket = buildSite({
      ...handOver,
      stops: [...handOver.stops!, { date: '2026-12-15', start: '15:00', end: '16:00', place: { label: 'Mercato di Sovigliana', location: { lat: 43.77, lon: 10.94 } } }],
    })
    expect(upcomingSessions(new Date('2026-12-15T13:00:00+01:00'), twoAtMarket, { limit: 1 }).map((s) => `${s.start}-${s.end} ${s.place.label}`)).toEqual(['12:30-16:00 Mercato di Sovigliana'])
  })

  it('places weekly sessions at the site, with its coordinates', () => {
    const [first] = upcomingSessions(TUESDAY_10, van, { limit: 1 })
    expect(first?.place.location).toEqual({ lat: 43.786, lon: 10.926 })
  })
})
