import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, sharedBrowser, phoneContext, screenshot } from './support/browser.ts'
import { runCli, startProductProcess, type ProductProcess } from './support/product-process.ts'

/**
 * Issue 10: a map that orients. Offline, the built-in map names the comuni; with an archive
 * (made here by our own tooling, `npm run basemap -- build`), `npm run basemap -- use` makes
 * `npm start` serve it by range requests, and the page draws it under the Content Security
 * Policy it ships with, asking nothing of any other origin; when the archive fails, the page
 * falls back to the built-in map and says so.
 */
const baseUrl = inject('e2eBaseUrl')
const PERUGIA = { lat: 43.1121, lon: 12.3888 }
const SEARCH = `?near=43.111,12.389&place=Perugia%20(PG)`

const browser = sharedBrowser()

interface Rendered {
  readonly source: string
  readonly sourceLayer?: string
  readonly layer: string
  readonly name: unknown
}

/** Centres the map on Perugia at a zoom, waits until it has drawn, and lists what is drawn (via the map's diagnostic handle). */
async function renderedAt(page: Page, zoom: number): Promise<Rendered[]> {
  return page.evaluate(
    ({ center, zoom }) =>
      new Promise<Rendered[]>((resolve) => {
        const map = (document.querySelector('.pv-map') as unknown as Record<symbol, any>)[Symbol.for('puntovicino.map')]
        map.once('idle', () => resolve(map.queryRenderedFeatures().map((f: any) => ({ source: f.source, sourceLayer: f.sourceLayer, layer: f.layer.id, name: f.properties.name ?? f.properties.n ?? null }))))
        map.jumpTo({ center: [center.lon, center.lat], zoom })
      }),
    { center: PERUGIA, zoom },
  )
}

/** The phone's map view of the Perugia search, once the map has its first style. */
async function openMap(page: Page, url: string): Promise<void> {
  await page.goto(url)
  await page.locator('.pv-results .pv-result').first().waitFor()
  await page.getByRole('group', { name: 'Mostra i risultati come' }).getByRole('button', { name: 'Mappa' }).click()
  await page.locator('.pv-map[data-basemap] .maplibregl-canvas').waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.pv-map-number, .pv-map-count').length > 0)
}

/** The map as the citizen sees it, scrolled into view, for docs/map.md. */
async function showMap(page: Page, name: string): Promise<void> {
  await page.locator('.pv-map-column').evaluate((column) => column.scrollIntoView({ block: 'start' }))
  await page.waitForTimeout(500) // the software GL draws
  await screenshot(page, name)
}

/** Records what a strict page must never do: leave its origin, break its CSP, log an error. */
function watch(page: Page, origin: string) {
  const foreign: string[] = []
  const errors: string[] = []
  const ranges: number[] = []
  page.on('request', (request) => {
    const url = request.url()
    if (!/^(data|blob):/.test(url) && new URL(url).origin !== origin) foreign.push(url)
  })
  page.on('response', (response) => {
    if (/\.pmtiles$/.test(response.url())) ranges.push(response.status())
  })
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return { foreign, errors, ranges }
}

async function strictContext(): Promise<BrowserContext> {
  // The page's own CSP applies (no bypass), and every violation is kept for the test to read.
  const context = await phoneContext(browser(), { bypassCSP: false })
  await context.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __cspViolations: string[] }).__cspViolations = [])
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`))
  })
  return context
}

const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)

describe('the built-in map, with no archive and no network beyond our origin', () => {
  it('names Perugia at city zoom, marks the searched place and draws the result pins, larger towns named first as it zooms in', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const seen = watch(page, baseUrl)
    await openMap(page, `${baseUrl}/${SEARCH}`)
    expect(await page.locator('.pv-map').getAttribute('data-basemap')).toBe('builtin')
    const city = await renderedAt(page, 12)
    expect(city.filter((f) => f.layer === 'comune-names').map((f) => f.name)).toContain('Perugia')
    expect(city.some((f) => f.layer === 'points' || f.layer === 'clusters')).toBe(true)
    expect(await page.locator('.pv-map-origin').isVisible()).toBe(true)
    await showMap(page, 'phone-map-offline-perugia')
    // Zoomed out to the region, villages give way to towns: Perugia stays, Corciano (≈ 21,000) goes at zoom 7.
    const region = (await renderedAt(page, 7)).filter((f) => f.layer === 'comune-names').map((f) => f.name)
    expect(region).toContain('Perugia')
    expect(region).not.toContain('Corciano')
    expect(await page.locator('.maplibregl-ctrl-attrib').textContent()).toContain('ISTAT')
    expect(await page.locator('.maplibregl-ctrl-attrib-button').getAttribute('aria-label')).toBe('Mostra o nascondi le fonti della mappa')
    expect(seen.foreign).toEqual([])
    expect(seen.errors).toEqual([])
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })

  it('draws the chosen result above the clusters, even where its pin is inside one', async () => {
    const context = await phoneContext(browser(), { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/${SEARCH}`)
    const first = page.locator('.pv-results .pv-result').first()
    await first.waitFor()
    await page.locator('.pv-map .maplibregl-canvas').waitFor()
    await first.locator('.pv-result__link').click()
    await page.locator('.pv-detail__title').waitFor()
    // Zoomed out to Italy, every pin is in a cluster; the chosen one is still drawn, on top.
    const italy = await renderedAt(page, 5)
    expect(italy.some((f) => f.layer === 'clusters')).toBe(true)
    expect(italy.filter((f) => f.layer === 'selected-point')).toHaveLength(1)
    const layers = await page.evaluate(() => ((document.querySelector('.pv-map') as unknown as Record<symbol, any>)[Symbol.for('puntovicino.map')].getStyle().layers as Array<{ id: string }>).map((l) => l.id))
    expect(layers.indexOf('selected-point')).toBe(layers.length - 1)
    await context.close()
  })
})

describe('an archive, made by our tooling, through `basemap use` and `npm start`', () => {
  let product: ProductProcess
  const dataDir = mkdtempSync(join(tmpdir(), 'pv-street-map-'))
  const archive = join(dataDir, 'umbria-istat.pmtiles')

  beforeAll(async () => {
    const built = await runCli('functions/basemap/cli.ts', ['build', archive, '--bounds', '11.8,42.3,13.3,43.7', '--min-zoom', '5', '--max-zoom', '12'], dataDir)
    expect(built.stderr).toBe('')
    expect(built.code).toBe(0)
    const used = await runCli('functions/basemap/cli.ts', ['use', archive], dataDir)
    expect(used.code).toBe(0)
    expect(used.stdout).toMatch(/npm start serves it as \/tiles\/umbria-istat-[0-9a-f]{12}\.pmtiles/)
    product = await startProductProcess(dataDir)
  }, 180_000)
  afterAll(async () => {
    await product?.close()
  })

  it('is drawn by range requests from our origin alone, under the CSP the site ships, with Perugia named from its tiles', async () => {
    const context = await strictContext()
    const page = await context.newPage()
    const seen = watch(page, product.baseUrl)
    await openMap(page, `${product.baseUrl}/${SEARCH}`)
    expect(await page.locator('.pv-map').getAttribute('data-basemap')).toBe('streets')
    const city = await renderedAt(page, 12)
    expect(city.filter((f) => f.source === 'openstreetmap' && f.sourceLayer === 'places').map((f) => f.name)).toContain('Perugia')
    expect(city.some((f) => f.source === 'openstreetmap' && f.sourceLayer === 'earth')).toBe(true)
    expect(city.some((f) => f.layer === 'points' || f.layer === 'clusters')).toBe(true)
    expect(await page.locator('.pv-map-origin').isVisible()).toBe(true)
    await showMap(page, 'phone-map-archive-perugia')
    expect(seen.ranges.length).toBeGreaterThan(0)
    expect(new Set(seen.ranges)).toEqual(new Set([206]))
    expect(seen.foreign).toEqual([])
    expect(await cspViolations(page)).toEqual([])
    expect(seen.errors).toEqual([])
    expect(await page.locator('.pv-map__note').textContent()).toBe('')
    await context.close()
  })

  it('falls back to the built-in map when the archive fails, and says so', async () => {
    const context = await strictContext()
    const page = await context.newPage()
    await page.route('**/*.pmtiles', (route) => route.fulfill({ status: 503, body: 'unavailable' }))
    await openMap(page, `${product.baseUrl}/${SEARCH}`)
    await page.waitForFunction(() => document.querySelector('.pv-map')?.getAttribute('data-basemap') === 'builtin')
    expect(await page.locator('.pv-map__note').textContent()).toBe("La mappa stradale non è disponibile ora: vedi la mappa semplificata con regioni, province e comuni. L'elenco contiene tutti i risultati.")
    const city = await renderedAt(page, 12)
    expect(city.filter((f) => f.layer === 'comune-names').map((f) => f.name)).toContain('Perugia')
    expect(city.some((f) => f.layer === 'points' || f.layer === 'clusters')).toBe(true)
    expect(await cspViolations(page)).toEqual([])
    await showMap(page, 'phone-map-archive-failed')
    await context.close()
  })

  it('goes back to the built-in map with `basemap use --none`, without a restart', async () => {
    const none = await runCli('functions/basemap/cli.ts', ['use', '--none'], dataDir)
    expect(none.code).toBe(0)
    const style = (await (await fetch(`${product.baseUrl}/tiles/style.json`)).json()) as { metadata: Record<string, string> }
    expect(style.metadata['puntovicino:basemap']).toBe('builtin')
  })
})
