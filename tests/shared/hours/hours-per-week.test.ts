import { describe, expect, it } from 'vitest'
import { LOW_HOURS_THRESHOLD, hoursPerWeek, lowHoursWarning } from '../../../shared/hours/hours-per-week.ts'
import { buildPoint, buildSite, weekdays } from './hours-fixtures.ts'

const fixed20 = buildSite({ id: 'sede', opening_hours: weekdays('09:00', '13:00') })
const seasonal = (id: string, end: string) =>
  buildSite({ id, kind: 'seasonal', valid_from: '--06-15', valid_to: '--09-15', opening_hours: weekdays('09:00', end) })

describe('hoursPerWeek', () => {
  it('sums a site’s weekly intervals, 24:00 counting as midnight', () => {
    expect(hoursPerWeek(fixed20)).toBe(20)
    expect(hoursPerWeek(buildSite({ opening_hours: { fr: [{ start: '20:00', end: '24:00' }] } }))).toBe(4)
  })

  it('rounds to the nearest half hour', () => {
    expect(hoursPerWeek(buildSite({ opening_hours: { mo: [{ start: '09:00', end: '13:20' }] } }))).toBe(4.5)
    expect(hoursPerWeek(buildSite({ opening_hours: { mo: [{ start: '09:00', end: '13:10' }] } }))).toBe(4)
  })

  it('counts overlapping intervals of a day once and ignores dated stops', () => {
    const site = buildSite({
      kind: 'mobile',
      opening_hours: { mo: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] },
      stops: [{ date: '2026-06-03', start: '09:00', end: '17:00', place: { label: 'Piazza', location: { lat: 43, lon: 11 } } }],
    })
    expect(hoursPerWeek(site)).toBe(4)
  })

  it('adds up a point’s year-round sites and leaves its seasonal ones out', () => {
    const mobile = buildSite({ id: 'furgone', kind: 'mobile', opening_hours: { sa: [{ start: '09:00', end: '12:00' }] } })
    expect(hoursPerWeek(buildPoint([fixed20, mobile, seasonal('spiaggia', '18:00')]))).toBe(23)
  })

  it('gives a point with only seasonal sites the hours of its largest season', () => {
    expect(hoursPerWeek(buildPoint([seasonal('spiaggia', '11:00'), seasonal('rifugio', '12:00')]))).toBe(15)
  })

  it('is zero for a point without any weekly schedule', () => {
    expect(hoursPerWeek(buildPoint([buildSite({ opening_hours_source: 'su appuntamento', opening_hours_unparsed: true })]))).toBe(0)
  })
})

describe('lowHoursWarning', () => {
  it('warns about a point with a fixed site open under 20 hours a week, naming the field and the hours', () => {
    const point = buildPoint([buildSite({ opening_hours: weekdays('09:00', '12:00') })])
    expect(LOW_HOURS_THRESHOLD).toBe(20)
    expect(lowHoursWarning(point)).toEqual({
      it: 'aperto 15 ore a settimana: il programma ne prevede circa 24 per punto',
      en: 'open 15 hours a week: the programme expects about 24 per point',
    })
  })

  it('names the norm the console and /v1/coverage use (24), and writes half hours as each language does', () => {
    const point = buildPoint([buildSite({ opening_hours: weekdays('09:00', '12:30') })])
    expect(lowHoursWarning(point)).toEqual({
      it: 'aperto 17,5 ore a settimana: il programma ne prevede circa 24 per punto',
      en: 'open 17.5 hours a week: the programme expects about 24 per point',
    })
  })

  it('stays silent at 20 hours and above', () => {
    expect(lowHoursWarning(buildPoint([fixed20]))).toBeNull()
  })

  it('stays silent for points without a fixed site and for fixed sites whose hours are unknown', () => {
    const van = buildSite({ kind: 'mobile', opening_hours: { mo: [{ start: '09:00', end: '12:00' }] } })
    expect(lowHoursWarning(buildPoint([van]))).toBeNull()
    const unknown = buildSite({ opening_hours_source: 'Presso la sede della Delegazione', opening_hours_unparsed: true })
    expect(lowHoursWarning(buildPoint([unknown]))).toBeNull()
  })
})
