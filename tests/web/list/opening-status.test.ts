import { describe, expect, it } from 'vitest'
import { translator } from '../../../web/i18n/messages.ts'
import { openingStatus } from '../../../web/list/opening-status.ts'

// Tuesday 1 December 2026, 10:00 in Rome; the process runs in New York (vitest config).
const now = new Date('2026-12-01T10:00:00+01:00')
const it_ = translator('it')
const en = translator('en')
const closed = { open_now: false, closes_at: null }

describe('openingStatus', () => {
  it('says when an open point closes, and counts minutes when it closes within the hour', () => {
    expect(openingStatus({ open_now: true, closes_at: '2026-12-01T13:00:00+01:00', next_opening: null }, now, 'it', it_)).toEqual({ open: true, text: 'Aperto ora · chiude alle 13:00' })
    expect(openingStatus({ open_now: true, closes_at: '2026-12-01T10:20:00+01:00', next_opening: null }, now, 'it', it_).text).toBe('Aperto ora · chiude tra 20 min')
  })

  it('words the next opening as today, tomorrow, a weekday, or a date, on the Rome calendar', () => {
    expect(openingStatus({ ...closed, next_opening: '2026-12-01T15:00:00+01:00' }, now, 'it', it_).text).toBe('Chiuso ora · apre oggi alle 15:00')
    expect(openingStatus({ ...closed, next_opening: '2026-12-02T09:00:00+01:00' }, now, 'it', it_).text).toBe('Chiuso ora · apre domani alle 9:00')
    expect(openingStatus({ ...closed, next_opening: '2026-12-04T09:30:00+01:00' }, now, 'it', it_).text).toBe('Chiuso ora · apre venerdì alle 9:30')
    expect(openingStatus({ ...closed, next_opening: '2026-12-15T09:00:00+01:00' }, now, 'it', it_).text).toBe('Chiuso ora · apre il 15 dicembre alle 9:00')
    expect(openingStatus({ ...closed, next_opening: '2026-12-04T09:30:00+01:00' }, now, 'en', en).text).toBe('Closed now · opens Friday at 9:30')
  })

  it('reads "tomorrow" across midnight in Rome, not in the process zone', () => {
    // 23:30 in Rome is still the afternoon in New York: tomorrow in Rome must win.
    const lateEvening = new Date('2026-12-01T23:30:00+01:00')
    expect(openingStatus({ ...closed, next_opening: '2026-12-02T09:00:00+01:00' }, lateEvening, 'it', it_).text).toBe('Chiuso ora · apre domani alle 9:00')
  })

  it('says so when no opening is scheduled', () => {
    expect(openingStatus({ ...closed, next_opening: null }, now, 'it', it_)).toEqual({ open: false, text: 'Chiuso · nessuna apertura in programma' })
  })
})
