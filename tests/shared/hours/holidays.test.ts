import { describe, expect, it } from 'vitest'
import { easterSunday, isItalianPublicHoliday, italianPublicHolidays } from '../../../shared/hours/holidays.ts'
import { addDays, weekdayOf } from '../../../shared/hours/rome-time.ts'

describe('easterSunday', () => {
  it('matches the published dates of Easter', () => {
    expect(easterSunday(2024)).toBe('2024-03-31')
    expect(easterSunday(2025)).toBe('2025-04-20')
    expect(easterSunday(2026)).toBe('2026-04-05')
    expect(easterSunday(2027)).toBe('2027-03-28')
    expect(easterSunday(2038)).toBe('2038-04-25')
    expect(easterSunday(2285)).toBe('2285-03-22')
  })

  it('always falls on a Sunday between 22 March and 25 April', () => {
    for (let year = 1900; year <= 2200; year++) {
      const easter = easterSunday(year)
      expect(weekdayOf(easter)).toBe('su')
      expect(easter.slice(5) >= '03-22' && easter.slice(5) <= '04-25').toBe(true)
    }
  })
})

describe('italianPublicHolidays', () => {
  it('lists the twelve national holidays of 2026 in date order, Easter Monday and San Francesco included', () => {
    expect(italianPublicHolidays(2026).map(({ date, name }) => ({ date, name }))).toEqual([
      { date: '2026-01-01', name: 'Capodanno' },
      { date: '2026-01-06', name: 'Epifania' },
      { date: '2026-04-06', name: "Lunedì dell'Angelo (Pasquetta)" },
      { date: '2026-04-25', name: 'Festa della Liberazione' },
      { date: '2026-05-01', name: 'Festa del Lavoro' },
      { date: '2026-06-02', name: 'Festa della Repubblica' },
      { date: '2026-08-15', name: 'Ferragosto' },
      { date: '2026-10-04', name: "San Francesco d'Assisi, patrono d'Italia" },
      { date: '2026-11-01', name: 'Ognissanti' },
      { date: '2026-12-08', name: 'Immacolata Concezione' },
      { date: '2026-12-25', name: 'Natale' },
      { date: '2026-12-26', name: 'Santo Stefano' },
    ])
  })

  it('names each holiday in every language of the interface, by its key', async () => {
    const { readFileSync } = await import('node:fs')
    for (const lang of ['it', 'en', 'de', 'fr', 'sl']) {
      const catalogue = JSON.parse(readFileSync(`shared/i18n/messages/${lang}.json`, 'utf8')) as Record<string, string>
      for (const holiday of italianPublicHolidays(2026)) expect(catalogue[`holiday.${holiday.key}`], `${lang} ${holiday.key}`).toBeTruthy()
    }
    expect(italianPublicHolidays(2026).find((h) => h.date === '2026-04-06')?.key).toBe('easter_monday')
  })

  it('adds San Francesco on 4 October only from 2026, when the law restored it', () => {
    expect(italianPublicHolidays(2025)).toHaveLength(11)
    expect(italianPublicHolidays(2025).map((h) => h.date)).not.toContain('2025-10-04')
    expect(italianPublicHolidays(2027).map((h) => h.date)).toContain('2027-10-04')
  })

  it('keeps date order when Easter Monday falls on 25 April', () => {
    const dates = italianPublicHolidays(2011).map((h) => h.date)
    expect(dates).toContain('2011-04-25')
    expect(dates.filter((d) => d === '2011-04-25')).toHaveLength(2)
    expect([...dates].sort()).toEqual(dates)
  })

  it('rejects a year that is not a Gregorian calendar year', () => {
    expect(() => italianPublicHolidays(2026.5)).toThrow('year must be a Gregorian year 1583–9999, got 2026.5')
  })
})

describe('isItalianPublicHoliday', () => {
  it('agrees with italianPublicHolidays on every day of 2024–2028', () => {
    for (let year = 2024; year <= 2028; year++) {
      const holidays = new Set(italianPublicHolidays(year).map((h) => h.date))
      for (let date = `${year}-01-01`; date.startsWith(String(year)); date = addDays(date, 1)) {
        expect(isItalianPublicHoliday(date), date).toBe(holidays.has(date))
      }
    }
  })

  it('knows Easter Monday but not Easter Sunday or Christmas Eve', () => {
    expect(isItalianPublicHoliday('2027-03-29')).toBe(true)
    expect(isItalianPublicHoliday('2027-03-28')).toBe(false)
    expect(isItalianPublicHoliday('2026-12-24')).toBe(false)
  })

  it('answers false, without throwing, for years outside the Gregorian range it knows', () => {
    expect(isItalianPublicHoliday('1500-12-25')).toBe(false)
    expect(isItalianPublicHoliday('1583-12-25')).toBe(true)
  })
})
