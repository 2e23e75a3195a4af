import { createHash } from 'node:crypto'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { matchingPlaces, type PointHit } from '../../shared/geo/query.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import { POINT_STATUSES } from '../../shared/vocabulary.ts'
import { csvFormat } from './csv-export.ts'
import { renderExport, type ExportFormat } from './export-format.ts'
import { geoJsonFormat } from './geojson-export.ts'

/**
 * The whole registry as open-data files, regenerated with each snapshot: every point of every
 * status (the `status` column says which), one row per place where a site can be met (a mobile
 * unit once per stop place), without the fields that change with
 * the clock or the caller. Served under /opendata/ (CloudFront from S3 on AWS, the local server
 * on a laptop) with an ETag and gzip/brotli made once here: CloudFront compresses only objects
 * under 10 MB, and a national registry's files outgrow that.
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

export function buildRegistryFiles(snapshot: Snapshot): RegistryFile[] {
  const rows: PointHit[] = []
  for (const { point, site, place } of matchingPlaces(snapshot, { statuses: [...POINT_STATUSES] })) {
    rows.push({ point, site, location: place?.location ?? null, ...(place ? { place } : {}), distance_m: null })
  }
  return REGISTRY_FILE_FORMATS.map((format) => {
    const rendered = renderExport(format, rows, { at: null })
    const body = Buffer.from(rendered.text)
    return {
      name: format.fileName,
      contentType: format.contentType,
      body,
      gzip: gzipSync(body, { level: 9 }),
      // Quality 9: within a few percent of 11 on this text, at a fraction of the time.
      brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      rows: rendered.written,
    }
  })
}
