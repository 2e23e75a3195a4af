import { describe, expect, it } from 'vitest'
import type { Site } from '../../../shared/schemas/point.ts'
import { translator, loadMessages } from '../../../shared/i18n/messages.ts'
import { openingStatus, type OpeningStatusInput } from '../../../web/list/opening-status.ts'

await loadMessages('en')

// Tuesday 1 December 2026, 10:00 in Rome; the process runs in New York (vitest config).
const now = new Date('2026-12-01T10:00:00+01:00')
const it_ = translator('it')
const en = translator('en')
const office: Site = { id: 's1', kind: 'fixed', label: 'Biblioteca', address: null, location: { lat: 43.77, lon: 11.25 }, opening_hours: { tu: [{ start: '09:00', end: '13:00' }] } }
const scheduled: OpeningStatusInput = { status: 'active', open_now: false, closes_at: null, next_opening: null, sites: [office], opening_hours_text: 'mar 9:00–13:00', opening_hours_text_en: 'Tue 9:00–13:00' }
const closed = { ...scheduled, open_now: false, closes_at: null }
const unparsedText = 'Lun-Ven dalle 9:00 alle 13:00 Mar e Gio dalle 14:00 alle 16:'
/** The real Puglia row puglia-5447245 after import: hours kept as published, not readable. */
const unparsed: OpeningStatusInput = {
  ...closed,
  next_opening: null,
  sites: [{ ...office, opening_hours: undefined, opening_hours_source: unparsedText, opening_hours_unparsed: true }],
  opening_hours_text: unparsedText,
  opening_hours_text_en: unparsedText,
}

describe('openingStatus', () => {
  it('says when an open point closes, and counts minutes when it closes within the hour', () => {
    expect(openingStatus({ ...scheduled, open_now: true, closes_at: '2026-12-01T13:00:00+01:00' }, now, 'it', it_)).toEqual({ tone: 'open', text: 'Aperto ora · chiude alle 13:00' })
    expect(openingStatus({ ...scheduled, open_now: true, closes_at: '2026-12-01T10:20:00+01:00' }, now, 'it', it_).text).toBe('Aperto ora · chiude tra 20 min')
  })

  it('names the day of a closing that is not today, and calls a closing at 00:00 the end of the day before', () => {
    // A desk open round the clock until a holiday: it closes when Saturday ends, not "at 0:00" tonight.
    const roundTheClock = { ...scheduled, open_now: true }
    expect(openingStatus({ ...roundTheClock, closes_at: '2026-12-06T00:00:00+01:00' }, now, 'it', it_).text).toBe('Aperto ora · chiude sabato alle 24:00')
    expect(openingStatus({ ...roundTheClock, closes_at: '2026-12-02T00:00:00+01:00' }, now, 'it', it_).text).toBe('Aperto ora · chiude alle 24:00')
    expect(openingStatus({ ...roundTheClock, closes_at: '2026-12-02T13:00:00+01:00' }, now, 'it', it_).text).toBe('Aperto ora · chiude domani alle 13:00')
    expect(openingStatus({ ...roundTheClock, closes_at: '2026-12-24T00:00:00+01:00' }, now, 'it', it_).text).toBe('Aperto ora · chiude il 23 dicembre alle 24:00')
    expect(openingStatus({ ...roundTheClock, closes_at: '2026-12-06T00:00:00+01:00' }, now, 'en', en).text).toBe('Open now · closes Saturday at 24:00')
  })

  it('words the next opening as today, tomorrow, a weekday, or a date, on the Rome calendar', () => {
    expect(openingStatus({ ...closed, next_opening: '2026-12-01T15:00:00+01:00' }, now, 'it', it_)).toEqual({ tone: 'closed', text: 'Chiuso ora · apre oggi alle 15:00' })
    expect(openingStatus({ ...closed, next_opening: '2026-12-02T09:00:00+01:00' }, now, 'it', it_).text).toBe('Chiuso ora · apre domani alle 9:00')
    expect(openingStatus({ ...closed, next_opening: '2026-12-04T09:30:00+01:00' }, now, 'it', it_).text).toBe('Chiuso ora · apre venerdì alle 9:30')
    expect(openingStatus({ ...closed, next_opening: '2026-12-15T09:00:00+01:00' }, now, 'it', it_).text).toBe('Chiuso ora · apre il 15 dicembre alle 9:00')
    expect(openingStatus({ ...closed, next_opening: '2026-12-04T09:30:00+01:00' }, now, 'en', en).text).toBe('Closed now · opens Friday at 9:30')
  })

  it('says a weekday and a date in the case Slovene puts them in: "v soboto", "13. decembra" (it wrote "sobota", "13. december")', async () => {
    await loadMessages('sl')
    const sl = translator('sl')
    expect(openingStatus({ ...closed, next_opening: '2026-12-02T09:00:00+01:00' }, now, 'sl', sl).text).toBe('Zdaj zaprto · odpre jutri ob 9:00')
    expect(openingStatus({ ...closed, next_opening: '2026-12-05T09:30:00+01:00' }, now, 'sl', sl).text).toBe('Zdaj zaprto · odpre v soboto ob 9:30')
    expect(openingStatus({ ...closed, next_opening: '2026-12-13T09:00:00+01:00' }, now, 'sl', sl).text).toBe('Zdaj zaprto · odpre 13. decembra ob 9:00')
    expect(openingStatus({ ...scheduled, open_now: true, closes_at: '2026-12-04T00:00:00+01:00' }, now, 'sl', sl).text).toBe('Zdaj odprto · zapre v četrtek ob 24:00')
  })

  it('reads "tomorrow" across midnight in Rome, not in the process zone', () => {
    // 23:30 in Rome is still the afternoon in New York: tomorrow in Rome must win.
    const lateEvening = new Date('2026-12-01T23:30:00+01:00')
    expect(openingStatus({ ...closed, next_opening: '2026-12-02T09:00:00+01:00' }, lateEvening, 'it', it_).text).toBe('Chiuso ora · apre domani alle 9:00')
  })

  it('says closed with nothing scheduled only when the schedule is known', () => {
    expect(openingStatus(closed, now, 'it', it_)).toEqual({ tone: 'closed', text: 'Chiuso · nessuna apertura in programma' })
  })

  it('quotes hours it could not read as published instead of calling the point closed', () => {
    // The registry's own words are named apart, for the page to mark their language.
    expect(openingStatus(unparsed, now, 'it', it_)).toEqual({ tone: 'unknown', text: `Orari come pubblicati: ${unparsedText}`, quoted: unparsedText })
    expect(openingStatus(unparsed, now, 'en', en).text).toBe(`Hours as published: ${unparsedText}`)
  })

  it('shortens published hours to the length the list asks for, with an ellipsis', () => {
    const text = openingStatus(unparsed, now, 'it', it_, { publishedMaxLength: 20 }).text
    expect(text).toBe('Orari come pubblicati: Lun-Ven dalle 9:00…')
  })

  it('sends the citizen to the contacts when a point has no hours at all', () => {
    const noHours: OpeningStatusInput = { ...closed, sites: [{ ...office, opening_hours: undefined }], opening_hours_text: 'orari non indicati' }
    expect(openingStatus(noHours, now, 'it', it_)).toEqual({ tone: 'unknown', text: 'Orari non indicati: contatta il punto' })
    const emptyWeek: OpeningStatusInput = { ...closed, sites: [{ ...office, opening_hours: { mo: [] } }] }
    expect(openingStatus(emptyWeek, now, 'it', it_).tone).toBe('unknown')
  })

  it('still words a known next opening when another site of the point has unreadable hours', () => {
    const mixed: OpeningStatusInput = { ...unparsed, sites: [office, ...unparsed.sites], next_opening: '2026-12-08T09:00:00+01:00' }
    expect(openingStatus(mixed, now, 'it', it_)).toEqual({ tone: 'closed', text: "Chiuso ora · apre l'8 dicembre alle 9:00" })
  })

  it('says a suspended or closed point is not active, whatever its hours say', () => {
    expect(openingStatus({ ...scheduled, status: 'suspended', open_now: true, closes_at: '2026-12-01T13:00:00+01:00' }, now, 'it', it_)).toEqual({ tone: 'inactive', text: 'Sospeso: temporaneamente non attivo' })
    expect(openingStatus({ ...scheduled, status: 'closed', next_opening: '2026-12-01T15:00:00+01:00' }, now, 'it', it_)).toEqual({ tone: 'inactive', text: 'Chiuso definitivamente' })
    expect(openingStatus({ ...unparsed, status: 'suspended' }, now, 'en', en).text).toBe('Suspended: temporarily not active')
    expect(openingStatus({ ...scheduled, status: 'closed' }, now, 'en', en).text).toBe('Permanently closed')
  })
})
