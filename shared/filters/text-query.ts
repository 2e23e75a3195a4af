import { normalizeName } from '../gazetteer/normalize-name.ts'
import type { PointRecord } from '../schemas/point.ts'

/**
 * Free-text search (`q`). Each point gets one normalised haystack at snapshot build time; a query
 * is split into normalised words, and matches when every word starts a word of the haystack.
 * Word-prefix (not substring) so that "roma" finds "Roma" and "Romano" but not "Castelromano"
 * noise in the middle of words; the leading space of the haystack makes the prefix test a plain
 * `includes(' ' + word)`, with no allocation per point.
 */

/**
 * Name, operator name, street and comune name, normalised, with a leading space. Give the same
 * `memo` for a whole registry: operators, streets and comuni repeat, and normalising (NFD and two
 * Unicode regexes) is the dearest step of a snapshot build.
 */
export function pointHaystack(point: PointRecord, memo: Map<string, string> = new Map()): string {
  let haystack = ' ' + normalizeName(point.name)
  // Names are unique, so only the parts that repeat go through the memo.
  for (const part of [point.operator.name, point.address.street ?? '', point.comune.name]) {
    let normalized = memo.get(part)
    if (normalized === undefined) {
      normalized = normalizeName(part)
      if (memo.size < 100_000) memo.set(part, normalized)
    }
    if (normalized !== '') haystack += ' ' + normalized
  }
  return haystack
}

/** The words of a query, normalised and each with its leading space; empty for a blank query. */
export function textQueryNeedles(q: string): string[] {
  const normalized = normalizeName(q)
  return normalized === '' ? [] : normalized.split(' ').map((word) => ' ' + word)
}

export function haystackMatches(haystack: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (!haystack.includes(needle)) return false
  return true
}
