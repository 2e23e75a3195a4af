import { ClosureSchema, StopSchema, type Closure, type Stop } from '../../../shared/schemas/hours.ts'
import { bilingual } from './bilingual.ts'
import type { RowError } from './format.ts'
import { italianDateToIso } from './row-values.ts'

/**
 * The template's cells that hold a list of dated things (docs/import-template.md), written and
 * read here, so the open-data download and the import agree on one syntax:
 * - `chiusure`: `2026-08-10/2026-08-21 Ferie estive | 2026-12-24` (from/to both included, a
 *   single date for one day, then an optional reason; `10/08/2026-21/08/2026` is read too);
 * - `fermate`: `2026-12-12 09:00-12:30 @ 43.4701,11.1502 (052022) Centro anziani` (a van's dated
 *   stop: date, hours, position, optional ISTAT code of the comune, the place's name).
 * Entries are separated by `|`; a `|` or `\` inside a reason or a name is written `\|`, `\\`.
 */

const ENTRY_SEPARATOR = ' | '

const escapeText = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|')

/** The entries of a cell, split on unescaped `|`, unescaped and trimmed. */
function entriesOf(cell: string): string[] {
  const entries: string[] = []
  let current = ''
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i]!
    if (c === '\\' && i + 1 < cell.length) current += cell[++i]
    else if (c === '|') {
      entries.push(current)
      current = ''
    } else current += c
  }
  entries.push(current)
  return entries.map((entry) => entry.trim()).filter((entry) => entry.length > 0)
}

const isoDate = (value: string): string => italianDateToIso(value) ?? value

export function closuresCell(closures: readonly Closure[] | undefined): string {
  return (closures ?? [])
    .map((c) => `${c.from === c.to ? c.from : `${c.from}/${c.to}`}${c.reason ? ` ${escapeText(c.reason)}` : ''}`)
    .join(ENTRY_SEPARATOR)
}

const CLOSURE = /^(\d{4}-\d{2}-\d{2})(?:\/(\d{4}-\d{2}-\d{2}))?(?:\s+(.+))?$/s
/** As an Italian spreadsheet saves dates: 24/12/2026, a range 10/08/2026-21/08/2026. */
const ITALIAN_CLOSURE = /^(\d{1,2}\/\d{1,2}\/\d{4})(?:\s*-\s*(\d{1,2}\/\d{1,2}\/\d{4}))?(?:\s+(.+))?$/s

/** Closures from a `chiusure` cell; an entry that is not one is left out with a warning saying which. */
export function readClosures(cell: string | null, column: string, warnings: RowError[]): Closure[] | undefined {
  if (cell === null) return undefined
  const closures: Closure[] = []
  for (const entry of entriesOf(cell)) {
    const match = CLOSURE.exec(entry) ?? ITALIAN_CLOSURE.exec(entry)
    const from = match && isoDate(match[1]!)
    const parsed = match && ClosureSchema.safeParse({ from, to: match[2] ? isoDate(match[2]) : from, ...(match[3] ? { reason: match[3].trim() } : {}) })
    if (parsed?.success) closures.push(parsed.data)
    else {
      const shown = JSON.stringify(entry)
      warnings.push({ field: column, message: bilingual(
        `${shown} non è una chiusura (AAAA-MM-GG, oppure AAAA-MM-GG/AAAA-MM-GG, poi il motivo); ignorata`,
        `${shown} is not a closure (YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD, then the reason); ignored`,
      ) })
    }
  }
  return closures.length > 0 ? closures : undefined
}

export function stopsCell(stops: readonly Stop[] | undefined): string {
  return (stops ?? [])
    .map((s) => {
      const { label, location, comune_istat: istat } = s.place
      // The code's parentheses are written even empty, so a name that starts with "(123456)" is never read as a code.
      return `${s.date} ${s.start}-${s.end} @ ${location.lat},${location.lon} (${istat ?? ''}) ${escapeText(label)}`
    })
    .join(ENTRY_SEPARATOR)
}

const STOP = /^(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4})\s+(\d{1,2}[:.]\d{2})\s*-\s*(\d{1,2}[:.]\d{2})\s+@\s*(-?\d+(?:[.]\d+)?)\s*,\s*(-?\d+(?:[.]\d+)?)(?:\s+\((\d{6})?\))?\s+(.+)$/s

const timeOf = (value: string): string => value.replace('.', ':').padStart(5, '0')

/** A van's dated stops from a `fermate` cell; an entry that is not one is left out with a warning. */
export function readStops(cell: string | null, column: string, warnings: RowError[]): Stop[] | undefined {
  if (cell === null) return undefined
  const stops: Stop[] = []
  for (const entry of entriesOf(cell)) {
    const match = STOP.exec(entry)
    const parsed = match && StopSchema.safeParse({
      date: isoDate(match[1]!),
      start: timeOf(match[2]!),
      end: timeOf(match[3]!),
      place: { label: match[7]!.trim(), ...(match[6] ? { comune_istat: match[6] } : {}), location: { lat: Number(match[4]), lon: Number(match[5]) } },
    })
    if (parsed?.success) stops.push(parsed.data)
    else {
      const shown = JSON.stringify(entry)
      warnings.push({ field: column, message: bilingual(
        `${shown} non è una fermata (AAAA-MM-GG HH:MM-HH:MM @ lat,lon (codice ISTAT) luogo); ignorata`,
        `${shown} is not a stop (YYYY-MM-DD HH:MM-HH:MM @ lat,lon (ISTAT code) place); ignored`,
      ) })
    }
  }
  return stops.length > 0 ? stops : undefined
}
