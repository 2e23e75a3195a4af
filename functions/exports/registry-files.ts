import { matchingPlaces, type PointHit } from '../../shared/geo/query.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { Utf8Column } from '../../shared/geo/utf8-column.ts'
import { DEMO_DATASET, POINT_STATUSES } from '../../shared/vocabulary.ts'
import { csvFormat } from './csv-export.ts'
import { DATA_DICTIONARY_FILE, dataDictionaryCsv } from './data-dictionary.ts'
import { CATALOG_FILE, CATALOG_TURTLE_FILE, OPEN_DATA_INDEX_FILE, type RegistryCensus } from './open-data-layout.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'
import { openDataIndexHtml } from './open-data-index.ts'
import type { CatalogPublisher } from './catalog-publisher.ts'
import { exportRows, type ExportFormat } from './export-format.ts'
import { collectingSink, writeEncodedFile, type FileText } from './encoded-file.ts'
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

export type { FileText } from './encoded-file.ts'

/** A text made whole already (the catalogue, the data dictionary) as a FileText. */
export function* wholeText(text: string, rows: number): FileText {
  yield text
  return rows
}

/** A registry file not made yet: its name and type, and its text, walked when it is written. */
export interface RegistryFileSource {
  readonly name: string
  readonly contentType: string
  text(): FileText
}

/** A file's body with its encodings and ETag, made once and held (what the local server serves). */
export async function registryFile(name: string, contentType: string, text: FileText): Promise<RegistryFile> {
  const [body, gzip, brotli] = [collectingSink(), collectingSink(), collectingSink()]
  const written = await writeEncodedFile(text, { body, gzip, brotli })
  return { name, contentType, body: await body.done, gzip: await gzip.done, brotli: await brotli.done, etag: written.etag, rows: written.rows }
}

const madeFile = (source: RegistryFileSource): Promise<RegistryFile> => registryFile(source.name, source.contentType, source.text())

/** What a catalogue says of a file: its name and size (the files themselves may be gone by then). */
export type CatalogedFile = Pick<RegistryFile, 'name'> & { readonly bytes: number }

export const catalogedFile = (file: RegistryFile): CatalogedFile => ({ name: file.name, bytes: file.body.length })

/** The DCAT-AP_IT catalogue of `files`, as JSON-LD and as Turtle; its addresses are absolute, on `siteOrigin`. */
export async function catalogSources(snapshot: Snapshot, files: readonly CatalogedFile[], siteOrigin: string, publisher?: CatalogPublisher): Promise<RegistryFileSource[]> {
  const [{ dcatCatalog }, { catalogTurtle }] = await Promise.all([import('./dcat-catalog.ts'), import('./catalog-turtle.ts')])
  const census = registryCensus(snapshot)
  // The Rome day the registry last changed: the files are rebuilt every night, and a date that
  // moved with each rebuild told a harvester nothing (and was UTC's day, not Rome's).
  const modified = toRomeWallClock(new Date(census.lastChange ?? snapshot.builtAt)).date
  const catalog = dcatCatalog({ origin: siteOrigin, files, modified, demo: census, ...(publisher ? { publisher } : {}) })
  const turtle = await catalogTurtle(catalog)
  return [
    { name: CATALOG_FILE, contentType: 'application/ld+json; charset=utf-8', text: () => wholeText(JSON.stringify(catalog, null, 2), 1) },
    { name: CATALOG_TURTLE_FILE, contentType: 'text/turtle; charset=utf-8', text: () => wholeText(turtle, 1) },
  ]
}

const censuses = new WeakMap<Snapshot, RegistryCensus>()

/**
 * How many of the registry's points are generated demo points (functions/demo/), which the
 * catalogue and the index page say are not real, and when a point last changed: read from every
 * record, once per snapshot (the first record alone was asked, and six real points imported
 * before the demo's ids hid 3,000 generated ones).
 */
function registryCensus(snapshot: Snapshot): RegistryCensus {
  const known = censuses.get(snapshot)
  if (known) return known
  let demoPoints = 0
  let lastChange: string | null = null
  let lastChangeMs = -Infinity
  for (const point of snapshot.records.each()) {
    if (point.source.dataset === DEMO_DATASET) demoPoints++
    // Each instant parsed once (a national registry's million records, each a different offset).
    const changedMs = Date.parse(point.updated_at)
    if (changedMs > lastChangeMs) [lastChange, lastChangeMs] = [point.updated_at, changedMs]
  }
  const census = { demoPoints, points: snapshot.pointCount, lastChange }
  censuses.set(snapshot, census)
  return census
}

/** The page at /opendata/ listing `files` (made before it), with the catalogue's links when it is published beside them. */
export function openDataIndexSource(snapshot: Snapshot, files: readonly CatalogedFile[], { catalog }: { catalog: boolean }): RegistryFileSource {
  return {
    name: OPEN_DATA_INDEX_FILE,
    contentType: 'text/html; charset=utf-8',
    text: () => wholeText(openDataIndexHtml({ files, builtAt: snapshot.builtAt, demo: registryCensus(snapshot), catalog }), files.length),
  }
}

/** The catalogue's files, made and held (the local server's). */
export async function catalogFiles(snapshot: Snapshot, files: readonly CatalogedFile[], siteOrigin: string, publisher?: CatalogPublisher): Promise<RegistryFile[]> {
  return Promise.all((await catalogSources(snapshot, files, siteOrigin, publisher)).map(madeFile))
}

/** Every registry file, made in turn and held (the local server's; the indexer streams them to S3). */
export async function buildRegistryFiles(snapshot: Snapshot): Promise<RegistryFile[]> {
  const files: RegistryFile[] = []
  for (const source of registryFileSources(snapshot)) files.push(await madeFile(source))
  return files
}

/** The registry files to make, in order; each text is walked only when its file is written. */
export function* registryFileSources(snapshot: Snapshot): Generator<RegistryFileSource> {
  for (const format of REGISTRY_FILE_FORMATS) yield { name: format.fileName, contentType: format.contentType, text: () => formatText(format, everyPlace(snapshot)) }
  yield { name: RECORDS_FILE, contentType: 'application/json; charset=utf-8', text: () => recordsJson(snapshot) }
  yield { name: TEMPLATE_FILE, contentType: CSV, text: () => templateCsv(snapshot) }
  yield { name: FR_MEDIATION_FILE, contentType: CSV, text: () => frMediationCsv(snapshot) }
  yield {
    name: DATA_DICTIONARY_FILE,
    contentType: CSV,
    text: () => {
      const dictionary = dataDictionaryCsv()
      return wholeText(dictionary.text, dictionary.rows)
    },
  }
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
    // The file's own bytes: each record's JSON is what the snapshot file holds (no parse, no
    // stringify), a few MiB of records at a time, so no part is the whole file (~840 MB at a
    // national registry's scale) while it streams to its uploads.
    yield '[\n'
    for (let first = 0; first < json.size; ) {
      const end = recordsWithin(json, first, RECORDS_PART_BYTES)
      yield jsonRecordsPart(json, first, end)
      first = end
    }
    yield '\n]\n'
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

/** Bytes of records' JSON per part of the records file. */
const RECORDS_PART_BYTES = 4 * 2 ** 20

/** The end of a run of records from `first` holding at most `bytes` of JSON (at least one record). */
function recordsWithin(json: Utf8Column, first: number, bytes: number): number {
  const { offsets, size } = json
  let end = first + 1
  while (end < size && offsets[end + 1]! - offsets[first]! <= bytes) end++
  return end
}

/** Records `first` to before `end` of the column, as bytes, each but the very first after `,\n`. */
function jsonRecordsPart(json: Utf8Column, first: number, end: number): Uint8Array {
  const { bytes, offsets } = json
  const separators = 2 * (end - first) - (first === 0 ? 2 : 0)
  const out = new Uint8Array(offsets[end]! - offsets[first]! + separators)
  let at = 0
  for (let i = first; i < end; i++) {
    if (i > 0) {
      out[at++] = 0x2c // ,
      out[at++] = 0x0a // \n
    }
    out.set(bytes.subarray(offsets[i], offsets[i + 1]), at)
    at += offsets[i + 1]! - offsets[i]!
  }
  return out
}
