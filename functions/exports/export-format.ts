import type { PointHit } from '../../shared/geo/query.ts'

/**
 * An export format: how a selection of (point, site) rows becomes one text. Two flavours share
 * it: a *live* answer of the API, computed at an instant (`open_now`, `next_opening`,
 * `distance_m`), and a *file* of the whole registry, regenerated with each snapshot and served
 * for hours, which carries nothing that changes with the clock.
 */
export interface ExportFormat {
  readonly name: 'csv' | 'geojson'
  readonly contentType: string
  /** The whole-registry file's name, under /opendata/. */
  readonly fileName: string
  /** Text before the first row; `live` says which flavour. */
  open(live: boolean): string
  /** One row; null when the format has no place for it (a GeoJSON feature needs coordinates). */
  row(hit: PointHit, at: Date | null): string | null
  /** Between two rows. */
  readonly separator: string
  /** Text after the last row; a live page names its next cursor where the format can. */
  close(nextCursor: string | null | undefined): string
}

export interface RenderedExport {
  readonly text: string
  /** Rows written (a row the format has no place for is passed over, not written). */
  readonly written: number
  /** The last row passed (written or passed over): where the next page resumes. */
  readonly last: PointHit | undefined
  /** Rows passed, written or passed over: an offset-ordered walk resumes this many rows on. */
  readonly passed: number
  /** Whether rows remain after `last`. */
  readonly more: boolean
  /** The next page's cursor, when rows remain and the caller gave `nextCursor`. */
  readonly next: string | null
}

export interface RenderOptions {
  /** The instant of a live answer; null for a file. */
  readonly at: Date | null
  /** Rows at most. @default Infinity */
  readonly limit?: number
  /** UTF-8 bytes of rows at most (at least one row is always written). @default Infinity */
  readonly maxBytes?: number
  /** The cursor of the next page, once known (from the last row passed and how many were): rendered by `close`. */
  readonly nextCursor?: (last: PointHit, passed: number) => string
}

/**
 * Renders rows until `limit` rows or `maxBytes` are reached, whichever comes first: a page of an
 * API export must fit in one Lambda response (6 MB, after base64 for CSV), whatever its rows hold.
 */
export function renderExport(format: ExportFormat, rows: Iterable<PointHit>, { at, limit = Infinity, maxBytes = Infinity, nextCursor }: RenderOptions): RenderedExport {
  const parts: string[] = [format.open(at !== null)]
  let written = 0
  let bytes = 0
  let last: PointHit | undefined
  let passed = 0
  let more = false
  for (const hit of rows) {
    if (written >= limit) {
      more = true
      break
    }
    const text = format.row(hit, at)
    if (text !== null) {
      const size = Buffer.byteLength(text) + format.separator.length
      if (written > 0 && bytes + size > maxBytes) {
        more = true
        break
      }
      if (written > 0) parts.push(format.separator)
      parts.push(text)
      written++
      bytes += size
    }
    last = hit
    passed++
  }
  const next = more && last ? (nextCursor?.(last, passed) ?? null) : null
  parts.push(format.close(at === null ? undefined : next))
  return { text: parts.join(''), written, last, passed, more, next }
}
