import type { Closure, LocalDate } from '../../shared/schemas/hours.ts'
import { italianPublicHolidays } from '../../shared/hours/holidays.ts'
import { addDays, weekdayOf } from '../../shared/hours/rome-time.ts'

/**
 * Patron saints' days of some big cities, a local holiday when municipal offices close
 * (month-day, name). Only cities whose feast every resident knows.
 */
const PATRON_SAINTS: Readonly<Record<string, { readonly monthDay: string; readonly name: string }>> = {
  '001272': { monthDay: '06-24', name: 'San Giovanni, patrono di Torino' },
  '010025': { monthDay: '06-24', name: 'San Giovanni Battista, patrono di Genova' },
  '048017': { monthDay: '06-24', name: 'San Giovanni, patrono di Firenze' },
  '015146': { monthDay: '12-07', name: "Sant'Ambrogio, patrono di Milano" },
  '058091': { monthDay: '06-29', name: 'Santi Pietro e Paolo, patroni di Roma' },
  '063049': { monthDay: '09-19', name: 'San Gennaro, patrono di Napoli' },
  '037006': { monthDay: '10-04', name: 'San Petronio, patrono di Bologna' },
  '082053': { monthDay: '07-15', name: 'Santa Rosalia, patrona di Palermo' },
  '072006': { monthDay: '12-06', name: 'San Nicola, patrono di Bari' },
  '032006': { monthDay: '11-03', name: 'San Giusto, patrono di Trieste' },
}

/**
 * The national public holidays of the given years, plus the comune's patron saint where known,
 * as closures. Consecutive days (Christmas and Santo Stefano) become one closure.
 */
export function holidayClosures(years: readonly number[], comuneIstat: string | null): Closure[] {
  const patron = comuneIstat === null ? undefined : PATRON_SAINTS[comuneIstat]
  const days = years.flatMap((year) => [
    ...italianPublicHolidays(year),
    ...(patron ? [{ date: `${year}-${patron.monthDay}`, name: patron.name }] : []),
  ])
  const byDate = new Map<LocalDate, string>()
  for (const d of days.sort((a, b) => a.date.localeCompare(b.date))) {
    byDate.set(d.date, byDate.has(d.date) ? `${byDate.get(d.date)}; ${d.name}` : d.name)
  }
  const closures: Closure[] = []
  for (const [date, name] of byDate) {
    const last = closures.at(-1)
    if (last && addDays(last.to, 1) === date) {
      last.to = date
      last.reason = `${last.reason} e ${name}`
    } else {
      closures.push({ from: date, to: date, reason: name })
    }
  }
  return closures
}

/** The two weeks around Ferragosto, Monday to Sunday, when many libraries close. */
export function augustClosure(year: number): Closure {
  let monday = `${year}-08-08`
  while (weekdayOf(monday) !== 'mo') monday = addDays(monday, 1)
  return { from: monday, to: addDays(monday, 13), reason: 'Chiusura estiva' }
}
