import type { Gazetteer } from '../../shared/gazetteer/create-gazetteer.ts'
import type { Author, ImportNotice, Registry, RetryCounts } from '../../shared/registry-port.ts'
import type { PointDraft, PointRecord } from '../../shared/schemas/point.ts'
import type { KeptValue } from '../../shared/registry/kept-values.ts'
import { bilingual } from './formats/bilingual.ts'
import { detectFormat, FORMATS, type ImportFormat, type ImportFormatName, type RowError } from './formats/format.ts'
import { renameColumns, type HeaderReading } from './formats/header-columns.ts'
import { mergeDrafts } from './formats/merge-drafts.ts'
import { pointId } from './formats/point-id.ts'
import { BrokenCsvError, openRows, type SourceKind } from './formats/read-rows.ts'
import { InvalidEncodingError, type SourceEncoding } from './formats/text-encoding.ts'
import { validateDraft } from './formats/validate-draft.ts'
import { groupedBy } from '../../shared/util/grouped-by.ts'

export interface RowReport {
  /** "line 12" (CSV) or "item 3" (JSON array). */
  readonly where: string
  /** CSV: the line the row starts on. JSON: the item's position in the array (see `where`). */
  readonly line: number
  /** The row's own id in the source, when it has one: what the sender will look for. */
  readonly sourceId?: string
  readonly id?: string
  readonly errors: readonly RowError[]
}

export interface ImportReport {
  readonly file: string
  readonly format: ImportFormatName
  readonly dryRun: boolean
  readonly startedAt: string
  readonly finishedAt: string
  readonly read: number
  readonly points: number
  readonly created: number
  readonly updated: number
  readonly unchanged: number
  /** Which points the import created and which it changed, by id: what the sender checks (unchanged ones are only counted). */
  readonly createdIds: readonly string[]
  readonly updatedIds: readonly string[]
  readonly rejected: number
  readonly rejectedRows: readonly RowReport[]
  readonly warningRows: readonly RowReport[]
  /** Columns of the file the format does not read, as written (each also a warning on line 1). */
  readonly ignoredColumns: readonly string[]
  /**
   * Points in another region than most of their source's points (a row of another office's list
   * slipped in), each also a warning on its rows: imported, named for the sender to check.
   */
  readonly otherRegion: ReadonlyArray<{ readonly id: string; readonly region: string; readonly usual: string }>
  readonly failedWrites: ReadonlyArray<{ id: string; reason: string }>
  /** Points kept closed although the file says open, and points whose operator's change the file replaced. */
  readonly notices: readonly ImportNotice[]
  /**
   * Active points of the file's sources (its `fonte` values) that the file does not list: an import
   * never closes a point by leaving it out, and the sender is told which stay as they were (to close
   * one: `stato` = `chiuso`, or the console).
   */
  readonly absentIds: readonly string[]
  /** What the store pushed back and the import retried (nothing is dropped: see failedWrites for what still failed). */
  readonly retried: RetryCounts
  /** Writes of crashed earlier imports that this one found open and closed. */
  readonly recoveredWrites: number
}

export type ImportProgress =
  | { readonly phase: 'reading'; readonly rows: number }
  | { readonly phase: 'writing'; readonly done: number; readonly total: number }

export interface RunImportOptions {
  readonly input: string | NodeJS.ReadableStream
  /** Shown in the report; defaults to the input path. */
  readonly fileLabel?: string
  readonly format?: ImportFormatName | 'auto'
  /** The file's text encoding when it is not UTF-8. @default 'utf-8' */
  readonly encoding?: SourceEncoding
  readonly dryRun?: boolean
  readonly registry: Registry
  /** Whom the points' history names for this import. @default the registry's (this process's user and host) */
  readonly author?: Author
  readonly gazetteer: Gazetteer
  readonly now?: Date
  readonly onProgress?: (progress: ImportProgress) => void
  /** Drafts written per registry call: bounds memory and gives the progress bar steps. @default 500 */
  readonly writeBatchSize?: number
}

/** The file cannot be read as any format: nothing was imported. */
export class UnreadableFileError extends Error {}

interface PendingPoint {
  draft: PointDraft
  /**
   * Each row with its site's id and what it reads as (its own draft), to tell a repeated row from a
   * repeated site id: by the values read, so that a copy written otherwise (48017 for 048017, a
   * decimal comma, a space after a name) is the same row.
   */
  rows: Array<{ where: string; line: number; sheetRow: number; siteId?: string; read: PointDraft; kept: readonly KeptValue[] }>
  /** Held until the point is kept: a rejected point's rows are reported as rejected only. */
  warningRows: RowReport[]
  /** Values its rows had but could not be read: the stored point keeps its own (the point's from the first row, as the draft's). */
  kept: KeptValue[]
}

/**
 * One import: stream the rows, turn each into a draft with its format's reader, join the rows
 * of one point (the template has one row per site), validate, then upsert in batches. A bad row
 * is reported with its line and never stops the others; points already stored are only ever
 * replaced by a valid newer version of themselves.
 */
export async function runImport(options: RunImportOptions): Promise<ImportReport> {
  const startedAt = new Date()
  const now = options.now ?? startedAt
  const fileLabel = options.fileLabel ?? (typeof options.input === 'string' ? options.input : '(stream)')
  let source
  try {
    source = await openRows(options.input, { encoding: options.encoding })
  } catch (error) {
    if (error instanceof BrokenCsvError) throw brokenFile(fileLabel, error)
    const reason = error instanceof InvalidEncodingError ? error.message : `cannot be read (${error instanceof Error ? error.message : String(error)})`
    throw new UnreadableFileError(`${fileLabel}: ${reason}`)
  }
  const { format, header } = chooseFormat(options.format ?? 'auto', source.header, fileLabel)

  const rejectedRows: RowReport[] = []
  const warningRows: RowReport[] = []
  const pending = new Map<string, PendingPoint>()
  // The template gives a point one row per site: the first rejected row of each point, by its
  // source id, so the point's other rows are not written as the whole point without that site.
  const firstRejected = new Map<string, { line: number; sheetRow: number }>()
  const rejectRow = (report: RowReport, sheetRow: number) => {
    rejectedRows.push(report)
    if (report.sourceId !== undefined && !firstRejected.has(report.sourceId)) firstRejected.set(report.sourceId, { line: report.line, sheetRow })
  }
  // Columns the format does not read: named once, on the header's line, instead of dropped unseen.
  for (const written of header.unknown) {
    warningRows.push({ where: source.kind === 'csv' ? 'line 1' : 'keys', line: 1, errors: [{ field: written, message: bilingual(
      `colonna «${written}» sconosciuta: ignorata (le colonne sono in docs/import-template.md)`,
      `unknown column "${written}": ignored (the columns are in docs/import-template.md)`,
    ) }] })
  }
  // The points the file names: each read row's (dataset, source id), and the ids of rejected rows,
  // whose dataset is unknown: a point whose row was refused is in the file, not absent.
  const listed = new Set<string>()
  const rejectedIds = new Set<string>()
  let read = 0
  try {
    for await (const { line, sheetRow, where, row: written, problem } of source.rows) {
      const row = renameColumns(written, header.renamed)
      read++
      if (read % 250 === 0) {
        options.onProgress?.({ phase: 'reading', rows: read })
        // Reading is CPU work without I/O in between: without a turn of the event loop now and
        // then, a Ctrl-C (a signal handler is a macrotask) waited for the whole file to be read.
        await new Promise((resolve) => setImmediate(resolve))
      }
      if (source.kind === 'csv' && isHeaderAgain(written)) {
        // Two sheets joined, or the header pasted above a block of rows: said once, not as a row
        // rejected field by field for a comune named "comune".
        warningRows.push({ where, line, errors: [{ field: '(row)', message: bilingual(`riga d'intestazione ripetuta (come la riga 1): ignorata`, 'the header row again (as line 1): ignored') }] })
        continue
      }
      const sourceId = sourceIdOf(row)
      if (problem) {
        if (sourceId !== undefined) rejectedIds.add(sourceId.trim())
        rejectRow({ where, line, sourceId, errors: [{ field: '(row)', message: problem }] }, sheetRow)
        continue
      }
      const result = format.toDraft(row, { gazetteer: options.gazetteer, now })
      if (!result.ok) {
        if (sourceId !== undefined) rejectedIds.add(sourceId.trim())
        rejectRow({ where, line, sourceId, errors: result.errors }, sheetRow)
        continue
      }
      listed.add(sourceKey(result.draft.source))
      const rowWarnings: RowReport[] = result.warnings.length > 0 ? [{ where, line, id: result.draft.id, errors: result.warnings }] : []
      const existing = pending.get(result.draft.id)
      if (!existing) {
        pending.set(result.draft.id, { draft: result.draft, rows: [{ where, line, sheetRow, siteId: result.draft.sites[0]?.id, read: result.draft, kept: result.kept }], warningRows: rowWarnings, kept: result.kept })
      } else if (format.name === 'template') {
        // A row of a site the point already has: the same row twice (a copy left in the sheet) is
        // skipped with a warning; another row under that site's id names both rows, instead of
        // refusing the whole point over a "duplicate site id" the file does not show.
        const site = result.draft.sites[0]!
        const earlier = existing.rows.find((r) => r.siteId === site.id)
        if (earlier) {
          // Compared only here, when two rows give one site id: no row is serialised otherwise.
          const same = JSON.stringify(earlier.read) === JSON.stringify(result.draft)
          // Without an id_sede the site's id is made from its kind, name, address and position: the
          // sender never wrote it, so the message says what the two rows share instead.
          const givenSiteId = typeof row.id_sede === 'string' && row.id_sede.trim() !== ''
          const [clashIt, clashEn] = givenSiteId
            ? [`la sede ${JSON.stringify(site.id)} è già ${italianWhere(source.kind, earlier.sheetRow, 'in')}: dare a ogni sede il suo id_sede`, `site ${JSON.stringify(site.id)} is already on ${earlier.where}: give each site its own id_sede`]
            : [`la stessa sede (tipo, nome, indirizzo e posizione) è già ${italianWhere(source.kind, earlier.sheetRow, 'in')} con altri valori: correggere una delle due righe, o dare a ogni sede il suo id_sede`, `the same site (kind, name, address and position) is already on ${earlier.where} with other values: correct one of the two rows, or give each site its own id_sede`]
          const report = { where, line, id: result.draft.id, errors: [{ field: 'id_sede', message: same
            ? bilingual(`riga ripetuta (come ${italianRow(source.kind, earlier.sheetRow)}): ignorata`, `same row as ${earlier.where}: ignored`)
            : bilingual(clashIt, clashEn) }] }
          if (same) existing.warningRows.push(report)
          else rejectRow({ ...report, sourceId }, sheetRow)
          continue
        }
        existing.draft = mergeDrafts(existing.draft, result.draft)
        existing.rows.push({ where, line, sheetRow, siteId: site.id, read: result.draft, kept: result.kept })
        existing.warningRows.push(...rowWarnings)
        // The point's own fields come from its first row (mergeDrafts); this row adds its site's.
        existing.kept.push(...result.kept.filter((value) => value.of === 'site'))
      } else {
        const first = existing.rows[0]!
        const message = bilingual(
          `stesso punto ${italianWhere(source.kind, first.sheetRow, 'di')}: la riga successiva è ignorata`,
          `same point as ${first.where}: the later row is ignored`,
        )
        rejectedRows.push({ where, line, id: result.draft.id, errors: [{ field: 'id', message }] })
      }
    }
  } catch (error) {
    // Text in another encoding is wrong everywhere, not only from here on: nothing is imported.
    if (error instanceof InvalidEncodingError) throw new UnreadableFileError(`${fileLabel}: ${error.message}`)
    // A file broken half-way (a quote never closed): the rows after the break are not read, so the
    // points they belong to would be written without those sites and named as left out of the
    // file. Nothing is imported; the line is named.
    if (error instanceof BrokenCsvError) throw brokenFile(fileLabel, error)
    throw new UnreadableFileError(`${fileLabel}: cannot be read (${error instanceof Error ? error.message : String(error)})`)
  }
  options.onProgress?.({ phase: 'reading', rows: read })

  // One read of the stored points both checks need: those of several rows, and those the file names by id.
  const asked = [...pending.values()].filter((point) => point.rows.length > 1 || idGivenInFile(point.draft)).map((point) => point.draft.id)
  const storedPoints = asked.length > 0 ? await options.registry.getPoints(asked) : new Map<string, PointRecord>()
  inStoredRowOrder(pending, storedPoints)
  for (const { point, stored } of claimsOnOtherPoints(pending, storedPoints)) {
    pending.delete(point.draft.id)
    const message = bilingual(
      `id_puntovicino ${JSON.stringify(point.draft.id)} è del punto «${stored.name}» (fonte ${stored.source.dataset}, id_punto ${stored.source.original_id}), non di questo (id_punto ${point.draft.source.original_id}): per un punto nuovo lasciatelo vuoto; il punto registrato resta com'è`,
      `id_puntovicino ${JSON.stringify(point.draft.id)} belongs to the point "${stored.name}" (source ${stored.source.dataset}, id ${stored.source.original_id}), not to this one (id ${point.draft.source.original_id}): leave it empty for a new point; the stored point is left as it is`,
    )
    for (const { where, line } of point.rows) rejectedRows.push({ where, line, id: point.draft.id, errors: [{ field: 'id_puntovicino', message }] })
  }
  // Points joined from several rows are checked again as a whole (duplicate site ids, …).
  const drafts: PointDraft[] = []
  const kept = new Map<string, readonly KeptValue[]>()
  for (const point of pending.values()) {
    if (point.kept.length > 0) kept.set(point.draft.id, point.kept)
    const lost = format.name === 'template' ? firstRejected.get(point.draft.source.original_id ?? '') : undefined
    if (lost !== undefined) {
      const message = bilingual(
        `un'altra riga di questo punto (riga ${lost.sheetRow}) è rifiutata: il punto resta com'è, correggere quella riga e importare di nuovo`,
        `another row of this point (line ${lost.line}) is rejected: the point is left as it is; correct that row and import again`,
      )
      for (const { where, line } of point.rows) rejectedRows.push({ where, line, id: point.draft.id, errors: [{ field: '(point)', message }] })
      continue
    }
    if (point.rows.length === 1) {
      drafts.push(point.draft)
      warningRows.push(...point.warningRows)
      continue
    }
    const checked = validateDraft(point.draft)
    if (checked.ok) {
      drafts.push(checked.draft)
      warningRows.push(...point.warningRows)
    } else {
      for (const { where, line } of point.rows) rejectedRows.push({ where, line, id: point.draft.id, errors: checked.errors })
    }
  }

  let created = 0
  let updated = 0
  let unchanged = 0
  const createdIds: string[] = []
  const updatedIds: string[] = []
  let recoveredWrites = 0
  const retried = { requests: 0, unprocessedItems: 0 }
  const failedWrites: Array<{ id: string; reason: string }> = []
  const notices: ImportNotice[] = []
  {
    // Each batch is a write of its own (its mark, a read of what is stored, then the writes, four
    // requests at a time): 2,000 rather than 500 drafts a batch took a 10,000-row import from 0.55
    // to 0.62–0.64 of raw BatchWrite in the bench, the waits between batches being the difference.
    const batchSize = options.writeBatchSize ?? 2000
    for (let i = 0; i < drafts.length; i += batchSize) {
      // A dry run still reads what is stored, so its report says what the import would change.
      const result = await options.registry.importPoints(drafts.slice(i, i + batchSize), { dryRun: options.dryRun ?? false, author: options.author, kept })
      created += result.created
      updated += result.updated
      unchanged += result.unchanged
      for (const [id, outcome] of result.outcomes) {
        if (outcome === 'created') createdIds.push(id)
        else if (outcome === 'updated') updatedIds.push(id)
      }
      recoveredWrites += result.recoveredWrites
      retried.requests += result.retried.requests
      retried.unprocessedItems += result.retried.unprocessedItems
      failedWrites.push(...result.failed)
      notices.push(...result.notices)
      options.onProgress?.({ phase: 'writing', done: Math.min(i + batchSize, drafts.length), total: drafts.length })
    }
  }

  const otherRegion = pointsInAnotherRegion(drafts)
  for (const { id, region, usual } of otherRegion) {
    for (const { where, line } of pending.get(id)?.rows ?? []) {
      warningRows.push({ where, line, id, errors: [{ field: '(point)', message: bilingual(
        `il punto è in ${region}, gli altri punti della sua fonte in ${usual}: controllare che la riga sia di questo elenco`,
        `the point is in ${region}, the other points of its source in ${usual}: check that the row belongs to this list`,
      ) }] })
    }
  }
  const absentIds = await activePointsNotListed(options.registry, new Set(drafts.map((d) => d.source.dataset)), listed, rejectedIds)
  rejectedRows.sort((a, b) => a.line - b.line)
  warningRows.sort((a, b) => a.line - b.line)
  return {
    file: fileLabel,
    format: format.name,
    dryRun: options.dryRun ?? false,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    read,
    points: drafts.length,
    created,
    updated,
    unchanged,
    createdIds: createdIds.sort(),
    updatedIds: updatedIds.sort(),
    rejected: rejectedRows.length,
    rejectedRows,
    warningRows,
    ignoredColumns: header.unknown,
    otherRegion,
    failedWrites,
    notices,
    absentIds,
    retried,
    recoveredWrites,
  }
}

/** A file whose reading broke (a quote never closed): refused whole, its line named. */
const brokenFile = (fileLabel: string, error: BrokenCsvError): UnreadableFileError =>
  new UnreadableFileError(`${fileLabel}: ${bilingual(`${error.italian}; nulla è stato importato`, `${error.english}; nothing was imported`)}`)

/** The active points of these datasets whose source id the file does not list, sorted. */
async function activePointsNotListed(registry: Registry, datasets: ReadonlySet<string>, listed: ReadonlySet<string>, rejectedIds: ReadonlySet<string>): Promise<string[]> {
  const stored = await registry.activePointSources(datasets)
  return stored.filter((point) => !listed.has(sourceKey(point.source)) && !rejectedIds.has(point.source.original_id)).map((point) => point.id).sort()
}

/**
 * The points of a source whose region is not the one of nearly all its points: a source of at least
 * MIN_POINTS_FOR_USUAL_REGION points with USUAL_REGION_SHARE of them in one region names the others.
 * A national list spread over many regions names none.
 */
function pointsInAnotherRegion(drafts: readonly PointDraft[]): Array<{ id: string; region: string; usual: string }> {
  const bySource = groupedBy(drafts.filter((d) => d.region !== null), (d) => d.source.dataset)
  const found: Array<{ id: string; region: string; usual: string }> = []
  for (const points of bySource.values()) {
    if (points.length < MIN_POINTS_FOR_USUAL_REGION) continue
    const byRegion = groupedBy(points, (d) => d.region!.istat)
    const [usual, ofUsual] = [...byRegion.entries()].reduce((a, b) => (b[1].length > a[1].length ? b : a))
    if (ofUsual.length < USUAL_REGION_SHARE * points.length) continue
    for (const point of points) if (point.region!.istat !== usual) found.push({ id: point.id, region: point.region!.name, usual: ofUsual[0]!.region!.name })
  }
  return found.sort((a, b) => a.id.localeCompare(b.id))
}

/** A region's list, not a sample: the template's six-point example mixes regions on purpose and is not warned about. */
const MIN_POINTS_FOR_USUAL_REGION = 10
const USUAL_REGION_SHARE = 0.8

/** A draft whose id the file wrote (`id_puntovicino`), not the one its source id makes. */
const idGivenInFile = (draft: PointDraft): boolean => draft.id !== pointId(draft.source.dataset, draft.source.original_id)

/**
 * Points whose rows name, in `id_puntovicino`, a stored point that another source id has: a row
 * copied to add a point, its id_puntovicino left in it, overwrote the point it was copied from
 * (Lucca's became Pontassieve's, without a word). Only ids given in the file (not derived from the
 * source id) can claim another's.
 */
function claimsOnOtherPoints(pending: ReadonlyMap<string, PendingPoint>, stored: ReadonlyMap<string, PointRecord>): Array<{ point: PendingPoint; stored: PointRecord }> {
  return [...pending.values()].filter(({ draft }) => idGivenInFile(draft)).flatMap((point) => {
    const record = stored.get(point.draft.id)
    return record && sourceKey(record.source) !== sourceKey(point.draft.source) ? [{ point, stored: record }] : []
  })
}

/**
 * A stored point's rows in another order than its stored sites' (an office sorted its sheet by
 * comune): the point's own fields (its comune and address, description, booking, accessibility…)
 * come from its first row, so sorting moved 40 of Toscana's 166 points to the comune of another
 * of their sites and swapped their descriptions. Such a point is joined again from its rows in
 * the stored order, its own fields from the row of its stored first site (new sites after, in the
 * file's order). Only points of several rows can come in another order.
 */
function inStoredRowOrder(pending: Map<string, PendingPoint>, stored: ReadonlyMap<string, PointRecord>): void {
  for (const point of pending.values()) {
    if (point.rows.length < 2) continue
    const record = stored.get(point.draft.id)
    if (!record || point.rows[0]!.siteId === record.sites[0]?.id) continue
    const rank = new Map(record.sites.map((site, i) => [site.id, i]))
    const rows = point.rows.map((row, i) => ({ row, i })).sort((a, b) => (rank.get(a.row.siteId ?? '') ?? Number.MAX_SAFE_INTEGER) - (rank.get(b.row.siteId ?? '') ?? Number.MAX_SAFE_INTEGER) || a.i - b.i).map(({ row }) => row)
    point.rows = rows
    point.draft = rows.slice(1).reduce((draft, row) => mergeDrafts(draft, row.read), rows[0]!.read)
    // The point's own kept values from its new first row, every row's site's.
    point.kept = [...rows[0]!.kept.filter((value) => value.of === 'point'), ...rows.flatMap((row) => row.kept.filter((value) => value.of === 'site'))]
  }
}

/** A row whose every filled cell is its own column's name (at least two of them): the header row again. */
function isHeaderAgain(cells: Readonly<Record<string, unknown>>): boolean {
  const filled = Object.entries(cells).filter(([, value]) => typeof value === 'string' && value.trim() !== '')
  return filled.length >= 2 && filled.every(([column, value]) => (value as string).trim() === column.trim())
}

/** A point's source as one key: the same id in two datasets is two points. */
const sourceKey = (source: { readonly dataset: string; readonly original_id: string }): string => `${source.dataset}\u0000${source.original_id}`

/** `where` as the Italian half of a message says it: "della riga 12", "nell'elemento 3". */
function italianWhere(kind: SourceKind, row: number, preposition: 'di' | 'in'): string {
  if (preposition === 'di') return kind === 'csv' ? `della riga ${row}` : `dell'elemento ${row}`
  return kind === 'csv' ? `nella riga ${row}` : `nell'elemento ${row}`
}

/** The row alone: "riga 12", "elemento 3". */
const italianRow = (kind: SourceKind, line: number): string => (kind === 'csv' ? `riga ${line}` : `elemento ${line}`)

/** The id column every supported format has (`id`; the template's `id_punto`). */
function sourceIdOf(row: Record<string, unknown>): string | undefined {
  const id = row.id ?? row.id_punto
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined
}

/**
 * The file's format, from its header read as the format reads it (a template's `Fonte` is its
 * `fonte`). A header that names a known column almost right (`orario`) stops the import: read
 * without it, the file would empty that column in every point it updates.
 */
function chooseFormat(requested: ImportFormatName | 'auto', header: readonly string[], fileLabel: string): { format: ImportFormat; header: HeaderReading } {
  const candidates = requested === 'auto' ? FORMATS : FORMATS.filter((f) => f.name === requested)
  if (candidates.length === 0) throw new UnreadableFileError(bilingual(`formato ${requested} sconosciuto; formati: ${FORMATS.map((f) => f.name).join(', ')}`, `unknown format ${requested}; expected ${FORMATS.map((f) => f.name).join(', ')}`))
  const detected = detectFormat(header, candidates)
  if (detected) {
    const { header: reading } = detected
    if (reading.nearMisses.length > 0) {
      const named = reading.nearMisses.map(({ written, meant }) => [`«${written}» (forse «${meant}»?)`, `"${written}" (did you mean "${meant}"?)`] as const)
      throw new UnreadableFileError(`${fileLabel}: ${bilingual(
        `colonne sconosciute ${named.map(([it]) => it).join(', ')}: correggere l'intestazione e importare di nuovo; nulla è stato importato`,
        `unknown columns ${named.map(([, en]) => en).join(', ')}: correct the header and import again; nothing was imported`,
      )}`)
    }
    return detected
  }
  const shown = `${header.slice(0, 8).join(', ')}…`
  throw new UnreadableFileError(`${fileLabel}: ${requested === 'auto'
    ? bilingual(`formato non riconosciuto dall'intestazione (colonne: ${shown}); la prima riga deve essere l'intestazione di uno dei formati ${FORMATS.map((f) => f.name).join(', ')}, vedi docs/import-template.md`, `format not recognised from its header (columns: ${shown}); expected one of ${FORMATS.map((f) => f.name).join(', ')} — see docs/import-template.md`)
    : bilingual(`l'intestazione non è quella del formato ${requested} (colonne: ${shown})`, `the header does not look like the ${requested} format (columns: ${shown})`)}`)
}
