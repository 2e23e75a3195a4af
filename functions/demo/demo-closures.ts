import type { Closure, LocalDate } from '../../shared/schemas/hours.ts'
import { isItalianPublicHoliday } from '../../shared/hours/holidays.ts'
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
 * The comune's patron saint's day in each of the given years, as closures; none where the
 * patron is not known. National public holidays are not listed: they are a rule of the calendar
 * that closes every site unless it says `public_holidays: 'open'`, not data to repeat per site.
 */
export function patronSaintClosures(years: readonly number[], comuneIstat: string | null): Closure[] {
  const patron = comuneIstat === null ? undefined : PATRON_SAINTS[comuneIstat]
  if (!patron) return []
  // San Petronio (Bologna) shares 4 October with San Francesco: a national holiday needs no closure.
  return years
    .map((year): LocalDate => `${year}-${patron.monthDay}`)
    .filter((date) => !isItalianPublicHoliday(date))
    .map((date) => ({ from: date, to: date, reason: patron.name }))
}

/** The two weeks around Ferragosto, Monday to Sunday, when many libraries close. */
export function augustClosure(year: number): Closure {
  let monday = `${year}-08-08`
  while (weekdayOf(monday) !== 'mo') monday = addDays(monday, 1)
  return { from: monday, to: addDays(monday, 13), reason: 'Chiusura estiva' }
}
