import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { osmToSchedule } from '../../../shared/hours/osm.ts'
import { scheduleToOsm } from '../../../shared/hours/osm-write.ts'
import { canonicalSchedule } from './hours-fixtures.ts'

const hinaura = JSON.parse(
  readFileSync(new URL('../../fixtures/fr_lieux_mediation_numerique_hinaura_ara.json', import.meta.url), 'utf8'),
) as Array<{ horaires?: string }>
const samples = hinaura.map((row) => row.horaires).filter((h): h is string => typeof h === 'string' && h.length > 0)

const slot = (start: string, end: string) => ({ start, end })

describe('osmToSchedule', () => {
  it('converts at least 90% of the 617 real opening_hours of the Hinaura dataset', () => {
    expect(samples).toHaveLength(617)
    const converted = samples.filter((s) => osmToSchedule(s).ok).length
    // Measured: 617 of 617.
    expect(converted / samples.length).toBeGreaterThanOrEqual(0.9)
  })

  it('converts real samples exactly', () => {
    expect(osmToSchedule('Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00')).toEqual({
      ok: true,
      schedule: {
        tu: [slot('09:00', '12:00'), slot('14:00', '17:00')],
        we: [slot('09:00', '12:00'), slot('14:00', '17:00')],
        th: [slot('09:00', '12:00'), slot('14:00', '17:00')],
        fr: [slot('09:00', '12:00'), slot('14:00', '17:00')],
        sa: [slot('09:00', '12:00')],
      },
    })
    expect(osmToSchedule('Mo-Fr 08:30-12:00; We off')).toEqual({
      ok: true,
      schedule: { mo: [slot('08:30', '12:00')], tu: [slot('08:30', '12:00')], th: [slot('08:30', '12:00')], fr: [slot('08:30', '12:00')] },
    })
    expect(osmToSchedule('Mo-Fr 10:00-12:00,14:00-16:00; We 14:00-18:00')).toMatchObject({
      ok: true,
      schedule: { we: [slot('14:00', '18:00')], th: [slot('10:00', '12:00'), slot('14:00', '16:00')] },
    })
    expect(osmToSchedule('08:30-11:30; Th 08:30-11:30,14:00-16:30')).toMatchObject({
      ok: true,
      schedule: { su: [slot('08:30', '11:30')], th: [slot('08:30', '11:30'), slot('14:00', '16:30')] },
    })
  })

  it('splits hours that run past midnight at midnight, Sunday night into Monday included', () => {
    expect(osmToSchedule('Fr 22:00-02:00')).toEqual({ ok: true, schedule: { fr: [slot('22:00', '24:00')], sa: [slot('00:00', '02:00')] } })
    expect(osmToSchedule('Su 22:00-02:00')).toEqual({ ok: true, schedule: { mo: [slot('00:00', '02:00')], su: [slot('22:00', '24:00')] } })
  })

  it('reads 24/7 as every day all day and off as never open', () => {
    const allDay = [slot('00:00', '24:00')]
    expect(osmToSchedule('24/7')).toEqual({ ok: true, schedule: { mo: allDay, tu: allDay, we: allDay, th: allDay, fr: allDay, sa: allDay, su: allDay } })
    expect(osmToSchedule('off')).toEqual({ ok: true, schedule: {} })
  })

  it.each([
    ['Mo-Fr 09:00-12:00', 'Mo-Fr 09:00-12:00; PH off'],
    ['Sa 09:00-12:00', 'Sa 09:00-12:00; PH off'],
    ['We 09:00-12:00', 'We 09:00-12:00; PH off'],
    ['Su 09:00-12:00', 'Su 09:00-12:00; PH off'],
    ['Mo-Su 08:00-20:00', 'Mo-Su 08:00-20:00; PH off'],
    ['24/7', '24/7; PH off'],
  ])('reads PH off after %j as that weekly schedule, closed on public holidays', (weekly, withHolidays) => {
    const plain = osmToSchedule(weekly)
    expect(plain.ok && plain.publicHolidays).toBeUndefined()
    expect(osmToSchedule(withHolidays)).toEqual({ ...plain, publicHolidays: 'closed' })
  })

  it('reads holiday rules that repeat the weekday hours as open on public holidays', () => {
    const weekdays = { mo: [slot('09:00', '12:00')], tu: [slot('09:00', '12:00')], we: [slot('09:00', '12:00')], th: [slot('09:00', '12:00')], fr: [slot('09:00', '12:00')] }
    expect(osmToSchedule('Mo-Fr 09:00-12:00; PH Mo-Fr 09:00-12:00')).toEqual({ ok: true, schedule: weekdays, publicHolidays: 'open' })
    expect(osmToSchedule('Mo-Su 09:00-12:00; PH 09:00-12:00')).toMatchObject({ ok: true, publicHolidays: 'open' })
    // A later rule wins in OSM: weekly rules written after PH off reopen the holidays.
    expect(osmToSchedule('PH off; Mo-Fr 09:00-12:00')).toEqual({ ok: true, schedule: weekdays, publicHolidays: 'open' })
  })

  it('leaves publicHolidays out when the value has no PH rule or never opens', () => {
    expect(osmToSchedule('Mo-Fr 09:00-12:00')).not.toHaveProperty('publicHolidays')
    expect(osmToSchedule('off; PH off')).toEqual({ ok: true, schedule: {} })
  })

  it.each([
    ['Mo-Fr 09:00-12:00; PH open', 'public holiday'],
    ['Mo-Fr 09:00-12:00; PH 10:00-11:00', 'public holiday'],
    ['Mo-Fr 09:00-12:00; PH 09:00-12:00', 'public holiday'],
    ['Mo-Fr 09:00-12:00; Dec 25 off', 'public holiday'],
    ['Mo-Fr 09:00-12:00; PH Mo-Fr 09:00-12:00; Dec 25,26 off', 'the hours differ between holidays'],
    ['Mo-Fr 09:00-12:00; PH Mo-Fr 09:00-12:00 "festivi su appuntamento"', 'festivi su appuntamento'],
    ['week 01-53/2 Mo 09:00-12:00', 'differ'],
    ['Mo[1] 09:00-12:00', 'differ'],
    ['Jan-Jun Mo 09:00-12:00', 'differ'],
    ['sunrise-sunset', 'follow the sun'],
    ['Mo 10:00+', 'uncertain'],
    ['Mo 09:00-12:00 "su appuntamento"', 'su appuntamento'],
    ['su appuntamento', 'not valid OSM opening_hours'],
    ['', 'not valid OSM opening_hours'],
  ])('refuses %j, which is not one weekly schedule, with a reason', (osm, reasonPart) => {
    const result = osmToSchedule(osm)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toContain(reasonPart)
  })

  it('gives the same schedule whatever TZ the process runs in', () => {
    const original = process.env.TZ
    const values = ['Su 22:00-02:00', 'Tu-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00']
    try {
      const expected = values.map(osmToSchedule)
      for (const zone of ['UTC', 'Europe/Rome', 'Pacific/Auckland', 'America/Santiago']) {
        process.env.TZ = zone
        expect(values.map(osmToSchedule)).toEqual(expected)
      }
    } finally {
      process.env.TZ = original
    }
  })
})

describe('scheduleToOsm', () => {
  it('groups days with identical hours into ranges and lists', () => {
    const morning = [slot('09:00', '13:00')]
    const long = [slot('09:00', '13:00'), slot('14:00', '16:00')]
    expect(scheduleToOsm({ mo: morning, tu: long, we: morning, th: long, fr: morning })).toBe('Mo,We,Fr 09:00-13:00; Tu,Th 09:00-13:00,14:00-16:00')
    expect(scheduleToOsm({ mo: morning, tu: morning, we: morning, th: morning, fr: morning, sa: [slot('09:00', '12:00')] })).toBe(
      'Mo-Fr 09:00-13:00; Sa 09:00-12:00',
    )
    expect(scheduleToOsm({ sa: morning, su: morning })).toBe('Sa,Su 09:00-13:00')
    expect(scheduleToOsm({ fr: [slot('22:00', '24:00')] })).toBe('Fr 22:00-24:00')
  })

  it('writes off for a schedule that never opens', () => {
    expect(scheduleToOsm({})).toBe('off')
  })

  it('writes the public holiday rule: PH off when closed, the same rules on PH when open', () => {
    const morning = [slot('09:00', '13:00')]
    const schedule = { mo: morning, tu: morning, we: morning, th: morning, fr: morning, sa: [slot('09:00', '12:00')] }
    expect(scheduleToOsm(schedule, 'closed')).toBe('Mo-Fr 09:00-13:00; Sa 09:00-12:00; PH off')
    expect(scheduleToOsm(schedule, 'open')).toBe('Mo-Fr 09:00-13:00; Sa 09:00-12:00; PH Mo-Fr 09:00-13:00; PH Sa 09:00-12:00')
    expect(scheduleToOsm({}, 'closed')).toBe('off')
  })

  it('round-trips: osmToSchedule(scheduleToOsm(s, holidays)) gives back s and the holiday rule', () => {
    fc.assert(
      fc.property(canonicalSchedule(), fc.constantFrom(undefined, 'closed' as const, 'open' as const), (schedule, publicHolidays) => {
        const neverOpen = Object.keys(schedule).length === 0
        const expected = publicHolidays === undefined || neverOpen ? { ok: true, schedule } : { ok: true, schedule, publicHolidays }
        expect(osmToSchedule(scheduleToOsm(schedule, publicHolidays))).toEqual(expected)
      }),
      { numRuns: 150 },
    )
  })
})
