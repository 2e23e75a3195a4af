import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { archiveStyle } from '../../../functions/basemap/archive-style.ts'
import { chooseBasemap, resolveStyleUrls } from '../../../web/map/basemap-style.ts'
import { builtinStyle } from '../../../web/map/builtin-style.ts'

let server: Server
let base: string
const answers: Record<string, [number, string]> = {
  '/streets/tiles/style.json': [200, JSON.stringify(archiveStyle({ archiveFile: 'italia-0123456789ab.pmtiles', attribution: '© OpenStreetMap' }))],
  '/builtin/tiles/style.json': [200, JSON.stringify(builtinStyle())],
  '/broken/tiles/style.json': [500, 'oops'],
  '/garbage/tiles/style.json': [200, '<html>not json</html>'],
  '/other/tiles/style.json': [200, JSON.stringify({ hello: 'world' })],
}
beforeAll(async () => {
  server = createServer((request, response) => {
    const [status, body] = answers[request.url ?? ''] ?? [404, 'not found']
    response.writeHead(status, { 'content-type': 'application/json' }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('resolveStyleUrls', () => {
  it('makes a style file’s addresses absolute against its own URL, leaving templates’ braces alone', () => {
    const style = resolveStyleUrls(archiveStyle({ archiveFile: 'italia-0123456789ab.pmtiles', attribution: '' }), 'https://puntovicino.example/tiles/style.json')
    expect(style.glyphs).toBe('https://puntovicino.example/basemap/fonts/{fontstack}/{range}.pbf')
    expect(style.sources.openstreetmap).toMatchObject({ url: 'pmtiles://https://puntovicino.example/tiles/italia-0123456789ab.pmtiles' })
    const builtin = resolveStyleUrls(builtinStyle(), 'https://comune.example/pv/tiles/style.json')
    expect(builtin.sources.comuni).toMatchObject({ data: 'https://comune.example/pv/basemap/comuni-labels.geojson' })
    const raster = resolveStyleUrls({ version: 8, sprite: 'sprites/light', sources: { t: { type: 'raster', tiles: ['t/{z}/{x}/{y}.png'] } }, layers: [] }, 'https://a.example/tiles/style.json')
    expect(raster.sprite).toBe('https://a.example/tiles/sprites/light')
    expect(raster.sources.t).toMatchObject({ tiles: ['https://a.example/tiles/t/{z}/{x}/{y}.png'] })
  })
})

describe('chooseBasemap', () => {
  it('draws the street map the site publishes, and the built-in one where the site’s style says so, quietly', async () => {
    const streets = await chooseBasemap(`${base}/streets/tiles/style.json`, `${base}/streets/`)
    expect(streets).toMatchObject({ kind: 'streets', failure: null })
    expect(streets.style.sources.openstreetmap).toMatchObject({ url: `pmtiles://${base}/streets/tiles/italia-0123456789ab.pmtiles` })
    expect(await chooseBasemap(`${base}/builtin/tiles/style.json`, `${base}/builtin/`)).toMatchObject({ kind: 'builtin', failure: null })
  })

  it('falls back to the built-in map, with its files below the asset base, and says why, when the style cannot be had', async () => {
    for (const [site, reason] of [
      ['missing', /HTTP 404/],
      ['broken', /HTTP 500/],
      ['garbage', /not JSON/],
      ['other', /not a MapLibre style/],
    ] as const) {
      const choice = await chooseBasemap(`${base}/${site}/tiles/style.json`, `${base}/${site}/`)
      expect(choice.kind).toBe('builtin')
      expect(choice.failure).toMatch(reason)
      expect(choice.style.sources.regions).toMatchObject({ data: `${base}/${site}/basemap/it_regioni_simplified.geojson` })
    }
    const unreachable = await chooseBasemap('http://127.0.0.1:9/tiles/style.json', `${base}/`)
    expect(unreachable).toMatchObject({ kind: 'builtin', failure: expect.stringContaining('127.0.0.1:9') })
  })
})
