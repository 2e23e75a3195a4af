import { Hono } from 'hono'
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { choiceFile, readLocalBasemap, stopUsingArchive, useArchive } from '../../../functions/basemap/local-basemap.ts'
import { mountBasemap, parseByteRange } from '../../../functions/local/serve-basemap.ts'
import { writeFixtureArchive } from '../basemap/fixture-archive.ts'

let archive: string
beforeAll(() => {
  archive = writeFixtureArchive()
})

/** The local app as start.ts mounts it: the basemap, then the site's files (here just the built-in style.json). */
function appFor(dataDir: string, warnings: string[] = []) {
  const app = new Hono()
  mountBasemap(app, { dataDir, warn: (m) => warnings.push(m) })
  app.get('/tiles/style.json', (c) => c.json({ version: 8, metadata: { 'puntovicino:basemap': 'builtin' }, sources: {}, layers: [] }))
  app.notFound((c) => c.json({ title: 'Not found' }, 404))
  return app
}

describe('parseByteRange (RFC 9110 single ranges)', () => {
  it('reads a-b, a- and -n within the file, and tells unsatisfiable from absent', () => {
    expect(parseByteRange('bytes=0-16383', 100_000)).toEqual({ start: 0, end: 16383 })
    expect(parseByteRange('bytes=99990-', 100_000)).toEqual({ start: 99990, end: 99999 })
    expect(parseByteRange('bytes=-10', 100_000)).toEqual({ start: 99990, end: 99999 })
    expect(parseByteRange('bytes=0-999999', 1000)).toEqual({ start: 0, end: 999 })
    expect(parseByteRange('bytes=1000-', 1000)).toBeNull()
    expect(parseByteRange('bytes=5-2', 1000)).toBeNull()
    expect(parseByteRange(undefined, 1000)).toBeUndefined()
    expect(parseByteRange('bytes=0-1,5-6', 1000)).toBeUndefined()
    expect(parseByteRange('items=0-1', 1000)).toBeUndefined()
  })
})

describe('`npm run basemap -- use FILE` and the local server', () => {
  it('serves the chosen archive with range requests, as the pmtiles library reads it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pv-data-'))
    const { siteName } = await useArchive(archive, dataDir)
    expect(siteName).toMatch(/^umbria-istat-[0-9a-f]{12}\.pmtiles$/)
    const app = appFor(dataDir)
    const bytes = readFileSync(archive)
    const part = await app.request(`/tiles/${siteName}`, { headers: { range: 'bytes=0-16383' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-16383/${bytes.length}`)
    expect(part.headers.get('content-type')).toBe('application/vnd.pmtiles')
    expect(part.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(part.headers.get('access-control-allow-origin')).toBe('*')
    expect(Buffer.compare(Buffer.from(await part.arrayBuffer()), bytes.subarray(0, 16384))).toBe(0)
    const tail = await app.request(`/tiles/${siteName}`, { headers: { range: 'bytes=-100' } })
    expect(Buffer.compare(Buffer.from(await tail.arrayBuffer()), bytes.subarray(bytes.length - 100))).toBe(0)
    expect((await app.request(`/tiles/${siteName}`, { headers: { range: `bytes=${bytes.length}-` } })).status).toBe(416)
    const whole = await app.request(`/tiles/${siteName}`)
    expect(whole.status).toBe(200)
    expect((await whole.arrayBuffer()).byteLength).toBe(bytes.length)
    expect((await app.request('/tiles/other-0123456789ab.pmtiles')).status).toBe(404)
  })

  it('answers the street style naming the archive, and falls back to the site’s built-in style when none is chosen', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pv-data-'))
    const app = appFor(dataDir)
    expect(((await (await app.request('/tiles/style.json')).json()) as { metadata: object }).metadata).toEqual({ 'puntovicino:basemap': 'builtin' })
    const { siteName } = await useArchive(archive, dataDir)
    const response = await app.request('/tiles/style.json')
    expect(response.headers.get('cache-control')).toBe('no-cache')
    const style = (await response.json()) as { metadata: object; sources: Record<string, { url: string; attribution: string }> }
    expect(style.metadata).toEqual({ 'puntovicino:basemap': 'streets' })
    expect(style.sources.openstreetmap).toMatchObject({ url: `pmtiles://${siteName}` })
    expect(style.sources.openstreetmap!.attribution).toContain('ISTAT')
    expect(stopUsingArchive(dataDir)).toBe(true)
    expect(((await (await app.request('/tiles/style.json')).json()) as { metadata: object }).metadata).toEqual({ 'puntovicino:basemap': 'builtin' })
  })

  it('refuses a file that is not an archive, keeping the previous choice', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pv-data-'))
    await useArchive(archive, dataDir)
    const before = readFileSync(choiceFile(dataDir), 'utf8')
    const notes = join(dataDir, 'notes.pmtiles')
    writeFileSync(notes, 'hello')
    await expect(useArchive(notes, dataDir)).rejects.toThrow(/not a PMTiles archive/)
    expect(readFileSync(choiceFile(dataDir), 'utf8')).toBe(before)
  })

  it('says so and draws the built-in map when the chosen file is gone; names it anew when it changed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pv-data-'))
    const copy = join(mkdtempSync(join(tmpdir(), 'pv-copy-')), 'umbria.pmtiles')
    writeFileSync(copy, readFileSync(archive))
    const { siteName } = await useArchive(copy, dataDir)
    const changed = Buffer.from(readFileSync(copy))
    changed.writeUInt8(changed.readUInt8(changed.length - 1) ^ 0xff, changed.length - 1)
    writeFileSync(copy, changed)
    utimesSync(copy, new Date(), new Date(Date.now() + 5000))
    const renamed = await readLocalBasemap(dataDir, () => {})
    expect(renamed?.siteName).not.toBe(siteName)
    rmSync(copy)
    const warnings: string[] = []
    expect(await readLocalBasemap(dataDir, (m) => warnings.push(m))).toBeNull()
    expect(warnings).toEqual([expect.stringMatching(/is gone; using the built-in map/)])
  })
})
