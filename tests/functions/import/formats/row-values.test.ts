import { describe, expect, it } from 'vitest'
import { ITALY_BOUNDS, coordinates, decimal, isIsoDate, italianDateToIso, listOf, text, verificationDate } from '../../../../functions/import/formats/row-values.ts'

const now = new Date('2026-11-26T12:00:00Z')

describe('cell readers', () => {
  it('treats blank and missing cells alike and trims text', () => {
    expect(text({ a: '  x ' }, 'a')).toBe('x')
    expect(text({ a: '   ' }, 'a')).toBeNull()
    expect(text({ a: null }, 'a')).toBeNull()
    expect(text({}, 'a')).toBeNull()
    expect(text({ a: 41.5 }, 'a')).toBe('41.5')
  })

  it('splits multi-valued cells and drops empty parts', () => {
    expect(listOf(' a | b ;;c ')).toEqual(['a', 'b', 'c'])
    expect(listOf(null)).toEqual([])
  })

  it('reads decimals with a point or a comma and nothing else', () => {
    expect(decimal('41,5')).toBe(41.5)
    expect(decimal('-0.25')).toBe(-0.25)
    expect(decimal('41.5N')).toBeNaN()
    expect(decimal('')).toBeNaN()
  })

  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2026-02-29')).toBe(false)
    expect(isIsoDate('2026-2-1')).toBe(false)
  })
})

describe('coordinates', () => {
  const columns = { lat: 'lat', lon: 'lon' }
  it('rejects the 0,0 placeholder', () => {
    expect(coordinates({ lat: '0', lon: '0' }, columns, ITALY_BOUNDS)).toEqual({ ok: false, error: { field: 'lat', message: '0, 0 è un segnaposto, non un luogo / 0, 0 is a placeholder, not a place' } })
  })

  it('names the longitude when only the longitude is out of bounds', () => {
    expect(coordinates({ lat: '41', lon: '25' }, columns, ITALY_BOUNDS)).toMatchObject({ ok: false, error: { field: 'lon' } })
  })

  it('says in Italian, then in English, that a point is outside Italy, with its coordinates', () => {
    expect(coordinates({ lat: '45.80', lon: '18.93' }, columns, ITALY_BOUNDS)).toEqual({
      ok: false,
      error: { field: 'lon', message: "fuori dall'Italia (45.8, 18.93) / outside Italy (45.8, 18.93)" },
    })
  })
})

describe('italianDateToIso', () => {
  it('turns day/month/year into an ISO date and day/month into a recurring month-day', () => {
    expect(italianDateToIso('1/3/2024')).toBe('2024-03-01')
    expect(italianDateToIso(' 15/06 ')).toBe('--06-15')
    expect(italianDateToIso('2024-03-01')).toBeNull()
  })

  it('reads the dates Italian Excel writes back: 15-giu for a typed 15/06, 15-giu-26, 24-dic, 15/06/26 (each refused, the office stuck in a loop)', () => {
    expect(italianDateToIso('15-giu')).toBe('--06-15')
    expect(italianDateToIso('24-DIC')).toBe('--12-24')
    expect(italianDateToIso('15-giu-26')).toBe('2026-06-15')
    expect(italianDateToIso('1-set-2027')).toBe('2027-09-01')
    expect(italianDateToIso('15/06/26')).toBe('2026-06-15')
    expect(italianDateToIso('15-xyz')).toBeNull()
  })
})

describe('verificationDate', () => {
  it('keeps a whole instant only when the registry can store it (seconds included), and reads a shorter one as its day', () => {
    expect(verificationDate('2026-10-15T09:30:00+02:00', 'verificato_il', now)).toEqual({ value: '2026-10-15T09:30:00+02:00' })
    expect(verificationDate('2026-10-15T09:30+02:00', 'verificato_il', now)).toEqual({ value: '2026-10-15T00:00:00Z' })
    expect(verificationDate('2026-10-15T09:30Z', 'verificato_il', now)).toEqual({ value: '2026-10-15T00:00:00Z' })
  })

  it("reads the download's instant as a spreadsheet shows it again (15/10/2026 09:30) as Rome's wall clock, not as no date", () => {
    expect(verificationDate('15/10/2026 09:30', 'verificato_il', now)).toEqual({ value: '2026-10-15T09:30:00+02:00' })
    expect(verificationDate('15/10/2026 09:30:12', 'verificato_il', now)).toEqual({ value: '2026-10-15T09:30:12+02:00' })
    expect(verificationDate('1/12/2025 8.05', 'verificato_il', now)).toEqual({ value: '2025-12-01T08:05:00+01:00' })
    expect(verificationDate('31/02/2026 09:30', 'verificato_il', now).warning?.field).toBe('verificato_il')
  })

  it('turns a date into midnight UTC of that day, also when written the Italian way', () => {
    expect(verificationDate('2024-03-01', 'date_maj', now)).toEqual({ value: '2024-03-01T00:00:00Z' })
    expect(verificationDate('1/3/2024', 'verificato_il', now)).toEqual({ value: '2024-03-01T00:00:00Z' })
  })

  it("takes Rome's today as today between its midnight and UTC's: a file checked today, imported at 00:30, is not 'in the future'", () => {
    // 00:30 in Rome on 7 December is 23:30 UTC on the 6th; the 7th has begun in Rome.
    const justAfterRomeMidnight = new Date('2026-12-06T23:30:00Z')
    expect(verificationDate('2026-12-07', 'verificato_il', justAfterRomeMidnight)).toEqual({ value: '2026-12-06T23:30:00Z' })
    expect(verificationDate('07/12/2026', 'verificato_il', justAfterRomeMidnight)).toEqual({ value: '2026-12-06T23:30:00Z' })
    expect(verificationDate('2026-12-08', 'verificato_il', justAfterRomeMidnight).warning?.message).toContain('nel futuro')
    // A whole instant is compared as an instant.
    expect(verificationDate('2026-12-07T00:10:00+01:00', 'verificato_il', justAfterRomeMidnight)).toEqual({ value: '2026-12-07T00:10:00+01:00' })
    expect(verificationDate('2026-12-07T00:40:00+01:00', 'verificato_il', justAfterRomeMidnight).warning?.message).toContain('nel futuro')
  })

  it('ignores malformed, placeholder and future dates with a warning naming the column', () => {
    expect(verificationDate('2024.03.01', 'date_maj', now).warning?.field).toBe('date_maj')
    expect(verificationDate('31/02/2024', 'date_maj', now).warning?.field).toBe('date_maj')
    expect(verificationDate('1970-01-01', 'date_maj', now)).toMatchObject({ value: null, warning: { message: '1970-01-01 sembra un segnaposto; ignorata / 1970-01-01 looks like a placeholder; ignored' } })
    expect(verificationDate('2026-11-27', 'date_maj', now)).toMatchObject({ value: null, warning: { message: '2026-11-27 è nel futuro; ignorata / 2026-11-27 is in the future; ignored' } })
  })
})
