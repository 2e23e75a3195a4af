import { distance as levenshtein } from 'fastest-levenshtein'
import { normalizeName } from '../../../shared/gazetteer/normalize-name.ts'

/**
 * A header as an office's spreadsheet writes it, read against the columns a format knows.
 * `Orari`, ` orari `, `E-mail` and `Nome punto` are the template's `orari`, `email` and
 * `nome_punto`: case, accents, spaces, hyphens and underscores are how a spreadsheet was typed,
 * not another column. A column still unknown after that was dropped without a word, and a
 * misspelt `orario` in a re-import wiped the hours of every point: it is named now, and one that
 * is a near miss of a known column the file lacks stops the import before anything is written.
 */
export interface HeaderReading {
  /** Header names written otherwise than the format's, to the format's name. */
  readonly renamed: ReadonlyMap<string, string>
  /** Header names the format does not read, as written. */
  readonly unknown: readonly string[]
  /** Unknown names that are a near miss of a known column missing from the header. */
  readonly nearMisses: ReadonlyArray<{ readonly written: string; readonly meant: string }>
}

const keyOf = (name: string): string => normalizeName(name).replace(/ /g, '')

/**
 * Two edits from six letters, one from four: `orario` for `orari`, `latitudne` for `latitudine`.
 * Below four letters every short code is an edit from another (`CUP`, a PNRR project's code, is one
 * from `cap`): no near miss there, the column is named as unknown and the import goes on.
 */
const isNearMiss = (a: string, b: string): boolean => {
  const shorter = Math.min(a.length, b.length)
  return shorter >= 4 && levenshtein(a, b) <= (shorter >= 6 ? 2 : 1)
}

/**
 * A header that says a column's name with words around it that add nothing: `Orari di apertura`
 * is `orari`, `Telefono/cellulare` is `telefono`, `Nome del punto` is `nome_punto` (every word of
 * the column's name, and otherwise only such words). `Email referente` or `Indirizzo PEC` is an
 * office's own column beside the template's (a word of its own), and `Note interne` is not
 * `note_accessibilita` (a word is missing): those are named as unknown, not taken for a misspelling.
 */
const isReworded = (written: string, column: string): boolean => {
  const words = normalizeName(written).split(' ')
  const named = new Set(column.split('_').map(normalizeName))
  return [...named].every((word) => words.includes(word)) && words.every((word) => named.has(word) || FILLER_WORDS.has(word))
}

/** Words a header adds around a column's name without changing what it holds. */
const FILLER_WORDS = new Set(['di', 'del', 'della', 'dei', 'delle', 'd', 'e', 'il', 'la', 'i', 'le', 'apertura', 'cellulare', 'fisso', 'numero', 'n', 'nr'])

export function readHeader(header: readonly string[], columns: readonly string[]): HeaderReading {
  const byKey = new Map(columns.map((column) => [keyOf(column), column]))
  const renamed = new Map<string, string>()
  const unknown: string[] = []
  const found = new Set<string>()
  for (const written of header) {
    if (written.trim() === '') continue
    const column = byKey.get(keyOf(written))
    if (column === undefined) unknown.push(written)
    else {
      found.add(column)
      if (column !== written) renamed.set(written, column)
    }
  }
  const missing = columns.filter((column) => !found.has(column))
  const nearMisses = unknown.flatMap((written) => {
    const meant = missing.find((column) => isNearMiss(keyOf(written), keyOf(column)) || isReworded(written, column))
    return meant === undefined ? [] : [{ written, meant }]
  })
  return { renamed, unknown, nearMisses }
}

/** The row with its columns under the format's names. */
export function renameColumns(row: Record<string, unknown>, renamed: ReadonlyMap<string, string>): Record<string, unknown> {
  if (renamed.size === 0) return row
  const out: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(row)) out[renamed.get(name) ?? name] = value
  return out
}
