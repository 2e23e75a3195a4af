import { parse } from 'csv-parse/sync'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { DATA_DICTIONARY_FILE } from '../../../functions/exports/data-dictionary.ts'
import { FR_MEDIATION_FILE } from '../../../functions/exports/fr-mediation-export.ts'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../../functions/api/app.ts'
import { buildRegistryFiles } from '../../../functions/exports/registry-files.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { readDocsAssetFromPackage } from '../../../functions/local/docs-assets.ts'
import { inMemorySnapshotSource } from '../../../functions/snapshot/snapshot-source.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { EXPORT_PAGE } from '../../../shared/schemas/points-query.ts'
import { brutePlaces } from '../../shared/geo/brute-force.ts'
import { generateRegistry } from '../../shared/geo/fixtures.ts'

/**
 * Exports at ten times the national target (issue 8): the full CSV and GeoJSON of a few thousand
 * points already passed Lambda's 6 MB response limit (CSV travels base64). Whole-registry files
 * are now made with each snapshot, and API exports come in bounded pages.
 */
const NOW = new Date('2026-11-23T10:30:00+01:00')
const records = generateRegistry({ points: 30_000, seed: 30, today: '2026-11-23' })
const snapshot = buildSnapshot(records, { registryVersion: 3, builtAt: NOW })
const sites = records.reduce((n, p) => n + p.sites.length, 0)
const onlineSites = records.reduce((n, p) => n + p.sites.filter((site) => site.kind === 'online').length, 0)
/** What API Gateway and Lambda let through in one synchronous response. */
const LAMBDA_RESPONSE_BYTES = 6 * 1024 * 1024

describe('exports of a 30,000-point registry', () => {
  it('makes whole-registry files with every place of every site, identical under gzip and brotli', async () => {
    const started = performance.now()
    const files = await buildRegistryFiles(snapshot)
    console.log(
      `registry files for ${records.length} points / ${sites} sites in ${Math.round(performance.now() - started)} ms: ` +
        files.map((f) => `${f.name} ${(f.body.length / 1e6).toFixed(1)} MB (gzip ${(f.gzip.length / 1e6).toFixed(1)}, br ${(f.brotli.length / 1e6).toFixed(1)})`).join('; '),
    )
    const csv = files.find((f) => f.name.endsWith('.csv'))!
    const rows = parse(csv.body, { bom: true, columns: true }) as Array<Record<string, string>>
    // One row per place a site is met at (a van once per stop place), an online site once.
    expect(rows).toHaveLength(snapshot.placeCount + onlineSites)
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['active', 'suspended', 'closed']))
    // Nothing that changes with the clock in a file served for hours.
    expect(Object.keys(rows[0]!)).not.toContain('open_now')
    const geojson = files.find((f) => f.name.endsWith('.geojson'))!
    expect(JSON.parse(geojson.body.toString()).features).toHaveLength(snapshot.placeCount)
    for (const file of files) {
      expect(gunzipSync(file.gzip).equals(file.body)).toBe(true)
      expect(brotliDecompressSync(file.brotli).equals(file.body)).toBe(true)
      // The data files could never have been one API answer (the data dictionary is a page of
      // text; the French standard's file needs street addresses, which this fixture's sites lack).
      if (file.name !== DATA_DICTIONARY_FILE && file.name !== FR_MEDIATION_FILE) expect(file.body.length, file.name).toBeGreaterThan(LAMBDA_RESPONSE_BYTES)
    }
  })

  it('answers API exports in pages that each fit one Lambda response, and a walk gets every row once', async () => {
    const app = createApp({ snapshots: inMemorySnapshotSource(snapshot), gazetteer: createGazetteer(loadComuni()), cursorSecret: 's', readDocsAsset: readDocsAssetFromPackage, now: () => NOW, log: () => {} })
    const activeRows = brutePlaces(records, '2026-11-23', {})
    for (const format of ['csv', 'geojson'] as const) {
      let url: string | null = `/v1/points.${format}?limit=${EXPORT_PAGE.maxRows}`
      const seen = new Set<string>()
      let pages = 0
      while (url) {
        const response: Response = await app.request(`http://localhost${url}`)
        expect(response.status).toBe(200)
        const body = Buffer.from(await response.arrayBuffer())
        // CSV goes through Lambda base64-encoded: 4/3 of its bytes must still fit.
        const onTheWire = format === 'csv' ? Math.ceil(body.length / 3) * 4 : body.length
        expect(onTheWire).toBeLessThan(LAMBDA_RESPONSE_BYTES)
        const keys =
          format === 'csv'
            ? (parse(body, { bom: true, columns: true }) as Array<Record<string, string>>).map((r) => `${r.point_id}/${r.site_id}@${r.lat},${r.lon}`)
            : (JSON.parse(body.toString()).features as Array<{ id: string }>).map((f) => f.id)
        for (const key of keys) {
          expect(seen.has(key), key).toBe(false)
          seen.add(key)
        }
        url = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '')?.[1] ?? null
        pages++
      }
      const expected = format === 'csv' ? activeRows.length : activeRows.filter((row) => row.location).length
      expect(seen.size).toBe(expected)
      console.log(`/v1/points.${format}: ${seen.size} rows in ${pages} pages`)
    }
  }, 120_000)
})
