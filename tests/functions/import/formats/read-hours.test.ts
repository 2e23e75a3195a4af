import { describe, expect, it } from 'vitest'
import { readHours, type HoursParser } from '../../../../functions/import/formats/read-hours.ts'
import { osmToSchedule } from '../../../../shared/hours/osm.ts'

const MONDAY_MORNING = { mo: [{ start: '09:00', end: '12:00' }] }
const readsMondays: HoursParser = (text) => (text.includes('Mo') ? { ok: true, schedule: MONDAY_MORNING } : { ok: false, reason: 'no Mo' })
const readsNothing: HoursParser = () => ({ ok: false, reason: 'never' })

describe('readHours', () => {
  it('returns nothing for a missing text', () => {
    expect(readHours(null, [readsMondays])).toEqual({ hours: {}, warnings: [] })
  })

  it('takes the first parser that succeeds and keeps the source text', () => {
    expect(readHours('Mo 09:00-12:00', [readsNothing, readsMondays])).toEqual({
      hours: { opening_hours: MONDAY_MORNING, opening_hours_source: 'Mo 09:00-12:00' },
      warnings: [],
    })
  })

  it('passes on what the parser read about public holidays, and nothing when it read nothing', () => {
    const readsHolidays: HoursParser = () => ({ ok: true, schedule: MONDAY_MORNING, publicHolidays: 'open' })
    expect(readHours('Mo 09:00-12:00; PH Mo 09:00-12:00', [readsHolidays]).hours).toEqual({
      opening_hours: MONDAY_MORNING,
      public_holidays: 'open',
      opening_hours_source: 'Mo 09:00-12:00; PH Mo 09:00-12:00',
    })
    expect(readHours('Mo 09:00-12:00', [readsMondays]).hours).not.toHaveProperty('public_holidays')
  })

  it('reads PH off with osmToSchedule as a site closed on public holidays', () => {
    expect(readHours('Mo 09:00-12:00; PH off', [osmToSchedule]).hours).toEqual({
      opening_hours: MONDAY_MORNING,
      public_holidays: 'closed',
      opening_hours_source: 'Mo 09:00-12:00; PH off',
    })
  })

  it('marks the hours unparsed and gives every reason in one warning on opening_hours', () => {
    const { hours, warnings } = readHours('sempre', [readsNothing, readsMondays])
    expect(hours).toEqual({ opening_hours_source: 'sempre', opening_hours_unparsed: true })
    expect(warnings).toEqual([{ field: 'opening_hours', message: 'orari conservati come testo, non leggibili "sempre" / kept as text, could not read "sempre": never; no Mo' }])
  })

  it('keeps at most 2000 characters of source text, and says so', () => {
    const { hours, warnings } = readHours(`Mo ${'x'.repeat(2100)}`, [readsMondays])
    expect(hours.opening_hours_source).toHaveLength(2000)
    expect(warnings.map((w) => w.field)).toEqual(['opening_hours'])
  })

  it('reads hours only from the text it keeps, so the schedule never says more than the stored source', () => {
    const { hours } = readHours(`${'x'.repeat(2100)} Mo 09:00-12:00`, [readsMondays])
    expect(hours.opening_hours).toBeUndefined()
    expect(hours.opening_hours_unparsed).toBe(true)
  })
})
