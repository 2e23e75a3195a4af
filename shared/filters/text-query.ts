import { normalizeName } from '../gazetteer/normalize-name.ts'
import type { Utf8Column, Utf8ColumnBuilder } from '../geo/utf8-column.ts'
import type { PointRecord } from '../schemas/point.ts'

/**
 * Free-text search (`q`). Each point gets one normalised haystack at snapshot build time; a query
 * is split into normalised words, and matches when every word starts a word of the haystack.
 * Word-prefix (not substring) so that "roma" finds "Roma" and "Romano" but not "Castelromano"
 * noise in the middle of words; the leading space of the haystack and of each needle makes the
 * prefix test a plain substring test.
 * Haystacks live as UTF-8 in a `Utf8Column` (a million JS strings would cost ~150 MiB of heap and
 * be rebuilt on every load); UTF-8 is self-synchronising, so a byte substring match is exactly a
 * character substring match.
 */

/**
 * Appends the point's haystack: name, operator name, street and comune name (and its name in the
 * second official language: Toblach for Dobbiaco, as /v1/places finds it), each normalised
 * with a leading space. Give the same `memo` for a whole registry: operators, streets and comuni
 * repeat, and normalising non-ASCII text (NFD and two Unicode regexes) is the dearest step of a
 * snapshot build.
 */
export function writePointHaystack(point: PointRecord, out: Utf8ColumnBuilder, memo: Map<string, string>): void {
  // Names are unique, so only the parts that repeat go through the memo.
  writeSpacedNormalized(point.name, out)
  writeSpacedNormalized(point.operator.name, out, memo)
  if (point.address.street !== null) writeSpacedNormalized(point.address.street, out, memo)
  writeSpacedNormalized(point.comune.name, out, memo)
  if (point.comune.alt_name) writeSpacedNormalized(point.comune.alt_name, out, memo)
  out.next()
}

/** The words of a query, normalised, each with its leading space, as UTF-8; empty for a blank query. */
export function textQueryNeedles(q: string): Uint8Array[] {
  const normalized = normalizeText(q)
  const encoder = new TextEncoder()
  return normalized === '' ? [] : normalized.split(' ').map((word) => encoder.encode(' ' + word))
}

/** Whether haystack `index` of the column contains every needle. */
export function haystackMatches(haystacks: Utf8Column, index: number, needles: readonly Uint8Array[]): boolean {
  const bytes = haystacks.bytes
  const start = haystacks.offsets[index]!
  const end = haystacks.offsets[index + 1]!
  for (const needle of needles) if (!containsBytes(bytes, start, end, needle)) return false
  return true
}

/**
 * `normalizeName`, with a shortcut for plain ASCII (most names): there NFD and the Unicode
 * classes change nothing, letters are [a-z] once lower-cased and digits [0-9], so two ASCII
 * regexes give the same words several times faster.
 */
export function normalizeText(text: string): string {
  if (!PLAIN_ASCII.test(text)) return normalizeName(text)
  return text.toLowerCase().replace(NOT_ALPHANUMERIC, ' ').trim()
}

const PLAIN_ASCII = /^[\x00-\x7f]*$/
const NOT_ALPHANUMERIC = /[^a-z0-9]+/g
const SPACE = 0x20

/**
 * Appends `' ' + normalizeText(text)`, or nothing when that is empty. Plain ASCII is normalised
 * byte by byte straight into the column (the same rule as `normalizeText`'s shortcut, without
 * creating three strings per part); anything else goes through `normalizeName`.
 */
function writeSpacedNormalized(text: string, out: Utf8ColumnBuilder, memo?: Map<string, string>): void {
  if (!PLAIN_ASCII.test(text)) {
    let normalized = memo?.get(text)
    if (normalized === undefined) {
      normalized = normalizeName(text)
      if (memo !== undefined && memo.size < 100_000) memo.set(text, normalized)
    }
    if (normalized !== '') {
      out.writeByte(SPACE)
      out.write(normalized)
    }
    return
  }
  let gap = true // at the start or after a run of other characters: the next alphanumeric starts a word
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0x41 && code <= 0x5a) code += 0x20 // A-Z → a-z
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (gap) out.writeByte(SPACE)
      gap = false
      out.writeByte(code)
    } else {
      gap = true
    }
  }
}

function containsBytes(bytes: Uint8Array, start: number, end: number, needle: Uint8Array): boolean {
  const last = end - needle.length
  search: for (let i = start; i <= last; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue search
    return true
  }
  return false
}
