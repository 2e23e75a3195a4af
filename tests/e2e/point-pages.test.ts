import { describe, expect, inject, it } from 'vitest'
import { axeViolations, phoneContext, screenshot, sharedBrowser } from './support/browser.ts'
import { LANGS } from '../../shared/i18n/langs.ts'

const baseUrl = inject('e2eBaseUrl')
const browser = sharedBrowser()

/** Issue 14: a point's page is complete in Chromium with JavaScript off, and accessible. */
describe('a point’s own page', () => {
  it('reads completely with JavaScript disabled: name, where, status, the week with dates, contacts', async () => {
    const sitemap = await (await fetch(`${baseUrl}/sitemap-punti-1.xml`)).text()
    const path = new URL(sitemap.match(/<loc>([^<]*\/punti\/[^<]+)<\/loc>/)![1]!).pathname
    const context = await phoneContext(browser(), { javaScriptEnabled: false })
    const page = await context.newPage()
    const response = await page.goto(`${baseUrl}${path}`)
    expect(response?.status()).toBe(200)
    expect(await page.locator('h1').textContent()).not.toBe('')
    expect(await page.locator('.pv-page__where').textContent()).toMatch(/\(\w\w\), /)
    expect(await page.locator('.pv-page__status').textContent()).toMatch(/^(Aperto ora|Chiuso ora|Sospeso|Chiuso definitivamente)/)
    const week = page.locator('.pv-page__week').first()
    expect(await week.locator('tbody tr').count()).toBe(7)
    expect(await week.locator('caption').textContent()).toBe('Orari dei prossimi 7 giorni')
    expect(await page.locator('#contatti').textContent()).toBe('Contatti e prenotazione')
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(1)
    // The link preview's picture is served where the page names it.
    const preview = await fetch(await page.locator('meta[property="og:image"]').getAttribute('content') ?? '')
    expect([preview.status, preview.headers.get('content-type')]).toEqual([200, 'image/png'])
    await screenshot(page, 'point-page-no-javascript')
    await context.close()

    const withScripts = await phoneContext(browser())
    const checked = await withScripts.newPage()
    await checked.goto(`${baseUrl}${path}`)
    expect(await axeViolations(checked)).toEqual([])
    for (const lang of LANGS.filter((l) => l !== 'it')) {
      await checked.goto(`${baseUrl}${path}?lang=${lang}`)
      expect(await checked.evaluate(() => document.documentElement.lang)).toBe(lang)
      expect(await checked.locator('.lang-nav [aria-current="page"]').getAttribute('lang')).toBe(lang)
      expect(await axeViolations(checked), lang).toEqual([])
    }
    await screenshot(checked, 'point-page-sl')
    await withScripts.close()
  })

  it('is reached from the home page without JavaScript, or when its script fails to load, or with it: the region pages are linked under the locator', async () => {
    const noScripts = await phoneContext(browser(), { javaScriptEnabled: false })
    const page = await noScripts.newPage()
    await page.goto(`${baseUrl}/`)
    const regions = page.locator('.pv-regions').getByRole('link')
    expect(await regions.count()).toBe(20)
    await page.locator('.pv-regions').getByRole('link', { name: 'Umbria' }).click()
    await page.waitForURL('**/regioni/umbria')
    expect(await page.locator('h1').textContent()).toContain('Umbria')
    // The statistics without JavaScript: the same figures as files (the page was an empty heading).
    await page.goto(`${baseUrl}/statistiche`)
    for (const href of await page.locator('#stats a[href$=".csv"]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))) {
      expect((await fetch(href)).status, href).toBe(200)
    }
    expect(await page.locator('#stats a[href$=".csv"]').count()).toBe(4)
    await noScripts.close()
    // The script refused on the way (a filter, a timeout): the same way in, not an empty page.
    const failing = await phoneContext(browser())
    const failed = await failing.newPage()
    await failed.route('**/app.js', (route) => route.abort('timedout'))
    await failed.goto(`${baseUrl}/`)
    expect(await failed.locator('.pv-regions').getByRole('link', { name: 'Toscana' }).isVisible()).toBe(true)
    // With the script, the locator comes first and the regions stay a line under it, folded: a
    // crawler that runs scripts still finds the territory's pages (it found none), and in the
    // page's language, as the description search engines show under its title.
    const working = await failing.newPage()
    await working.goto(`${baseUrl}/?lang=en`)
    await working.locator('#locator input').first().waitFor()
    const folded = working.locator('details.pv-regions')
    expect(await folded.getAttribute('open')).toBeNull()
    expect(await folded.locator('summary').textContent()).toBe('Digital facilitation points region by region')
    await folded.locator('summary').click()
    await folded.getByRole('link', { name: 'Toscana' }).click()
    await working.waitForURL('**/regioni/toscana?lang=en')
    await working.goBack()
    expect(await working.locator('meta[name="description"]').getAttribute('content')).toMatch(/^At digital facilitation points someone helps you/)
    await failing.close()
  })

  it('lists the open-data files at /opendata/ on a page with no axe violation, reflowing on a phone', async () => {
    // The page has no script of its own; axe is injected into it.
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const response = await page.goto(`${baseUrl}/opendata/`)
    expect(response?.status()).toBe(200)
    expect(await page.locator('h1').textContent()).toBe('Dati aperti dei punti di facilitazione digitale')
    expect(await page.locator('ul.pv-page__cards').first().locator('li').count()).toBe(6)
    // Reflows on a phone: nothing wider than the screen (WCAG 1.4.10).
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'open-data-page')
    // The accessibility statement and the privacy page, which every footer links, with no axe violation either.
    for (const [path, heading] of [['/accessibilita', 'Accessibilità'], ['/privacy', 'Privacy']] as const) {
      expect((await page.goto(`${baseUrl}${path}`))?.status(), path).toBe(200)
      expect(await page.locator('h1').textContent()).toBe(heading)
      expect(await axeViolations(page), path).toEqual([])
    }
    await context.close()
  })

  it('gives each comune a page with the points there and around, reached from its region and province, with no axe violation', async () => {
    const context = await phoneContext(browser(), { javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/regioni/umbria`)
    await page.getByRole('link', { name: 'Perugia' }).click()
    await page.waitForURL(/\/province\/pg$/)
    await page.getByRole('link', { name: 'Perugia', exact: true }).click()
    await page.waitForURL(/\/comuni\/perugia-pg$/)
    expect(await page.locator('h1').textContent()).toBe('Punti di facilitazione digitale a Perugia')
    expect(await page.locator('#nel-comune ~ ul .pv-page__card').count()).toBeGreaterThan(0)
    const first = page.locator('.pv-page__card a').first()
    const name = await first.textContent()
    await first.click()
    expect(await page.locator('h1').textContent()).toBe(name)
    await context.close()
    const withScripts = await phoneContext(browser())
    const checked = await withScripts.newPage()
    for (const path of ['/comuni/perugia-pg', '/province/pg', '/regioni/umbria', ...LANGS.filter((l) => l !== 'it').map((l) => `/comuni/bolzano-bz?lang=${l}`)]) {
      await checked.goto(`${baseUrl}${path}`)
      expect(await axeViolations(checked), path).toEqual([])
    }
    await screenshot(checked, 'comune-page-sl')
    await checked.goto(`${baseUrl}/comuni/bolzano-bz?lang=de`)
    expect(await checked.locator('h1').textContent()).toBe('Anlaufstellen für digitale Unterstützung in Bozen')
    await screenshot(checked, 'comune-page-de')
    await withScripts.close()
  })

  it('with JavaScript keeps the status line live and draws the point’s places on a map once it is reached', async () => {
    const sitemap = await (await fetch(`${baseUrl}/sitemap-punti-1.xml`)).text()
    const paths = [...sitemap.matchAll(/<loc>[^<]*(\/punti\/[^<]+)<\/loc>/g)].map((m) => m[1]!)
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())))
    // A van: its places are its stops as well as its sites.
    let path = paths[0]!
    for (const candidate of paths.slice(0, 60)) {
      const html = await (await fetch(`${baseUrl}${candidate}`)).text()
      if (html.includes('"ServiceChannel"') && (html.match(/"GeoCoordinates"/g)?.length ?? 0) >= 2) {
        path = candidate
        break
      }
    }
    await page.goto(`${baseUrl}${path}`)
    await page.locator('.pv-page__status[data-live="true"]').waitFor()
    expect(await page.locator('.pv-page__status').getAttribute('aria-live')).toBe('polite')
    // The live line is the locator's wording (no "as of" time: it is now).
    expect(await page.locator('.pv-page__status').textContent()).not.toMatch(/\(alle /)
    await page.getByRole('heading', { name: 'Sulla mappa' }).scrollIntoViewIfNeeded()
    await page.getByRole('region', { name: /^Mappa dei luoghi di / }).waitFor()
    const placesOnMap = await page.waitForFunction(() => {
      type Source = { serialize(): { data: { features: unknown[] } } }
      const host = document.querySelector('.pv-page__map-host') as HTMLElement & Record<symbol, { getSource(id: string): Source | undefined } | undefined>
      return host[Symbol.for('puntovicino.map')]?.getSource('point-places')?.serialize().data.features.length
    })
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as { availableChannel: Array<{ serviceLocation?: unknown }> }
    expect(await placesOnMap.jsonValue()).toBe(ld.availableChannel.filter((c) => c.serviceLocation).length)
    // Where and when first, then the map, then what the point offers.
    expect(await page.evaluate(() => document.querySelector('#mappa')!.compareDocumentPosition(document.querySelector('#servizi')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'point-page-map')

    // A point with several sites: the live line names the site it speaks of, as the server's does.
    let severalSites: { path: string; labels: string[] } | undefined
    for (const candidate of paths.slice(0, 120)) {
      const id = decodeURIComponent(candidate.split('/')[2]!)
      const point = (await (await fetch(`${baseUrl}/v1/points/${encodeURIComponent(id)}`)).json()) as { status: string; next_opening: string | null; open_now: boolean; sites: Array<{ label: string }> }
      if (point.status === 'active' && point.sites.length > 1 && (point.open_now || point.next_opening)) {
        severalSites = { path: candidate, labels: point.sites.map((site) => site.label) }
        break
      }
    }
    await page.goto(`${baseUrl}${severalSites!.path}`)
    await page.locator('.pv-page__status[data-live="true"]').waitFor()
    const live = (await page.locator('.pv-page__status').textContent())!
    expect(severalSites!.labels.some((label) => live.includes(` · ${label}`)), live).toBe(true)
    expect(errors).toEqual([])
    await context.close()
  })
})
