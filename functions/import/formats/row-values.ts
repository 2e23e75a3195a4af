import { LocalDateSchema } from '../../../shared/schemas/hours.ts'
import { bilingual } from './bilingual.ts'
import { romeInstant, toRomeWallClock } from '../../../shared/hours/rome-time.ts'
import { toRomeIso } from '../../../shared/util/rome-iso.ts'
import type { RowError } from './format.ts'

/**
 * Reading typed values out of raw source cells. Cells arrive as strings from CSV and as
 * strings, numbers or null from JSON; every reader goes through these so "" and "   " and null
 * all mean "absent" the same way everywhere.
 */

/** The trimmed text of a cell, or null when the cell is absent or blank. */
export function text(row: Record<string, unknown>, column: string): string | null {
  const value = row[column]
  if (value === null || value === undefined) return null
  const s = (typeof value === 'string' ? value : String(value)).trim()
  return s.length > 0 ? s : null
}

/** Splits a multi-valued cell ("a|b", "a;b") into trimmed, non-empty parts. */
export function listOf(value: string | null, separators: RegExp = /[|;]/): string[] {
  if (value === null) return []
  return value
    .split(separators)
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
}

/** A decimal number written with "." or "," ("41,1267"); NaN when absent or not a number. */
export function decimal(value: string | null): number {
  if (value === null) return Number.NaN
  const normalised = value.replace(',', '.')
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(normalised) ? Number(normalised) : Number.NaN
}

export type Coordinates = { lat: number; lon: number }
export interface Bounds {
  readonly minLat: number
  readonly maxLat: number
  readonly minLon: number
  readonly maxLon: number
  /** How the report names the area a point falls outside of, in Italian and in English. */
  readonly outside: { readonly it: string; readonly en: string }
}
/** Italy with its islands (Lampedusa to the Brenner, Sardinia to Otranto), with a small margin. */
export const ITALY_BOUNDS: Bounds = { minLat: 35.2, maxLat: 47.2, minLon: 6.4, maxLon: 18.7, outside: { it: "fuori dall'Italia", en: 'outside Italy' } }
/** The whole globe: for foreign data, where only the WGS84 ranges can be checked. */
export const WORLD_BOUNDS: Bounds = {
  minLat: -90, maxLat: 90, minLon: -180, maxLon: 180,
  outside: { it: 'fuori dagli intervalli WGS84', en: 'outside the WGS84 ranges' },
}

/**
 * Reads a latitude/longitude pair, naming the column at fault. Both missing is reported on the
 * latitude column once; a pair that fits only when swapped says so, because that is the usual mistake.
 */
export function coordinates(
  row: Record<string, unknown>,
  columns: { lat: string; lon: string },
  bounds: Bounds,
): { ok: true; value: Coordinates } | { ok: false; error: RowError } {
  const latText = text(row, columns.lat)
  const lonText = text(row, columns.lon)
  if (latText === null && lonText === null) {
    return { ok: false, error: { field: columns.lat, message: bilingual(`mancano ${columns.lat} e ${columns.lon}`, `${columns.lat} and ${columns.lon} are missing`) } }
  }
  const lat = decimal(latText)
  const lon = decimal(lonText)
  if (Number.isNaN(lat)) return { ok: false, error: { field: columns.lat, message: notDecimal(columns.lat, latText) } }
  if (Number.isNaN(lon)) return { ok: false, error: { field: columns.lon, message: notDecimal(columns.lon, lonText) } }
  if (lat === 0 && lon === 0) return { ok: false, error: { field: columns.lat, message: bilingual('0, 0 è un segnaposto, non un luogo', '0, 0 is a placeholder, not a place') } }
  const inside = (la: number, lo: number) => la >= bounds.minLat && la <= bounds.maxLat && lo >= bounds.minLon && lo <= bounds.maxLon
  if (inside(lat, lon)) return { ok: true, value: { lat, lon } }
  const swapped = inside(lon, lat)
  const field = lat < bounds.minLat || lat > bounds.maxLat ? columns.lat : columns.lon
  const message = bilingual(
    `${bounds.outside.it} (${lat}, ${lon})${swapped ? ': latitudine e longitudine sembrano scambiate' : ''}`,
    `${bounds.outside.en} (${lat}, ${lon})${swapped ? ': latitude and longitude look swapped' : ''}`,
  )
  return { ok: false, error: { field, message } }
}

const notDecimal = (column: string, value: string | null) =>
  bilingual(`${column} non è un numero decimale: ${JSON.stringify(value ?? '')}`, `${column} is not a decimal number: ${JSON.stringify(value ?? '')}`)

/** A real calendar date YYYY-MM-DD (2026-02-30 is not one). */
export const isIsoDate = (s: string): boolean => LocalDateSchema.safeParse(s).success

/**
 * A date as Italian spreadsheets write it, in ISO: "27/10/2026" (or "27/10/26") → "2026-10-27", and
 * without a year "15/06" → "--06-15" (the recurring month-day); Italian Excel's "15-giu" and
 * "15-giu-26" too, what it saves for a typed 15/06. null when the text is not written that way;
 * whether the day exists is left to the caller's check.
 */
export function italianDateToIso(value: string): string | null {
  const trimmed = value.trim()
  const italian = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?$/.exec(trimmed)
  if (italian) return isoOf(italian[1]!, italian[2]!, italian[3])
  // Italian Excel shows a typed 15/06 as 15-giu, and saves it so (15-giu-26 with a year).
  const excel = /^(\d{1,2})-([a-z]{3})(?:-(\d{4}|\d{2}))?$/i.exec(trimmed)
  const month = excel ? EXCEL_MONTHS.indexOf(excel[2]!.toLowerCase()) + 1 : 0
  return excel && month > 0 ? isoOf(excel[1]!, String(month), excel[3]) : null
}

/** Italian Excel's months in its dates (15-giu). */
const EXCEL_MONTHS = ['gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic']

/** A day and month, and a year of four or two digits (26 is 2026), as ISO; no year: the recurring --MM-DD. */
const isoOf = (day: string, month: string, year: string | undefined): string =>
  `${year === undefined ? '-' : year.length === 2 ? `20${year}` : year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`

/** The instant a spreadsheet shows for a download's ISO date-time: `15/10/2026 09:30`, seconds optional. */
const ITALIAN_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$/

/** As the registry stores `last_verified_at` (seconds required): a shorter instant is read as its day. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/

/**
 * A "verified on / updated on" date as `last_verified_at`. Unknown stays null; a date that cannot
 * be a verification (malformed, before 2000 like the 1970-01-01 placeholders, or after `now`) also
 * becomes null, with a warning naming the column, instead of a rejection: the point is still good.
 */
export function verificationDate(
  value: string | null,
  column: string,
  now: Date,
): { value: string | null; warning?: RowError } {
  if (value === null) return { value: null }
  // The download's instant as a spreadsheet shows it again (15/10/2026 09:30): Rome's wall clock.
  const italianWall = ITALIAN_DATE_TIME.exec(value.trim())
  if (italianWall) {
    const [, day, month, year, hours, minutes, seconds] = italianWall
    const wallDate = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`
    if (isIsoDate(wallDate) && Number(hours) < 24 && Number(minutes) < 60) {
      const at = new Date(romeInstant(wallDate, Number(hours) * 60 + Number(minutes)).getTime() + Number(seconds ?? 0) * 1000)
      return verificationDate(toRomeIso(at), column, now)
    }
  }
  // Italian spreadsheets save dates as 27/10/2026: read them as such, not as an error.
  const date = italianDateToIso(value) ?? value.slice(0, 10)
  if (!isIsoDate(date)) return { value: null, warning: { field: column, message: bilingual(
      `${JSON.stringify(value)} non è una data (AAAA-MM-GG o GG/MM/AAAA); ignorata`,
      `${JSON.stringify(value)} is not a date (YYYY-MM-DD or DD/MM/YYYY); ignored`,
    ) } }
  // A whole instant (as the registry's own download writes it) is kept as it is.
  const instant = ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? value : `${date}T00:00:00Z`
  if (date < '2000-01-01') return { value: null, warning: { field: column, message: bilingual(`${date} sembra un segnaposto; ignorata`, `${date} looks like a placeholder; ignored`) } }
  // A day is in the future when it is after Rome's today: between midnight and 01:00 (02:00 in
  // summer) Rome's today has begun while its midnight UTC is still to come, and a file checked
  // today is stored as checked now, not refused.
  const future = instant === value ? Date.parse(instant) > now.getTime() : date > toRomeWallClock(now).date
  if (future) return { value: null, warning: { field: column, message: bilingual(`${date} è nel futuro; ignorata`, `${date} is in the future; ignored`) } }
  return { value: Date.parse(instant) > now.getTime() ? `${now.toISOString().slice(0, 19)}Z` : instant }
}
