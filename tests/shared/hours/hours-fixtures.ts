import fc from 'fast-check'
import { formatTimeOfDay } from '../../../shared/hours/normalize-schedule.ts'
import { WEEKDAYS, type WeeklySchedule, type Weekday } from '../../../shared/schemas/hours.ts'
import { PointRecordSchema, SiteSchema, type PointRecord, type Site } from '../../../shared/schemas/point.ts'

/**
 * Sites and points for the hours tests, validated by the real schemas so that no test relies
 * on data the registry would refuse.
 */
export function buildSite(overrides: Partial<Site> = {}): Site {
  return SiteSchema.parse({
    id: 'sede',
    kind: 'fixed',
    label: 'Biblioteca comunale',
    address: { street: 'Via Roma 1', postcode: '50100' },
    location: { lat: 43.7696, lon: 11.2558 },
    ...overrides,
  })
}

export function buildPoint(sites: Site[], overrides: Partial<PointRecord> = {}): PointRecord {
  return PointRecordSchema.parse({
    id: 'punto-test',
    name: 'Punto Digitale Facile',
    status: 'active',
    operator: { name: 'Comune di Firenze', type: 'comune' },
    region: { istat: '09', name: 'Toscana' },
    province: 'FI',
    comune: { istat: '048017', name: 'Firenze' },
    address: { street: 'Via Roma 1', postcode: '50100' },
    sites,
    services: ['assistenza_individuale'],
    topics: ['spid'],
    booking: 'walk_in',
    booking_url: null,
    contacts: { phone: null, email: null, website: null },
    languages: ['it'],
    accessibility: { step_free: true, notes: null },
    source: { dataset: 'test', original_id: '1' },
    updated_at: '2026-01-01T00:00:00+01:00',
    last_verified_at: null,
    version: 1,
    ...overrides,
  })
}

export const weekdays = (start: string, end: string) => ({
  mo: [{ start, end }],
  tu: [{ start, end }],
  we: [{ start, end }],
  th: [{ start, end }],
  fr: [{ start, end }],
})

/**
 * Schedules in canonical form (what the parsers return): per day up to 8 sorted intervals
 * that neither overlap nor touch, minute precision, ends up to 24:00, closed days left out.
 */
export const canonicalSchedule = (): fc.Arbitrary<WeeklySchedule> =>
  fc
    .tuple(...WEEKDAYS.map(() => fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { maxLength: 16 })))
    .map((perDay) => {
      const schedule: WeeklySchedule = {}
      perDay.forEach((bounds, i) => {
        const sorted = [...bounds].sort((a, b) => a - b)
        const intervals = []
        for (let k = 0; k + 1 < sorted.length; k += 2) {
          intervals.push({ start: formatTimeOfDay(sorted[k] as number), end: formatTimeOfDay(sorted[k + 1] as number) })
        }
        if (intervals.length > 0) schedule[WEEKDAYS[i] as Weekday] = intervals
      })
      return schedule
    })
