import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import { matchingPlaces, type PointHit } from '../../shared/geo/query.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { Utf8Column } from '../../shared/geo/utf8-column.ts'
import { POINT_STATUSES } from '../../shared/vocabulary.ts'
import { csvFormat } from './csv-export.ts'
import { DATA_DICTIONARY_FILE, dataDictionaryCsv } from './data-dictionary.ts'
import { CATALOG_FILE, CATALOG_TURTLE_FILE } from './open-data-layout.ts'
import type { CatalogPublisher } from './catalog-publisher.ts'
import { exportRows, type ExportFormat } from './export-format.ts'
import { geoJsonFormat } from './geojson-export.ts'
import { TEMPLATE_FILE, templateCsv } from './template-export.ts'
import { FR_MEDIATION_FILE, frMediationCsv } from './fr-mediation-export.ts'

/**
 * The whole registry as open-data files, regenerated with each snapshot: the CSV and GeoJSON of
 * every point of every status (the `status` column says which), one row per place where a site
 * can be met (a mobile unit once per stop place), without the fields that change with the clock
 * or the caller; the records themselves as JSON, one per point (RECORDS_FILE); the same registry
 * in the import template's columns and in the French standard's; and their data dictionary.
 * Served under /opendata/ (CloudFront from S3 on AWS, the local server on a laptop) with an ETag
 * and gzip/brotli made once here: CloudFront compresses only objects under 10 MB, and a national
 * registry's files outgrow that.
 */
export const REGISTRY_FILE_FORMATS: readonly ExportFormat[] = [csvFormat, geoJsonFormat]


export interface RegistryFile {
  readonly name: string
  readonly contentType: string
  readonly body: Buffer
  readonly gzip: Buffer
  readonly brotli: Buffer
  /** A strong ETag of the body (the encodings are the same representation, transfer-coded). */
  readonly etag: string
  /** How many rows (sites) it holds. */
  readonly rows: number
}

/**
 * A file's text as parts (strings, or UTF-8 bytes made already), returning how many rows it holds:
 * a national registry's files are hundreds of megabytes, longer than V8's longest string
 * (~512 MiB), so none is one string.
 */
export type FileText = Generator<string | Uint8Array, number>

/** A text made whole already (the catalogue, the data dictionary) as a FileText. */
export function* wholeText(text: string, rows: number): FileText {
  yield text
  return rows
}

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/** Parts are joined and encoded to UTF-8 this many characters at a time. */
const CHUNK_CHARACTERS = 4 * 2 ** 20

/**
 * Above this size a file is compressed at lower levels (gzip 6, brotli 5 instead of 9 and 9): in a
 * probe, brotli 9 ran at 19–27 MB/s, ~1.5 minutes for a national registry's ~2.4 GB of files, of
 * the indexer's 5; brotli 5 at 64–122 MB/s for files 11–18 % larger, gzip 6 2–7 % larger than 9
 * (docs/PERFORMANCE.md, "Building at national scale").
 */
const LARGE_FILE_BYTES = 32 * 2 ** 20

/** A file's body with its encodings and ETag, made once. */
export async function registryFile(name: string, contentType: string, text: FileText): Promise<RegistryFile> {
  const chunks: Buffer[] = []
  let pending: string[] = []
  let pendingCharacters = 0
  const flush = (): void => {
    chunks.push(Buffer.from(pending.join('')))
    pending = []
    pendingCharacters = 0
  }
  let step = text.next()
  for (; !step.done; step = text.next()) {
    const part = step.value
    if (typeof part !== 'string') {
      if (pendingCharacters > 0) flush()
      chunks.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength))
      continue
    }
    pending.push(part)
    pendingCharacters += part.length
    if (pendingCharacters >= CHUNK_CHARACTERS) flush()
  }
  if (pendingCharacters > 0 || chunks.length === 0) flush()
  const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
  const large = body.length > LARGE_FILE_BYTES
  // Both at once, on libuv's threads: the two encodings of a national file take a core each.
  const [gzip, brotli] = await Promise.all([
    gzipAsync(body, { level: large ? 6 : 9 }),
    // Quality 9: within a few percent of 11 on this text, at a fraction of the time.
    brotliAsync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: large ? 5 : 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
  ])
  return { name, contentType, body, gzip, brotli, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, rows: step.value }
}

/** What a catalogue says of a file: its name and size (the files themselves may be gone by then). */
export type CatalogedFile = Pick<RegistryFile, 'name'> & { readonly bytes: number }

export const catalogedFile = (file: RegistryFile): CatalogedFile => ({ name: file.name, bytes: file.body.length })

/** The DCAT-AP_IT catalogue of `files`, as JSON-LD and as Turtle; its addresses are absolute, on `siteOrigin`. */
export async function catalogFiles(snapshot: Snapshot, files: readonly CatalogedFile[], siteOrigin: string, publisher?: CatalogPublisher): Promise<RegistryFile[]> {
  const [{ dcatCatalog }, { catalogTurtle }] = await Promise.all([import('./dcat-catalog.ts'), import('./catalog-turtle.ts')])
  const demo = snapshot.pointCount > 0 && snapshot.records.get(0).source.dataset === 'demo'
  const catalog = dcatCatalog({ origin: siteOrigin, files, modified: snapshot.builtAt.slice(0, 10), demo, ...(publisher ? { publisher } : {}) })
  return Promise.all([
    registryFile(CATALOG_FILE, 'application/ld+json; charset=utf-8', wholeText(JSON.stringify(catalog, null, 2), 1)),
    registryFile(CATALOG_TURTLE_FILE, 'text/turtle; charset=utf-8', wholeText(await catalogTurtle(catalog), 1)),
  ])
}

/**
 * The registry files and, given the site's origin, their catalogue by `publisher` (the demo's
 * when none): what the indexer publishes on AWS, one file at a time (each is made when the
 * previous one has been taken: a national registry's files do not fit in memory together).
 */
export async function* publishedFiles(snapshot: Snapshot, siteOrigin: string | undefined, publisher?: CatalogPublisher): AsyncGenerator<RegistryFile> {
  const cataloged: CatalogedFile[] = []
  for await (const file of registryFiles(snapshot)) {
    cataloged.push(catalogedFile(file))
    yield file
  }
  if (siteOrigin) yield* await catalogFiles(snapshot, cataloged, siteOrigin, publisher)
}

/** Every registry file, made in turn (`registryFiles`). */
export async function buildRegistryFiles(snapshot: Snapshot): Promise<RegistryFile[]> {
  const files: RegistryFile[] = []
  for await (const file of registryFiles(snapshot)) files.push(file)
  return files
}

/** The registry files, each made when asked for. */
export async function* registryFiles(snapshot: Snapshot): AsyncGenerator<RegistryFile> {
  for (const format of REGISTRY_FILE_FORMATS) yield await registryFile(format.fileName, format.contentType, formatText(format, everyPlace(snapshot)))
  yield await registryFile(RECORDS_FILE, 'application/json; charset=utf-8', recordsJson(snapshot))
  yield await registryFile(TEMPLATE_FILE, CSV, templateCsv(snapshot))
  yield await registryFile(FR_MEDIATION_FILE, CSV, frMediationCsv(snapshot))
  const dictionary = dataDictionaryCsv()
  yield await registryFile(DATA_DICTIONARY_FILE, CSV, wholeText(dictionary.text, dictionary.rows))
}

const CSV = 'text/csv; charset=utf-8'

/** Every place where a site of a point of any status can be met, as export rows (walked anew for each file: none is kept). */
function* everyPlace(snapshot: Snapshot): Generator<PointHit> {
  for (const { point, site, place } of matchingPlaces(snapshot, { statuses: [...POINT_STATUSES] })) {
    yield { point, site, location: place?.location ?? null, ...(place ? { place } : {}), distance_m: null }
  }
}

/** A whole-registry file in an export format: the rows the format has a place for, none of what changes with the clock. */
function* formatText(format: ExportFormat, rows: Iterable<PointHit>): FileText {
  const { written } = yield* exportRows(format, rows, { at: null })
  yield format.close(undefined)
  return written
}

/** The records as the registry holds them (the API's fields that change with the clock left out), one per point, in id order. */
export const RECORDS_FILE = 'punti-facilitazione.json'

function* recordsJson(snapshot: Snapshot): FileText {
  const json = snapshot.records.json
  if (json) {
    // The file's own bytes: each record's JSON is what the snapshot file holds (no parse, no stringify).
    yield jsonArrayOf(json)
    return json.size
  }
  yield '[\n'
  let written = 0
  for (const point of snapshot.records.each()) {
    yield (written > 0 ? ',\n' : '') + JSON.stringify(point)
    written++
  }
  yield '\n]\n'
  return written
}

/** `[\n` + the column's strings joined by `,\n` + `\n]\n`, as bytes, allocated once at its size. */
function jsonArrayOf(json: Utf8Column): Uint8Array {
  const { bytes, offsets, size } = json
  const out = new Uint8Array(2 + (offsets[size]! - offsets[0]!) + 2 * Math.max(0, size - 1) + 3)
  let at = 0
  const put = (text: string): void => {
    for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i)
  }
  put('[\n')
  for (let i = 0; i < size; i++) {
    if (i > 0) put(',\n')
    out.set(bytes.subarray(offsets[i], offsets[i + 1]), at)
    at += offsets[i + 1]! - offsets[i]!
  }
  put('\n]\n')
  return out
}
