import type { PointDraft } from '../../../shared/schemas/point.ts'
import type { KeptValue } from '../../../shared/registry/kept-values.ts'
import type { Gazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { templateFormat } from './template.ts'
import { pugliaFormat } from './puglia.ts'
import { frStandardFormat } from './fr-standard.ts'
import { readHeader, type HeaderReading } from './header-columns.ts'

/** What is wrong with one row: `field` is the source column, or the dotted path in the draft. */
export interface RowError {
  field: string
  message: string
}

/**
 * One source row turned into a draft (possibly with warnings), or rejected with its reasons.
 * `kept`: the values the row had but the format could not read, left empty in the draft: a point
 * already stored keeps its own (shared/registry/kept-values.ts).
 */
export type RowResult =
  | { ok: true; draft: PointDraft; warnings: RowError[]; kept: KeptValue[] }
  | { ok: false; errors: RowError[] }

export interface ImportContext {
  gazetteer: Gazetteer
  /** The import's clock: dates after it are not believed. */
  now: Date
}

export type ImportFormatName = 'template' | 'puglia' | 'fr-standard'

export interface ImportFormat {
  readonly name: ImportFormatName
  /** true if this header (CSV column names, or the keys of the JSON objects) is this format's */
  detect(header: readonly string[]): boolean
  /** one source row (CSV record as object keyed by header, or one JSON object) → result */
  toDraft(row: Record<string, unknown>, ctx: ImportContext): RowResult
  /**
   * Every column the format reads, when it has a closed list (our template): the header is then
   * matched ignoring case, accents, spaces and hyphens, and a column it does not know is named in
   * the report (header-columns.ts).
   */
  readonly columns?: readonly string[]
}

/** Every format, most specific first: detection takes the first that claims the header. */
export const FORMATS: readonly ImportFormat[] = [templateFormat, pugliaFormat, frStandardFormat]

const NO_COLUMNS_READING: HeaderReading = { renamed: new Map(), unknown: [], nearMisses: [] }

/** The first of `candidates` that claims the header, read as that format reads it (a template's `Fonte` is its `fonte`). */
export function detectFormat(header: readonly string[], candidates: readonly ImportFormat[] = FORMATS): { format: ImportFormat; header: HeaderReading } | undefined {
  for (const format of candidates) {
    const reading = format.columns ? readHeader(header, format.columns) : NO_COLUMNS_READING
    if (format.detect(header.map((name) => reading.renamed.get(name) ?? name))) return { format, header: reading }
  }
  return undefined
}

