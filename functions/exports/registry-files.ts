import { createHash } from 'node:crypto'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { matchingPlaces, type PointHit } from '../../shared/geo/query.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import { POINT_STATUSES } from '../../shared/vocabulary.ts'
import { csvFormat } from './csv-export.ts'
import { DATA_DICTIONARY_FILE, dataDictionaryCsv } from './data-dictionary.ts'
import { CATALOG_FILE, CATALOG_TURTLE_FILE } from './open-data-layout.ts'
import type { CatalogPublisher } from './catalog-publisher.ts'
import { renderExport, type ExportFormat } from './export-format.ts'
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

/** A file's body with its encodings and ETag, made once. */
export function registryFile(name: string, contentType: string, text: string, rows: number): RegistryFile {
  const body = Buffer.from(text)
  return {
    name,
    contentType,
    body,
    gzip: gzipSync(body, { level: 9 }),
    // Quality 9: within a few percent of 11 on this text, at a fraction of the time.
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    rows,
  }
}

/** The DCAT-AP_IT catalogue of `files`, as JSON-LD and as Turtle; its addresses are absolute, on `siteOrigin`. */
export async function catalogFiles(snapshot: Snapshot, files: readonly RegistryFile[], siteOrigin: string, publisher?: CatalogPublisher): Promise<RegistryFile[]> {
  const [{ dcatCatalog }, { catalogTurtle }] = await Promise.all([import('./dcat-catalog.ts'), import('./catalog-turtle.ts')])
  const demo = snapshot.pointCount > 0 && snapshot.records.get(0).source.dataset === 'demo'
  const catalog = dcatCatalog({ origin: siteOrigin, files, modified: snapshot.builtAt.slice(0, 10), demo, ...(publisher ? { publisher } : {}) })
  return [
    registryFile(CATALOG_FILE, 'application/ld+json; charset=utf-8', JSON.stringify(catalog, null, 2), 1),
    registryFile(CATALOG_TURTLE_FILE, 'text/turtle; charset=utf-8', await catalogTurtle(catalog), 1),
  ]
}

/** The registry files and, given the site's origin, their catalogue by `publisher` (the demo's when none): what the indexer publishes on AWS. */
export async function buildPublishedFiles(snapshot: Snapshot, siteOrigin: string | undefined, publisher?: CatalogPublisher): Promise<RegistryFile[]> {
  const files = buildRegistryFiles(snapshot)
  return siteOrigin ? [...files, ...(await catalogFiles(snapshot, files, siteOrigin, publisher))] : files
}

export function buildRegistryFiles(snapshot: Snapshot): RegistryFile[] {
  const rows: PointHit[] = []
  for (const { point, site, place } of matchingPlaces(snapshot, { statuses: [...POINT_STATUSES] })) {
    rows.push({ point, site, location: place?.location ?? null, ...(place ? { place } : {}), distance_m: null })
  }
  const tables = REGISTRY_FILE_FORMATS.map((format) => {
    const rendered = renderExport(format, rows, { at: null })
    return registryFile(format.fileName, format.contentType, rendered.text, rendered.written)
  })
  return [
    ...tables,
    registryFile(RECORDS_FILE, 'application/json; charset=utf-8', recordsJson(snapshot), snapshot.pointCount),
    csvFile(TEMPLATE_FILE, templateCsv(snapshot)),
    csvFile(FR_MEDIATION_FILE, frMediationCsv(snapshot)),
    csvFile(DATA_DICTIONARY_FILE, dataDictionaryCsv()),
  ]
}

/** A CSV file of the set: the template's, the French standard's, the dictionary. */
const csvFile = (name: string, { text, rows }: { text: string; rows: number }): RegistryFile => registryFile(name, 'text/csv; charset=utf-8', text, rows)

/** The records as the registry holds them (the API's fields that change with the clock left out), one per point, in id order. */
export const RECORDS_FILE = 'punti-facilitazione.json'

function recordsJson(snapshot: Snapshot): string {
  const lines: string[] = []
  for (const point of snapshot.records.each()) lines.push(JSON.stringify(point))
  return `[\n${lines.join(',\n')}\n]\n`
}
