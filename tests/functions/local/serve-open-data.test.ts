import { parse } from 'csv-parse/sync'
import { Hono } from 'hono'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { mountOpenData } from '../../../functions/local/serve-open-data.ts'
import { snapshotOf, demoPointRecords } from '../api/support/app-fixture.ts'

describe('/opendata on the local server', () => {
  const records = demoPointRecords()
  let current = snapshotOf(records, 1)
  const app = new Hono()
  mountOpenData(app, () => current)
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`http://localhost${path}`, { headers })

  it('serves the whole registry, every status, brotli or gzip as accepted, with an ETag and 304', async () => {
    const plain = await get('/opendata/punti-facilitazione.csv')
    expect(plain.status).toBe(200)
    expect(plain.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const text = Buffer.from(await plain.arrayBuffer()).toString() // keeps the BOM, which Response.text() drops
    const rows = parse(text, { bom: true, columns: true }) as Array<Record<string, string>>
    // Every status, one row per place (a van once per stop place), an online site once.
    expect(rows).toHaveLength(current.placeCount + records.reduce((n, p) => n + p.sites.filter((site) => site.kind === 'online').length, 0))
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['active', 'suspended', 'closed']))
    const etag = plain.headers.get('etag')!

    const br = await get('/opendata/punti-facilitazione.csv', { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.headers.get('content-encoding')).toBe('br')
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(text)
    const gzip = await get('/opendata/punti-facilitazione.csv', { 'Accept-Encoding': 'gzip' })
    expect(gzip.headers.get('content-encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(text)
    expect((await get('/opendata/punti-facilitazione.csv', { 'If-None-Match': etag })).status).toBe(304)
    // Weak comparison (RFC 9110 §13.1.2): a proxy that marks the tag weak still gets its 304.
    expect((await get('/opendata/punti-facilitazione.csv', { 'If-None-Match': `W/${etag}` })).status).toBe(304)
  })

  it('serves the records themselves as JSON, one per point of every status, in id order, each valid against the schema', async () => {
    const { PointRecordSchema } = await import('../../../shared/schemas/point.ts')
    const json = (await (await get('/opendata/punti-facilitazione.json')).json()) as unknown[]
    expect(json).toHaveLength(current.pointCount)
    const ids = json.map((r) => PointRecordSchema.parse(r).id)
    expect(ids).toEqual([...ids].sort())
    expect(json).toEqual(JSON.parse(JSON.stringify(current.points)))
  })

  it('documents every column of the three CSV files and every GeoJSON property in a data dictionary, each in its order, in Italian and English', async () => {
    const dictionary = parse(Buffer.from(await (await get('/opendata/dizionario-dati.csv')).arrayBuffer()).toString(), { bom: true, columns: true }) as Array<Record<string, string>>
    const files = ['punti-facilitazione.csv', 'punti-facilitazione-modello.csv', 'lieux-mediation-numerique.csv']
    expect([...new Set(dictionary.map((row) => row.file))]).toEqual([...files, 'punti-facilitazione.geojson'])
    const features = ((await (await get('/opendata/punti-facilitazione.geojson')).json()) as { features: Array<{ properties: Record<string, unknown> }> }).features
    const properties = [...new Set(features.flatMap((f) => Object.keys(f.properties)))]
    expect(dictionary.filter((row) => row.file === 'punti-facilitazione.geojson').map((row) => row.colonna).sort()).toEqual(properties.sort())
    for (const file of files) {
      const header = parse(Buffer.from(await (await get(`/opendata/${file}`)).arrayBuffer()).toString(), { bom: true, to_line: 1 })[0] as string[]
      expect(dictionary.filter((row) => row.file === file).map((row) => row.colonna), file).toEqual(header)
    }
    for (const row of dictionary) for (const field of ['tipo', 'descrizione', 'description']) expect(row[field], `${row.colonna} ${field}`).not.toBe('')
  })

  it('lists every file at /opendata/ on a page, in Italian then English, each link answered, with its size and the licence', async () => {
    const response = await get('/opendata/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    // A page to read, not a file to save, under the site's policy.
    expect(response.headers.get('content-disposition')).toBeNull()
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    const page = await response.text()
    expect(page).toMatch(/^<!doctype html>\n<html lang="it">/)
    expect(page).toContain('<section lang="en"')
    expect(page).toContain('Registro dimostrativo generato')
    expect(page).toContain('https://creativecommons.org/licenses/by/4.0/')
    const links = [...page.matchAll(/<a href="([^"/:]+)"/g)].map((m) => m[1]!)
    expect(new Set(links)).toEqual(new Set(['punti-facilitazione.csv', 'punti-facilitazione.geojson', 'punti-facilitazione.json', 'punti-facilitazione-modello.csv', 'lieux-mediation-numerique.csv', 'dizionario-dati.csv', 'catalog.jsonld', 'catalog.ttl']))
    for (const name of new Set(links)) {
      const file = await get(`/opendata/${name}`)
      expect(file.status, name).toBe(200)
      const bytes = (await file.arrayBuffer()).byteLength
      // Each data file's size as the page says it (Italian decimals), from its bytes as served.
      if (!name.startsWith('catalog.')) expect(page, name).toContain(bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1).replace('.', ',')} MB` : `${(bytes / 1e3).toFixed(1).replace('.', ',')} kB`)
    }
    expect(await (await get('/opendata/index.html')).text()).toBe(page)
    const head = await app.request('http://localhost/opendata/', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
    const bare = await get('/opendata')
    expect(bare.status).toBe(301)
    expect(bare.headers.get('location')).toBe('/opendata/')
  })

  it('answers 503 for the page and the files while no registry is loaded', async () => {
    const loading = new Hono()
    mountOpenData(loading, () => undefined)
    for (const path of ['/opendata/', '/opendata/punti-facilitazione.csv', '/opendata/catalog.jsonld']) expect((await loading.request(`http://localhost${path}`)).status, path).toBe(503)
  })

  it('makes the files again after a rebuild, and answers 404 for any other name', async () => {
    const before = (await get('/opendata/punti-facilitazione.geojson')).headers.get('etag')
    const pageBefore = await (await get('/opendata/')).text()
    current = snapshotOf(records.slice(1, 300), 2)
    // The page gives the new files' sizes.
    expect(await (await get('/opendata/')).text()).not.toBe(pageBefore)
    const after = await get('/opendata/punti-facilitazione.geojson')
    expect(after.headers.get('etag')).not.toBe(before)
    expect((await after.json()).features.some((f: { properties: { point_id: string } }) => f.properties.point_id === records[0]!.id)).toBe(false)
    expect((await get('/opendata/secrets.txt')).status).toBe(404)
  })
})
