import { addDays } from './rome-time.ts'
import { compareCodeUnits } from '../util/compare-code-units.ts'

export interface PublicHoliday {
  /** YYYY-MM-DD */
  date: string
  name: string
  /** Its key in the message catalogues (`holiday.<key>`): the month-day of a fixed one, `easter_monday`. */
  key: string
}

const FIXED_HOLIDAYS: ReadonlyArray<[monthDay: string, name: string]> = [
  ['01-01', 'Capodanno'],
  ['01-06', 'Epifania'],
  ['04-25', 'Festa della Liberazione'],
  ['05-01', 'Festa del Lavoro'],
  ['06-02', 'Festa della Repubblica'],
  ['08-15', 'Ferragosto'],
  ['11-01', 'Ognissanti'],
  ['12-08', 'Immacolata Concezione'],
  ['12-25', 'Natale'],
  ['12-26', 'Santo Stefano'],
]

/** San Francesco d'Assisi, 4 October: a national holiday again from 2026 (legge 151/2025). */
const SAN_FRANCESCO = { monthDay: '10-04', name: "San Francesco d'Assisi, patrono d'Italia", since: 2026 } as const
const FIRST_GREGORIAN_YEAR = 1583
const LAST_YEAR = 9999

/** Gregorian Easter Sunday (the anonymous algorithm of Meeus/Jones/Butcher), YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * Italy's national public holidays of a year, in date order: the fixed ones, San Francesco from
 * 2026, and Easter Monday (Easter Sunday itself is a Sunday and not listed). Patron saints' days
 * are local and not here: sites list them as closures.
 */
export function italianPublicHolidays(year: number): PublicHoliday[] {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_YEAR || year > LAST_YEAR) {
    throw new RangeError(`year must be a Gregorian year ${FIRST_GREGORIAN_YEAR}–${LAST_YEAR}, got ${year}`)
  }
  const yyyy = String(year)
  const holidays = FIXED_HOLIDAYS.map(([monthDay, name]) => ({ date: `${yyyy}-${monthDay}`, name, key: monthDay }))
  if (year >= SAN_FRANCESCO.since) holidays.push({ date: `${yyyy}-${SAN_FRANCESCO.monthDay}`, name: SAN_FRANCESCO.name, key: SAN_FRANCESCO.monthDay })
  holidays.push({ date: addDays(easterSunday(year), 1), name: "Lunedì dell'Angelo (Pasquetta)", key: 'easter_monday' })
  return holidays.sort((x, y) => compareCodeUnits(x.date, y.date))
}

// Opening-hours checks ask about the same few years millions of times: one Set per year.
const holidayDatesByYear = new Map<number, ReadonlySet<string>>()

/**
 * Whether a YYYY-MM-DD date is an Italian national public holiday. Memoised per year, so the
 * hot path is a Set lookup. Years outside 1583–9999 have no holidays here (and never throw:
 * an odd `open_at` must not turn a query into an error).
 */
export function isItalianPublicHoliday(date: string): boolean {
  const year = Number(date.slice(0, 4))
  let dates = holidayDatesByYear.get(year)
  if (dates === undefined) {
    if (!Number.isInteger(year) || year < FIRST_GREGORIAN_YEAR || year > LAST_YEAR) return false
    dates = new Set(italianPublicHolidays(year).map((h) => h.date))
    holidayDatesByYear.set(year, dates)
  }
  return dates.has(date)
}
