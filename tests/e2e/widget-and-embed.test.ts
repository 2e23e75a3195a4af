import { describe, expect, inject, it } from 'vitest'
import { axeViolations, sharedBrowser, phoneContext, screenshot } from './support/browser.ts'

const baseUrl = inject('e2eBaseUrl')
const hostUrl = inject('e2eHostUrl')

const browser = sharedBrowser()

describe('the widget and the iframe embed on another origin', () => {
  it('lists the prefiltered region inside a shadow root, with no style leaking in or out and no axe violation', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${hostUrl}/widget`)
    const firstResult = page.locator('puntovicino-locator .pv-result').first()
    await firstResult.waitFor()
    expect(await page.evaluate(() => document.querySelector('puntovicino-locator')?.shadowRoot?.querySelectorAll('.pv-result').length)).toBe(20)
    // The demo notice travels with the data into someone else's page: on each card and above the list.
    expect(await page.locator('puntovicino-locator .pv-result .pv-badge--demo').count()).toBe(20)
    expect(await page.locator('puntovicino-locator .pv-demo-notice').isVisible()).toBe(true)
    // The host paints h3, links and .pv-result in red: none of it reaches inside the shadow root.
    const inside = await firstResult.evaluate((result) => ({ border: getComputedStyle(result).borderTopColor, link: getComputedStyle(result.querySelector('a')!).color }))
    expect(inside.border).not.toBe('rgb(255, 0, 0)')
    expect(inside.link).toBe('rgb(0, 102, 204)')
    // …and the widget's .pv-count rule does not style the host's own element of that class.
    expect(await page.locator('main > p.pv-count').evaluate((p) => getComputedStyle(p).fontWeight)).toBe('400')
    expect(await page.evaluate(() => document.querySelector('puntovicino-locator')!.shadowRoot!.querySelector('.pv-results__title')!.textContent)).toBe('Punti di facilitazione in Toscana')
    const regions = await page.evaluate(async (api) => (await (await fetch(`${api}/v1/points?region=09&limit=1`)).json()).items[0].region.name, baseUrl)
    expect(regions).toBe('Toscana')
    // Whose data these are, and their licence, travel with them onto the host's page.
    const credit = page.locator('puntovicino-locator .pv-credit')
    expect(await credit.textContent()).toMatch(/^Dati: PuntoVicino.* · CC BY 4\.0.* · comuni e confini: ISTAT$/)
    expect(await credit.getByRole('link', { name: /^PuntoVicino/ }).getAttribute('href')).toBe(`${baseUrl}/opendata/`)
    // At a phone's width the widget too puts the map behind its List/Map switch.
    await page.locator('puntovicino-locator .pv-view-switch__button', { hasText: 'Mappa' }).click()
    await page.locator('puntovicino-locator .maplibregl-canvas').waitFor()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'widget-host-page')
    await page.locator('puntovicino-locator .pv-view-switch__button', { hasText: 'Elenco' }).click()
    await firstResult.locator('.pv-result__link').click()
    await page.locator('puntovicino-locator .pv-detail__title').waitFor()
    expect(page.url()).toBe(`${hostUrl}/widget`)
    expect(await page.locator('puntovicino-locator .pv-detail .pv-badge--demo').textContent()).toBe('Dato dimostrativo')
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'widget-detail')
    await context.close()
  })

  it("takes no inherited style from the host's page around it, nor an accent the host did not give it through its attribute", async () => {
    const context = await phoneContext(browser(), { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })
    const page = await context.newPage()
    await page.goto(`${hostUrl}/widget-inherits`)
    const firstResult = page.locator('puntovicino-locator .pv-result').first()
    await firstResult.waitFor()
    const styles = await firstResult.locator('.pv-result__link').evaluate((a) => {
      const s = getComputedStyle(a)
      return { whiteSpace: s.whiteSpace, textTransform: s.textTransform, fontStyle: s.fontStyle, textIndent: s.textIndent, color: s.color }
    })
    expect(styles).toEqual({ whiteSpace: 'normal', textTransform: 'none', fontStyle: 'normal', textIndent: '0px', color: 'rgb(0, 102, 204)' })
    // The host's `html { font-size: 10px }` (62.5 %, as many portals write it) is the rem of its
    // page, not the widget's: the text keeps the reader's size (16 px, headings 1.5 of it).
    const sizes = await page.evaluate(() => {
      const shadow = document.querySelector('puntovicino-locator')!.shadowRoot!
      const size = (selector: string) => getComputedStyle(shadow.querySelector(selector)!).fontSize
      return { text: size('.pv-locator'), heading: size('.pv-results__title'), padding: getComputedStyle(shadow.querySelector('.pv-result')!).paddingTop }
    })
    expect(sizes).toEqual({ text: '16px', heading: '24px', padding: '14px' })
    // nowrap had pushed 236 elements out of the 320-px column and widened the host page to 1,298 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
    await context.close()
  })

  it("keeps its look under a host's strict Content-Security-Policy, and says the map is unavailable when the policy refuses its worker", async () => {
    const context = await phoneContext(browser(), { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, bypassCSP: false })
    const page = await context.newPage()
    const violations: string[] = []
    page.on('console', (message) => void (/Content Security Policy/.test(message.text()) && violations.push(message.text())))
    await page.goto(`${hostUrl}/widget-strict-csp`)
    const firstResult = page.locator('puntovicino-locator .pv-result').first()
    await firstResult.waitFor()
    // Styled: its own stylesheet applies (it was refused as an inline <style>, leaving browser defaults).
    expect(await firstResult.evaluate((r) => getComputedStyle(r).borderLeftWidth)).toBe('4px')
    expect(await page.evaluate(() => document.fonts.check('16px "PuntoVicino Titillium Web"') || [...document.fonts].some((f) => f.family.includes('PuntoVicino')))).toBe(true)
    expect(violations.filter((v) => /style/.test(v))).toEqual([])
    // No blob: worker allowed: the map cannot draw, and the widget says so instead of a blank box.
    await page.locator('puntovicino-locator .pv-map__note', { hasText: 'La mappa non è disponibile' }).waitFor()
    await context.close()
  })

  it("draws its map under the very policy docs/widget.md gives hosts, and says the map is unavailable under the one it gave before (blob: workers only)", async () => {
    const context = await phoneContext(browser(), { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, bypassCSP: false })
    const page = await context.newPage()
    const warnings: string[] = []
    page.on('console', (message) => void (message.type() === 'warning' && warnings.push(message.text())))
    await page.goto(`${hostUrl}/widget-documented-csp`)
    await page.locator('puntovicino-locator .pv-result').first().waitFor()
    await page.waitForFunction(() => {
      const host = document.querySelector('puntovicino-locator')?.shadowRoot?.querySelector('.pv-map') as (HTMLElement & Record<symbol, { loaded(): boolean }>) | null
      return host?.[Symbol.for('puntovicino.map')]?.loaded() === true
    }, undefined, { timeout: 20_000 })
    expect(await page.locator('puntovicino-locator .pv-map__note').textContent()).not.toContain('non è disponibile')
    // The host's own worker refused by its policy is none of the map's business: the map stays.
    await page.evaluate(() => {
      try {
        new Worker('data:text/javascript,0')
      } catch {}
    })
    await page.waitForTimeout(500)
    expect(await page.locator('puntovicino-locator .pv-map__note').textContent()).not.toContain('non è disponibile')
    expect(await page.locator('puntovicino-locator .pv-map').isVisible()).toBe(true)

    await page.goto(`${hostUrl}/widget-blob-worker-only`)
    await page.locator('puntovicino-locator .pv-map__note', { hasText: 'La mappa non è disponibile' }).waitFor()
    expect(warnings.some((w) => w.includes('worker-src') && w.includes(baseUrl))).toBe(true)
    // A host that requires Trusted Types refuses the map's worker too: said so (it was a blank map).
    await page.goto(`${hostUrl}/widget-trusted-types`)
    await page.locator('puntovicino-locator .pv-result').first().waitFor()
    await page.locator('puntovicino-locator .pv-map__note', { hasText: 'La mappa non è disponibile' }).waitFor()
    expect(warnings.some((w) => w.includes('Trusted Types'))).toBe(true)
    await context.close()
  })

  it("names the comune it is filtered to, and for a comune with no point says so and links to the points nearest to it (it was a dead end)", async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${hostUrl}/widget-perugia`)
    await page.locator('puntovicino-locator .pv-result').first().waitFor()
    await expect.poll(() => page.locator('puntovicino-locator .pv-results__title').textContent()).toBe('Punti di facilitazione a Perugia')

    await page.goto(`${hostUrl}/widget-empty-comune`)
    await expect.poll(() => page.locator('puntovicino-locator .pv-count').textContent()).toBe("A Bevagna non c'è ancora un punto di facilitazione.")
    expect(await page.locator('puntovicino-locator .pv-results__title').textContent()).toBe('Punti di facilitazione a Bevagna')
    const nearest = page.locator('puntovicino-locator .pv-empty-help a')
    expect(await nearest.textContent()).toContain('Cerca i punti più vicini a Bevagna')
    const href = new URL((await nearest.getAttribute('href'))!)
    expect(href.origin).toBe(baseUrl)
    expect(href.searchParams.get('place')).toBe('Bevagna')
    expect(href.searchParams.get('near')).toMatch(/^42\.9\d*,12\.6\d*$/)
    expect(href.searchParams.get('comune')).toBeNull()
    // The comune searched by name inside its widget leads out too: it said "try taking a filter off", with none set.
    await page.locator('puntovicino-locator .pv-input').fill('Bevagna')
    await page.locator('puntovicino-locator').getByRole('button', { name: 'Cerca' }).click()
    await page.locator('puntovicino-locator .pv-results__title', { hasText: 'vicini a Bevagna' }).waitFor()
    await expect.poll(() => page.locator('puntovicino-locator .pv-empty-help a').textContent()).toContain('Cerca i punti più vicini a Bevagna')
    // A failed search is said as a failure, not as "none here" once the comune's name arrives.
    await page.route('**/v1/points?**', (route) => route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{}' }))
    await page.reload()
    await page.locator('puntovicino-locator .pv-empty-help button', { hasText: 'Riprova' }).waitFor()
    await page.waitForTimeout(500)
    expect(await page.locator('puntovicino-locator .pv-count').textContent()).toContain('Non è stato possibile caricare i risultati')
    await page.unroute('**/v1/points?**')
    // The page it opens lists points around Bevagna.
    const { items } = (await (await fetch(`${baseUrl}/v1/points?near=${href.searchParams.get('near')}&limit=3`)).json()) as { items: unknown[] }
    expect(items.length).toBe(3)
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })

  it("marks the map's Italian credit as Italian inside an English widget (WCAG 3.1.2)", async () => {
    const context = await phoneContext(browser(), { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })
    const page = await context.newPage()
    await page.goto(`${hostUrl}/widget`)
    await page.evaluate(() => document.querySelector('puntovicino-locator')!.setAttribute('lang', 'en'))
    const credit = page.locator('puntovicino-locator .maplibregl-ctrl-attrib-inner')
    await credit.waitFor({ state: 'attached' })
    await expect.poll(() => credit.locator('[lang="it"]').first().textContent().catch(() => null)).toBe('Confini e comuni')
    await context.close()
  })

  it('draws the language its lang attribute names last, even when it changes while the first one loads', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${hostUrl}/widget`)
    await page.evaluate(() => {
      const widget = document.createElement('puntovicino-locator')
      widget.id = 'changed'
      widget.setAttribute('lang', 'de')
      document.body.append(widget)
      widget.setAttribute('lang', 'fr')
    })
    await page.locator('#changed').getByRole('combobox', { name: 'Votre commune' }).waitFor()
    expect(errors).toEqual([])
    await context.close()
  })

  it('resizes the iframe embed to its content through postMessage and has no axe violation', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${hostUrl}/iframe`)
    const frame = page.frameLocator('#pv-frame')
    await frame.locator('.pv-results .pv-result').first().waitFor()
    await page.waitForFunction(() => document.getElementById('pv-frame')!.getBoundingClientRect().height > 1000)
    const { frameHeight, contentHeight } = await page.evaluate(() => {
      const iframe = document.getElementById('pv-frame') as HTMLIFrameElement
      return { frameHeight: iframe.getBoundingClientRect().height, contentHeight: Number(iframe.style.height.replace('px', '')) }
    })
    expect(frameHeight).toBe(contentHeight)
    expect(await frame.locator('.pv-map').count()).toBe(0)
    expect(await frame.locator('.pv-results .pv-result .pv-badge--demo').first().textContent()).toBe('Dato dimostrativo')
    const embed = page.frames().find((f) => f.url().startsWith(`${baseUrl}/embed`))!
    expect(await axeViolations(embed)).toEqual([])
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'iframe-embed')
    // Back from a point far down the list: the card it returns to is on screen. The frame grows
    // back after the focus lands, and the host stayed scrolled to the frame's shorter bottom.
    const card = frame.locator('.pv-result__link').nth(15)
    await card.focus()
    await card.press('Enter')
    await frame.locator('.pv-detail__title').waitFor()
    await frame.getByRole('button', { name: /Torna ai risultati/ }).press('Enter')
    await expect
      .poll(async () => {
        const frameTop = await page.evaluate(() => document.getElementById('pv-frame')!.getBoundingClientRect().top)
        const focused = await embed.evaluate(() => {
          const box = document.activeElement!.getBoundingClientRect()
          return { top: box.top, bottom: box.bottom, isCard: document.activeElement!.classList.contains('pv-result__link') }
        })
        const viewport = page.viewportSize()!.height
        return focused.isCard && frameTop + focused.top >= 0 && frameTop + focused.bottom <= viewport
      }, { timeout: 5000 })
      .toBe(true)
    await context.close()
  })

  it('fits the iframe to its content as it shrinks too, with a map of its own height, and links out to the full page in a new tab', async () => {
    // A desktop host page: list and map side by side, as most regional sites show them.
    const context = await phoneContext(browser(), { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, permissions: ['geolocation'], geolocation: { latitude: 43.1107, longitude: 12.3908 } })
    const page = await context.newPage()
    await page.goto(`${hostUrl}/iframe-map`)
    const frame = page.frameLocator('#pv-frame')
    // The snippet delegates the position to the frame: without allow="geolocation" it always failed.
    await frame.getByRole('button', { name: 'Usa la mia posizione' }).click()
    await frame.getByRole('heading', { name: /tua posizione/ }).waitFor()
    await frame.locator('.pv-results .pv-result').first().waitFor()
    const frameHeight = () => page.evaluate(() => document.getElementById('pv-frame')!.getBoundingClientRect().height)
    const settled = async () => {
      let last = -1
      for (let i = 0; i < 40; i++) {
        const now = await frameHeight()
        if (now === last) return now
        last = now
        await page.waitForTimeout(250)
      }
      return last
    }
    const full = await settled()
    // The map's height is its own, not a share of a frame that grows with it (it reached 5,944 px).
    const mapHeight = (await frame.locator('.pv-map').boundingBox())?.height ?? 0
    expect(mapHeight).toBeGreaterThan(300)
    expect(mapHeight).toBeLessThan(600)
    await frame.locator('summary', { hasText: 'Filtri' }).click()
    await frame.getByLabel('Tipo di punto', { exact: true }).selectOption('mobile')
    await expect.poll(async () => frame.locator('.pv-results .pv-result').count()).toBeLessThan(10)
    const fewer = await settled()
    const content = await frame.locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height))
    expect(fewer).toBeLessThan(full)
    expect(Math.abs(fewer - content)).toBeLessThan(40)
    // The full page refuses to be framed: its link opens a new tab rather than an error in the frame.
    await frame.getByLabel('Tipo di punto', { exact: true }).selectOption('')
    await frame.locator('.pv-result__link').first().click()
    const share = frame.getByRole('link', { name: /Link a questa scheda/ })
    expect(await share.getAttribute('target')).toBe('_blank')
    await context.close()
  })

  it("keeps the host's accent and list-only mode in the URL the embed writes, so a reload keeps them", async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${hostUrl}/iframe`)
    const frame = page.frameLocator('#pv-frame')
    await frame.locator('.pv-results .pv-result').first().waitFor()
    await frame.locator('summary', { hasText: 'Filtri' }).click()
    await frame.getByLabel('Solo aperti ora', { exact: true }).check()
    const embed = page.frames().find((f) => f.url().startsWith(`${baseUrl}/embed`))!
    await embed.waitForURL(/open_now=true/)
    const written = new URL(embed.url())
    expect(written.searchParams.get('accent')).toBe('#8a1538')
    expect(written.searchParams.get('list-only')).toBe('true')
    expect(written.searchParams.get('region')).toBe('09')
    // A result's link is the point's own page on our site (a new tab, a copied link, no JavaScript needed): the frame's look stays in the frame.
    const cardLink = new URL((await frame.locator('.pv-result__link').first().getAttribute('href'))!, written)
    expect(cardLink.origin).toBe(baseUrl)
    expect(cardLink.pathname).toMatch(/^\/punti\/[^/]+\/[a-z0-9-]+$/)
    expect(cardLink.searchParams.has('list-only')).toBe(false)
    await embed.goto(written.toString())
    await frame.locator('.pv-results .pv-result').first().waitFor()
    expect(await frame.locator('.pv-map').count()).toBe(0)
    expect(await frame.locator('.pv-result__link').first().evaluate((a) => getComputedStyle(a).color)).toBe('rgb(138, 21, 56)')
    expect(await frame.getByLabel('Solo aperti ora', { exact: true }).isChecked()).toBe(true)
    await frame.locator('.pv-result__link').first().click()
    // The share link is the point's own page too, without the frame's settings.
    const share = await frame.getByRole('link', { name: 'Link a questa scheda' }).getAttribute('href')
    expect(new URL(share!).pathname).toMatch(/^\/punti\/[^/]+\/[a-z0-9-]+$/)
    expect(new URL(share!).searchParams.has('accent')).toBe(false)
    await context.close()
  })

  it('tells the webmaster that a region code is not valid, in the iframe and on the widget, and applies no prefilter', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const requests: URL[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname === '/v1/points') requests.push(url)
    })
    await page.goto(`${baseUrl}/embed?region=99`)
    const notice = page.locator('.pv-config-notice')
    await notice.waitFor()
    expect(await notice.evaluate((box) => box.parentElement?.getAttribute('role'))).toBe('status')
    expect(await notice.textContent()).toBe('Per chi gestisce questo sito:il codice regione «99» non è valido ed è ignorato: usa il codice ISTAT a due cifre (es. 09 per la Toscana).')
    // No prefilter left: the embed asks for a comune, as without one, and never lists all of Italy.
    expect(await page.locator('.pv-count').textContent()).toBe('Scrivi il tuo comune o usa la tua posizione per vedere i punti più vicini.')
    expect(requests).toEqual([])
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'embed-bad-region')
    // A language the interface does not speak is told the same way, with the ones it does.
    await page.goto(`${baseUrl}/embed?region=09&lang=es`)
    await notice.waitFor()
    expect(await notice.locator('li').textContent()).toBe('la lingua «es» non è disponibile ed è ignorata: usa it, en, de, fr o sl.')

    const host = await context.newPage()
    await host.goto(`${hostUrl}/widget-bad-region`)
    await host.locator('puntovicino-locator .pv-config-notice').waitFor()
    expect(await host.locator('puntovicino-locator .pv-config-notice li').textContent()).toContain('«99»')
    // A comune code of the right shape that names no comune is told too, once the API says so
    // (the list said only "a filter set for this page is not valid", nothing for the webmaster).
    await page.goto(`${baseUrl}/embed?comune=054999`)
    await expect.poll(() => page.locator('.pv-config-notice li').textContent()).toContain('nessun comune ha il codice ISTAT «054999»')
    // Put in a live region that was there from the start, so it is said, not only shown.
    expect(await page.locator('.pv-config-notice').evaluate((box) => box.parentElement?.getAttribute('role'))).toBe('status')
    // A valid prefilter shows no such notice.
    const good = await context.newPage()
    await good.goto(`${hostUrl}/widget`)
    await good.locator('puntovicino-locator .pv-result').first().waitFor()
    expect(await good.locator('puntovicino-locator .pv-config-notice').count()).toBe(0)
    await context.close()
  })

  it('writes both snippets in the embed builder from names, not codes, and previews the widget beside the options', async () => {
    const context = await phoneContext(browser(), { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/embed-builder`)
    expect(await page.getByLabel('Regione', { exact: true }).locator('option').first().textContent()).toBe('Tutte')
    const regionCodes = await page.getByLabel('Regione', { exact: true }).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).slice(1))
    expect(regionCodes).toEqual([...regionCodes].sort())
    await page.getByLabel('Regione', { exact: true }).selectOption('09')
    // The focus ring has a dark edge: orange alone is 2:1 on the form's grey (WCAG 1.4.11).
    await page.getByLabel('Regione', { exact: true }).focus()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow)).toContain('rgb(23, 50, 77)')
    // The provinces of Tuscany, by name.
    const provinces = await page.getByLabel('Provincia', { exact: true }).locator('option').allTextContents()
    expect(provinces).toContain('Firenze (FI)')
    expect(provinces).not.toContain('Perugia (PG)')
    await page.getByLabel('Servizio').first().selectOption('formazione_gruppo')
    const snippets = await page.locator('pre code').allTextContents()
    expect(snippets[0]).toBe(
      `<script type="module" src="${baseUrl}/widget.js"></script>\n<puntovicino-locator region="09" service="formazione_gruppo" lang="it" accent="#0066cc"><a href="${baseUrl}/?region=09&amp;service=formazione_gruppo&amp;lang=it">Trova il punto di facilitazione digitale più vicino in Toscana</a></puntovicino-locator>`,
    )
    expect(snippets[1]).toContain(`src="${baseUrl}/embed?region=09&amp;service=formazione_gruppo&amp;lang=it&amp;accent=%230066cc"`)
    expect(snippets[1]).toContain('height:720px')
    // A province's widget is named for the province where a host strips its script, not for the region.
    await page.getByLabel('Provincia', { exact: true }).selectOption('FI')
    expect((await page.locator('pre code').allTextContents())[0]).toContain('>Trova il punto di facilitazione digitale più vicino in provincia di Firenze</a>')
    await page.getByLabel('Provincia', { exact: true }).selectOption('')
    // A comune by its name: the snippet gets its ISTAT code.
    const comune = page.getByLabel('Comune', { exact: true })
    // Asked of the API within the region chosen, not filtered after its first eight answers.
    const suggested = page.waitForRequest((request) => request.url().includes('/v1/places') && new URL(request.url()).searchParams.get('q') === 'Prat')
    await comune.fill('Prat')
    expect(new URL((await suggested).url()).searchParams.get('region')).toBe('09')
    await page.waitForFunction(() => [...document.querySelectorAll('#b-comune-options option')].some((o) => (o as HTMLOptionElement).value === 'Prato (PO)'))
    await comune.fill('Prato (PO)')
    await page.waitForFunction(() => document.querySelector('pre code')?.textContent?.includes('comune="100005"'))
    // Another province of Tuscany, then another region: Prato is in neither, so it goes (the snippet
    // said region 09 with a comune elsewhere, and its link "…più vicino a Prato" over the region).
    await page.getByLabel('Provincia', { exact: true }).selectOption('FI')
    await page.waitForFunction(() => !document.querySelector('pre code')?.textContent?.includes('comune='))
    expect(await comune.inputValue()).toBe('')
    await page.getByLabel('Provincia', { exact: true }).selectOption('')
    await comune.fill('Prato (PO)')
    await page.waitForFunction(() => document.querySelector('pre code')?.textContent?.includes('comune="100005"'))
    await page.getByLabel('Regione', { exact: true }).selectOption('10')
    await page.waitForFunction(() => !document.querySelector('pre code')?.textContent?.includes('comune='))
    expect((await page.locator('pre code').allTextContents())[0]).not.toContain('Prato')
    await page.getByLabel('Regione', { exact: true }).selectOption('09')
    await comune.fill('Prato (PO)')
    await page.waitForFunction(() => document.querySelector('pre code')?.textContent?.includes('comune="100005"'))
    // The preview sits beside the options, and its widget names its region.
    const previewBox = (await page.locator('.builder__preview').boundingBox())!
    expect(previewBox.x).toBeGreaterThan((await page.locator('.builder__options').boundingBox())!.x + 300)
    await page.locator('.preview puntovicino-locator .pv-result').first().waitFor()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'embed-builder')
    // A colour too light for text is said at once, and left out of the snippets (the widget would ignore it: WCAG 1.4.3).
    await page.locator('#b-accent').fill('#ffcc00')
    expect(await page.locator('#b-accent-hint').textContent()).toMatch(/^Questo colore ha contrasto 1,\d:1 con il bianco, sotto il 4,5:1/)
    await page.waitForFunction(() => !document.querySelector('pre code')?.textContent?.includes('accent='))
    // Rounded down: #777777 (4.48:1) must not read as the 4.5:1 it misses.
    await page.locator('#b-accent').fill('#777777')
    expect(await page.locator('#b-accent-hint').textContent()).toMatch(/^Questo colore ha contrasto 4,4:1 con il bianco/)
    expect((await page.locator('pre code').allTextContents()).some((code) => /accent|ffcc00/.test(code))).toBe(false)
    // Two copy buttons, two names; a browser that refuses the clipboard gets the code selected, not "copied".
    expect(await page.getByRole('button', { name: /^Copia il codice/ }).allTextContents()).toEqual(['Copia il codice con script', 'Copia il codice con iframe'])
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } }))
    await page.getByRole('button', { name: 'Copia il codice con iframe' }).click()
    await page.getByText(/^Copia non riuscita: il codice è selezionato/).waitFor()
    expect(await page.evaluate(() => getSelection()?.toString())).toContain('<iframe')
    // Reached from a German page's footer (`?lang=de`): the builder in German, not Italian under a German link.
    await page.goto(`${baseUrl}/embed-builder?lang=de`)
    await page.locator('#b-region').waitFor()
    expect([await page.locator('h1').textContent(), await page.evaluate(() => document.documentElement.lang)]).toEqual(['PuntoVicino in Ihre Website einbinden', 'de'])
    expect(await page.locator('.brand__tagline').textContent()).toBe('Widget für die Websites von Regionen und Gemeinden')
    await context.close()
  })

  it('still leads to the locator when the host site strips the script: the snippet\'s link shows', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${hostUrl}/widget-no-script`)
    const link = page.getByRole('link', { name: 'Trova il punto di facilitazione digitale più vicino in Toscana' })
    expect(await link.isVisible()).toBe(true)
    expect(new URL((await link.getAttribute('href'))!).searchParams.get('region')).toBe('09')
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })

  it("names its region in the widget's heading and search example", async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${hostUrl}/widget`)
    await page.locator('puntovicino-locator .pv-results .pv-result').first().waitFor()
    expect(await page.locator('puntovicino-locator .pv-input').getAttribute('placeholder')).toBe('Es. Firenze')
    await page.goto(`${hostUrl}/widget-umbria`)
    await page.locator('puntovicino-locator .pv-results .pv-result').first().waitFor()
    expect(await page.locator('puntovicino-locator .pv-results__title').textContent()).toBe('Punti di facilitazione in Umbria')
    expect(await page.locator('puntovicino-locator .pv-input').getAttribute('placeholder')).toBe('Es. Perugia')
    await context.close()
  })

  it("opens no point of another area from a hand-made address: an Umbria embed asked for a Milan point says it is elsewhere", async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const milan = ((await (await fetch(`${baseUrl}/v1/points?region=03&limit=1`)).json()) as { items: Array<{ id: string }> }).items[0]!.id
    await page.goto(`${baseUrl}/embed?region=10&point=${milan}`)
    const notice = page.locator('.pv-detail-host [role="alert"]')
    await notice.waitFor()
    expect(await notice.textContent()).toContain("non è in quest'area")
    expect(await page.locator('.pv-detail__title').count()).toBe(0)
    // The way to it is the full page, in a new tab.
    const link = page.locator('.pv-detail-host a')
    expect([await link.getAttribute('target'), new URL((await link.getAttribute('href'))!).pathname]).toEqual(['_blank', expect.stringMatching(new RegExp(`^/punti/${milan}/`))])
    await context.close()
  })

  it('speaks the language it draws, not the host page\'s: Italian on an English page, Italian for a language it lacks (WCAG 3.1.2)', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${hostUrl}/widget`)
    await page.locator('puntovicino-locator .pv-result').first().waitFor()
    await page.evaluate(() => (document.documentElement.lang = 'en'))
    const labelLang = () => page.evaluate(() => {
      const label = document.querySelector('puntovicino-locator')!.shadowRoot!.querySelector('label')!
      return ['it', 'en', 'es'].find((l) => label.matches(`:lang(${l})`))
    })
    expect(await labelLang()).toBe('it')
    await page.evaluate(() => document.querySelector('puntovicino-locator')!.setAttribute('lang', 'es'))
    await page.waitForFunction(() => document.querySelector('puntovicino-locator')!.shadowRoot!.querySelector('.pv-config-notice') !== null)
    expect(await labelLang()).toBe('it')
    await context.close()
    // The iframe embeds, without `lang`, are Italian as the element is, whatever the reader's
    // browser speaks; the site's own pages follow the browser.
    const english = await phoneContext(browser(), { locale: 'en-US' })
    const frame = await english.newPage()
    // Each waits for what its script draws (the static page says lang="it" before the script has run).
    for (const [path, lang, drawn] of [
      ['/embed?region=10&list-only=true', 'it', '.pv-result'],
      ['/embed/statistiche?region=10', 'it', '#stats table'],
      ['/', 'en', '.pv-count:not(:empty)'],
    ] as const) {
      await frame.goto(`${baseUrl}${path}`)
      await frame.locator(drawn).first().waitFor()
      expect(await frame.evaluate(() => document.documentElement.lang), path).toBe(lang)
    }
    await english.close()
  })

  it("tells a citizen whose position is outside the widget's region that its list is the region's, with the way to all of Italy", async () => {
    // In Milan, on the Regione Umbria's site: the list is Umbria's nearest points, 300 km away.
    const context = await phoneContext(browser(), { permissions: ['geolocation'], geolocation: { latitude: 45.4642, longitude: 9.19 } })
    const page = await context.newPage()
    await page.goto(`${hostUrl}/widget-umbria`)
    await page.locator('puntovicino-locator').getByRole('button', { name: 'Usa la mia posizione' }).click()
    const notice = page.locator('puntovicino-locator .pv-area-notice')
    await notice.locator('.pv-notice').waitFor()
    expect(await notice.getAttribute('role')).toBe('status')
    expect(await notice.locator('.pv-notice').textContent()).toContain("La tua posizione è fuori dall'area di questo elenco")
    expect(await page.locator('puntovicino-locator .pv-result').count()).toBeGreaterThan(0)
    // The same search over all of Italy, on the public page, in a new tab: no region, the position kept.
    const link = notice.getByRole('link', { name: /in tutta Italia/ })
    const href = new URL((await link.getAttribute('href'))!)
    expect([href.origin, href.searchParams.get('near'), href.searchParams.has('region'), await link.getAttribute('target')]).toEqual([baseUrl, '45.464,9.19', false, '_blank'])
    expect(await axeViolations(page)).toEqual([])
    // In Perugia, no such notice (a new page: the widget takes a position up to five minutes old).
    await context.setGeolocation({ latitude: 43.1107, longitude: 12.3908 })
    const inPerugia = await context.newPage()
    await inPerugia.goto(`${hostUrl}/widget-umbria`)
    await inPerugia.locator('puntovicino-locator').getByRole('button', { name: 'Usa la mia posizione' }).click()
    await inPerugia.locator('puntovicino-locator .pv-results__title', { hasText: 'tua posizione' }).waitFor()
    // The heading changes as the request leaves; the list is busy until its answer is shown.
    await inPerugia.locator('puntovicino-locator .pv-list[aria-labelledby]:not([aria-busy])').first().waitFor()
    expect(await inPerugia.locator('puntovicino-locator .pv-result').count()).toBeGreaterThan(0)
    expect(await inPerugia.locator('puntovicino-locator .pv-area-notice').textContent()).toBe('')
    await context.close()
  })

  it("refuses another comune in a comune's widget, as a region's widget does", async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${hostUrl}/widget-perugia`)
    await page.locator('puntovicino-locator .pv-results .pv-result').first().waitFor()
    const input = page.locator('puntovicino-locator .pv-input')
    // Its example is its own comune, not the region's capital or Firenze (which it refuses).
    await expect.poll(() => input.getAttribute('placeholder')).toBe('Es. Perugia')
    await input.fill('Terni')
    await page.locator('puntovicino-locator').getByRole('button', { name: 'Cerca' }).click()
    // (While the search is on its way the message says "Cerco «Terni»…"; then its answer.)
    await expect.poll(() => page.locator('puntovicino-locator .pv-search__message').textContent()).toContain("fuori da quest'area")
    expect(await page.locator('puntovicino-locator .pv-results__title').textContent()).not.toContain('Terni')
    await context.close()
  })

  it('offers only the comuni of its region: a Tuscan widget suggests no Perugia, and so never lists Tuscan points "nearest to Perugia"', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const asked: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/v1/places')) asked.push(request.url())
    })
    await page.goto(`${hostUrl}/widget`)
    await page.locator('puntovicino-locator .pv-results .pv-result').first().waitFor()
    const input = page.locator('puntovicino-locator .pv-input')
    const answered = page.waitForResponse((response) => new URL(response.url()).searchParams.get('q') === 'Peru')
    await input.fill('Peru')
    // What the widget was given to offer: no comune outside Toscana, near misses included.
    const offered = (await (await answered).json()) as { items: Array<{ region: { istat: string } }>; did_you_mean?: Array<{ region: { istat: string } }> }
    expect([...offered.items, ...(offered.did_you_mean ?? [])].every((p) => p.region.istat === '09')).toBe(true)
    await input.fill('San Giminiano')
    await page.locator('puntovicino-locator [role="option"]', { hasText: 'San Gimignano' }).waitFor()
    // Searched whole, a comune of another region is said to be outside the area, not unknown.
    await input.fill('Perugia')
    await page.locator('puntovicino-locator').getByRole('button', { name: 'Cerca' }).click()
    await expect.poll(() => page.locator('puntovicino-locator .pv-search__message').textContent()).toBe("«Perugia» è un comune fuori da quest'area: scrivi il nome del tuo comune.")
    // Marked as what needs changing, like a name nothing matches, and pointing at the message.
    expect(await input.getAttribute('aria-invalid')).toBe('true')
    expect(await input.getAttribute('aria-describedby')).toContain((await page.locator('puntovicino-locator .pv-search__message').getAttribute('id'))!)
    expect(asked.length).toBeGreaterThan(0)
    expect(asked.every((url) => new URL(url).searchParams.get('region') === '09')).toBe(true)
    await context.close()
  })
})
