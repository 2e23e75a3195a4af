import { PlaceMinuteMemo } from '../../shared/geo/place-minute-memo.ts'
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
  /** Rows already written this minute, reused (the API's exports); none for files. */
  readonly rowCache?: ExportRowCache
  /** The cursor of the next page, once known (from the last row passed and how many were): rendered by `close`. */
  readonly nextCursor?: (last: PointHit, passed: number) => string
}

/** Where a walk of `exportRows` stopped: what `RenderedExport` says of it, before the close. */
export type ExportWalk = Pick<RenderedExport, 'written' | 'last' | 'passed' | 'more'>

/**
 * The format's opening text and its rows with their separators, until `limit` rows or `maxBytes`
 * are reached, whichever comes first (a page of an API export must fit in one Lambda response,
 * 6 MB after base64 for CSV, whatever its rows hold); returns where it stopped. The caller closes
 * the text: a page names its next cursor there, a whole-registry file does not.
 */
export function* exportRows(format: ExportFormat, rows: Iterable<PointHit>, { at, limit = Infinity, maxBytes = Infinity, rowCache }: Omit<RenderOptions, 'nextCursor'>): Generator<string, ExportWalk> {
  yield format.open(at !== null)
  const countBytes = Number.isFinite(maxBytes)
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
    const text = rowCache && at ? rowCache.row(format, hit, at) : format.row(hit, at)
    if (text !== null) {
      if (countBytes) {
        const size = Buffer.byteLength(text) + format.separator.length
        if (written > 0 && bytes + size > maxBytes) {
          more = true
          break
        }
        bytes += size
      }
      if (written > 0) yield format.separator
      yield text
      written++
    }
    last = hit
    passed++
  }
  return { written, last, passed, more }
}

/** One page of an export: `exportRows` joined, closed with the next page's cursor when rows remain. */
export function renderExport(format: ExportFormat, rows: Iterable<PointHit>, options: RenderOptions): RenderedExport {
  const parts: string[] = []
  const walk = exportRows(format, rows, options)
  let step = walk.next()
  for (; !step.done; step = walk.next()) parts.push(step.value)
  const { written, last, passed, more } = step.value
  const next = more && last ? (options.nextCursor?.(last, passed) ?? null) : null
  parts.push(format.close(options.at === null ? undefined : next))
  return { text: parts.join(''), written, last, passed, more, next }
}

/**
 * Export rows reused within one minute of time, as PresentedPointCache does for points: a row
 * depends on its site, its place and on "now" only through open_now and next_opening, which
 * answers already keep for a minute (ETag, Cache-Control). Rows measured from a caller
 * (`distance_m`) are made each time.
 */
export class ExportRowCache {
  private readonly rows = new Map<ExportFormat['name'], PlaceMinuteMemo<string | null>>()

  row(format: ExportFormat, hit: PointHit, at: Date): string | null {
    if (hit.distance_m !== null) return format.row(hit, at)
    const minute = Math.floor(at.getTime() / 60_000)
    let byFormat = this.rows.get(format.name)
    if (!byFormat) this.rows.set(format.name, (byFormat = new PlaceMinuteMemo()))
    // Made at the start of the minute, so every answer within it says the same thing.
    return byFormat.get(hit.site, hit.place, minute, () => format.row(hit, new Date(minute * 60_000)))
  }
}
