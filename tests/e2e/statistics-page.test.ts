import { describe, expect, inject, it } from 'vitest'
import type { Frame, Page } from 'playwright-core'
import { axeViolations, phoneContext, screenshot, sharedBrowser } from './support/browser.ts'

const baseUrl = inject('e2eBaseUrl')
const hostUrl = inject('e2eHostUrl')
const browser = sharedBrowser()

/** Umbria's comuni in the shipped ISTAT gazetteer: every one of them is a dot on the map. */
const UMBRIA_COMUNI = 92

/** The text of each row of the table captioned `caption`, cell by cell. */
const tableRows = (page: Page | Frame, caption: string) =>
  page.locator('table', { has: page.locator('caption', { hasText: caption }) }).locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent!.trim())))

/** The comuni the statistics' map has drawn, read from MapLibre itself (the page's diagnostic handle). */
const drawnComuni = (page: Page | Frame) =>
  page.waitForFunction(() => {
    const map = (document.querySelector('.pv-stats__map') as unknown as Record<symbol, any> | null)?.[Symbol.for('puntovicino.map')]
    if (!map?.getLayer('comuni-distance') || !map.loaded()) return false
    const bands = new Set(map.queryRenderedFeatures({ layers: ['comuni-distance'] }).map((f: { properties: { band: string } }) => f.properties.band))
    return { sourced: map.querySourceFeatures('coverage-comuni').length, bands: [...bands].sort() }
  }, undefined, { timeout: 20_000 }).then((handle) => handle.jsonValue() as Promise<{ sourced: number; bands: string[] }>)

describe('the statistics page (/statistiche)', () => {
  it('shows Umbria’s 42 points against its target, the comuni on the map, the gaps and every chart’s data as a table, with no axe violation', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const failed: string[] = []
    page.on('response', (response) => void (response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`)))
    await page.goto(`${baseUrl}/statistiche?region=10`)
    await page.locator('#pv-stats-hours').waitFor()
    expect(await page.locator('h1').textContent()).toBe('Copertura dei punti di facilitazione digitale: Umbria')
    const targets = await tableRows(page, 'Punti rispetto agli obiettivi PNRR')
    // Only active points count towards the target; citizens and services are not in the registry:
    // their targets are shown, measured by nothing here (residents near a point read as "24× the target").
    expect(targets).toEqual([
      ['Punti nel registro (sospesi: 2; chiusi: 2)', '42', '—', '—'],
      ['Punti attivi', '38', '42', '90,5%'],
      ['Cittadini da formare', 'non misurato qui', '33.000', '—'],
      ['Servizi di facilitazione da erogare', 'non misurato qui', '49.500', '—'],
    ])
    const note = await page.locator('#pv-stats-targets ~ .pv-stats__note').textContent()
    expect(note).toContain('Digipass')
    expect(note).toContain('contano solo quelli attivi')
    // What "within 10 km" and "hours a week" count, and the population's years, said beside the figures.
    expect(await page.locator('#pv-stats-reach ~ .pv-stats__note').allTextContents()).toContainEqual(expect.stringMatching(/^Come si conta: .* di anni diversi/))
    expect(await page.locator('#pv-stats-hours ~ .pv-stats__note').allTextContents()).toContainEqual(expect.stringMatching(/^Come si contano le ore: .*contano entrambe/))
    expect(await page.locator('.pv-stats__demo').textContent()).toContain('il registro è generato')
    // What an analyst cites: the registry's version (the API's) and the day the figures hold for.
    const { registry_version } = await page.evaluate(async (base) => (await (await fetch(`${base}/v1/regions`)).json()) as { registry_version: number }, baseUrl)
    expect(await page.locator('.pv-stats__cite').textContent()).toMatch(new RegExp(`^Per citarli: registro PuntoVicino, versione ${registry_version}, calcolo (del |dell')\\d+°? \\w+ \\d{4}\\.$`))

    // Each chart is a named picture followed by its data as a table and a CSV of the same figures.
    const api = await page.evaluate(async (base) => (await (await fetch(`${base}/v1/coverage?region=10`)).json()) as { within_km: Record<string, { residents: number }>; hours_distribution: Array<{ from: number; points: number }> }, baseUrl)
    const reach = await tableRows(page, 'Residenti il cui comune è entro 5, 10 e 20 km')
    expect(reach.slice(0, 3).map((row) => Number(row[1]!.replaceAll('.', '')))).toEqual([api.within_km['5']!.residents, api.within_km['10']!.residents, api.within_km['20']!.residents])
    const hours = await tableRows(page, 'Punti attivi per ore di apertura settimanali')
    expect(hours.map((row) => Number(row[1]))).toEqual(api.hours_distribution.map((bin) => bin.points))
    expect(hours.reduce((n, row) => n + Number(row[1]), 0)).toBe(38)
    // Under the norm is said in words and drawn with a texture, not by colour alone (WCAG 1.4.1).
    expect(hours.map((row) => row[2])).toEqual(api.hours_distribution.map((bin) => (bin.from < 24 ? 'sì' : 'no')))
    expect(await page.locator('.pv-chart__bar--marked').first().evaluate((bar) => getComputedStyle(bar).backgroundImage)).toMatch(/repeating-linear-gradient/)
    for (const chart of await page.locator('.pv-chart[role="img"]').all()) {
      const name = await chart.getAttribute('aria-labelledby')
      expect(await page.locator(`#${name}`).textContent()).not.toBe('')
    }
    expect(await page.locator('.pv-chart[role="img"]').count()).toBe(2)

    // The map: Umbria's comuni, coloured by distance; the bands' table says the same in numbers.
    await page.locator('.pv-stats__map').scrollIntoViewIfNeeded()
    const drawn = await drawnComuni(page)
    expect(drawn.sourced).toBeGreaterThanOrEqual(UMBRIA_COMUNI)
    const bands = await tableRows(page, 'Comuni e residenti per fascia di distanza')
    expect(bands.reduce((n, row) => n + Number(row[1]), 0)).toBe(UMBRIA_COMUNI)
    const bandsWithComuni = bands.filter((row) => Number(row[1]) > 0).length
    expect(drawn.bands.length).toBe(bandsWithComuni)
    expect(await page.locator('.pv-stats__legend li').allTextContents()).toEqual(['fino a 5 km', 'da 5 a 10 km', 'da 10 a 20 km', 'oltre 20 km', 'nessun punto'])

    // The gaps, ranked as the API ranks them, each opening the locator where it is.
    const gaps = page.locator('.pv-stats__gaps li')
    const apiGaps = await page.evaluate(async (base) => (await (await fetch(`${base}/v1/coverage/gaps?region=10&limit=10`)).json()).items.map((g: { name: string }) => g.name), baseUrl)
    expect(await gaps.count()).toBe(apiGaps.length)
    // How many, and from how far: a list of ten is not read as the whole.
    expect(await page.locator('#pv-stats-gaps ~ p').first().textContent()).toBe(`I ${apiGaps.length} comuni con almeno 1.000 residenti più lontani da un punto, oltre 5 km, ordinati per residenti × distanza; l'elenco completo è nel CSV.`)
    expect((await gaps.locator('> span').allTextContents()).map((text) => text.split(' (')[0])).toEqual(apiGaps)

    // Every CSV download answers a spreadsheet's file.
    for (const href of await page.locator('.pv-stats__download a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href))) {
      const answer = await page.evaluate(async (url) => {
        const response = await fetch(url)
        return { status: response.status, type: response.headers.get('content-type'), lines: (await response.text()).trim().split('\n').length }
      }, href)
      expect(answer, href).toMatchObject({ status: 200, type: 'text/csv; charset=utf-8' })
      expect(answer.lines, href).toBeGreaterThan(1)
    }
    expect(await axeViolations(page)).toEqual([])
    // A table that fits is no tab stop (each was one, its caption repeated as a landmark); one wider
    // than the phone scrolls in a wrapper the keyboard reaches.
    const wraps = await page.locator('.pv-stats__table-wrap').evaluateAll((all) => all.map((w) => ({ scrolls: w.scrollWidth > w.clientWidth + 1, focusable: w.getAttribute('tabindex') === '0' })))
    expect(wraps.every((w) => w.scrolls === w.focusable)).toBe(true)
    expect(wraps.some((w) => !w.focusable)).toBe(true)
    await screenshot(page, 'statistics-umbria-phone')

    await gaps.first().locator('a').click()
    await page.locator('.pv-results .pv-result').first().waitFor()
    expect(new URL(page.url()).searchParams.get('place')).toBe(apiGaps[0])
    expect(failed).toEqual([])

    // Printed for a board's report: the bars keep their colour, the map and the controls give way
    // to the tables (the map printed as a blank box, the bars as empty tracks), the copy names its source.
    await page.goBack()
    await page.locator('#pv-stats-hours').waitFor()
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.pv-chart__bar').first().evaluate((bar) => getComputedStyle(bar).printColorAdjust)).toBe('exact')
    for (const hidden of ['.pv-stats__map', '.pv-stats__area', '.pv-stats__download']) expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false)
    expect(await page.getByText('La mappa non si stampa').isVisible()).toBe(true)
    expect(await page.getByText(/^Fonte: http.*statistiche\?region=10 \(dati (al |all')\d+°? \w+ \d{4}\)\.$/).isVisible()).toBe(true)
    await context.close()
  })

  it('is chosen by keyboard from Italy’s page, and reads in English with no axe violation; a code that names no region is said', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    // A region's site that wrote `region=9`: told, not shown Italy silently under its banner.
    await page.goto(`${baseUrl}/statistiche?region=9`)
    await page.locator('#pv-stats-regions').waitFor()
    expect(await page.getByRole('alert').filter({ hasText: 'non è il codice ISTAT di una regione' }).textContent()).toContain('Forse «09» (Toscana)?')
    const regions = await tableRows(page, 'Punti attivi e residenti raggiunti per regione')
    expect(regions).toHaveLength(20)
    expect(regions.find((row) => row[0] === 'Umbria')!.slice(1, 3)).toEqual(['38', '42'])
    // By keyboard alone: the chooser takes typed letters, Tab passes the province (the whole
    // region, unless one is chosen) and reaches "Mostra", Enter sends.
    await page.getByLabel('Territorio').focus()
    await page.keyboard.type('Umb')
    expect(await page.getByLabel('Territorio').inputValue()).toBe('10')
    await page.keyboard.press('Tab')
    expect(await page.getByLabel('Provincia').locator('option').allTextContents()).toEqual(['Tutto il territorio scelto', 'Perugia (PG)', 'Terni (TR)'])
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Mostra')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\?region=10$/)
    await page.locator('#pv-stats-hours').waitFor()
    await page.getByRole('link', { name: 'English' }).click()
    await page.waitForURL(/region=10&lang=en/)
    await page.locator('#pv-stats-hours').waitFor()
    expect(await page.locator('h1').textContent()).toBe('Coverage of the digital facilitation points: Umbria')
    expect((await tableRows(page, 'Points against the PNRR targets'))[1]!.slice(1, 3)).toEqual(['38', '42'])
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })

  it('narrows to one province, chosen by keyboard, for an autonomous province’s site in German (Bolzano runs its own plan); a sigla that names none is said', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/statistiche?province=XY`)
    expect(await page.getByRole('alert').textContent()).toContain('«XY» non è la sigla di una provincia')
    await page.goto(`${baseUrl}/statistiche?region=04&lang=de`)
    await page.locator('#pv-stats-hours').waitFor()
    // The region's provinces, by name; typed letters choose, Tab reaches "Anzeigen".
    expect(await page.getByLabel('Provinz').locator('option').allTextContents()).toEqual(['Das ganze gewählte Gebiet', 'Bolzano/Bozen (BZ)', 'Trento (TN)'])
    await page.getByLabel('Provinz').focus()
    await page.keyboard.type('Bol')
    await page.keyboard.press('Tab')
    // The focus ring has a dark edge: orange alone is 2:1 on white (WCAG 1.4.11).
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).boxShadow)).toContain('rgb(23, 50, 77)')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\?province=BZ&lang=de$/)
    await page.locator('#pv-stats-hours').waitFor()
    expect(await page.locator('h1').textContent()).toBe('Abdeckung durch Anlaufstellen für digitale Unterstützung: Bolzano/Bozen (BZ)')
    expect(await page.getByLabel('Gebiet').inputValue()).toBe('04')
    expect(await page.getByLabel('Provinz').inputValue()).toBe('BZ')
    const api = await page.evaluate(async (base) => {
      const json = async (path: string) => (await fetch(`${base}${path}`)).json()
      return { coverage: await json('/v1/coverage?province=BZ'), gaps: (await json('/v1/coverage/gaps?province=BZ&limit=10')).items as Array<{ name: string; alt_name?: string }> }
    }, baseUrl)
    // A province has no PNRR target of its own to set points against; an autonomous one's plan is not among those verified here.
    expect(await tableRows(page, 'Anlaufstellen im Vergleich zu den PNRR-Zielen')).toEqual([['Aktive Anlaufstellen', String(api.coverage.active_points), 'Kein Plan veröffentlicht', '—']])
    expect((await page.locator('#pv-stats-gaps ~ ol li > span').allTextContents()).map((text) => text.split(' (')[0])).toEqual(api.gaps.map((g) => g.alt_name ?? g.name))
    const downloads = await page.locator('.pv-stats__download a').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).searchParams.get('province')))
    expect(downloads).toEqual(['BZ', 'BZ', 'BZ', 'BZ'])
    const drawn = await drawnComuni(page)
    expect(drawn.sourced).toBeGreaterThanOrEqual(116)
    expect(await axeViolations(page)).toEqual([])
    // A province of a region (any case, as the API takes it) sends to its region's targets.
    await page.goto(`${baseUrl}/statistiche?province=pg`)
    await page.locator('#pv-stats-hours').waitFor()
    expect(await page.locator('h1').textContent()).toBe('Copertura dei punti di facilitazione digitale: Perugia (PG)')
    expect(await page.locator('#pv-stats-targets ~ .pv-stats__note a').getAttribute('href')).toBe('?region=10')
    await context.close()
  })

  it('works as an embed on another origin’s page, sized to its content', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${hostUrl}/statistiche-umbria`)
    const frame = page.frames().find((f) => f.url().startsWith(`${baseUrl}/embed/statistiche`)) ?? (await page.waitForEvent('frameattached'))
    await frame.locator('#pv-stats-hours').waitFor()
    expect(await frame.locator('.pv-stats__credit').textContent()).toBe('Dati: registro PuntoVicino; popolazione e comuni ISTAT')
    expect((await tableRows(frame, 'Punti rispetto agli obiettivi PNRR'))[1]!.slice(1, 3)).toEqual(['38', '42'])
    await page.waitForFunction(() => document.getElementById('pv-frame')!.getBoundingClientRect().height > 2000)
    const drawn = await drawnComuni(frame)
    expect(drawn.sourced).toBeGreaterThanOrEqual(UMBRIA_COMUNI)
    // The frame follows its content down as well as up: narrowed then widened again, it comes
    // back to its height (it grew from 3,453 to 4,215 px and stayed there).
    const frameHeight = () => page.evaluate(() => document.getElementById('pv-frame')!.getBoundingClientRect().height)
    const settled = async () => {
      let last = -1
      for (let i = 0; i < 40 && last !== (last = await frameHeight()); i++) await page.waitForTimeout(250)
      return last
    }
    const before = await settled()
    await page.setViewportSize({ width: 320, height: 844 })
    await settled()
    await page.setViewportSize({ width: 390, height: 844 })
    expect(Math.abs((await settled()) - before)).toBeLessThan(40)
    // In someone else's frame, the locator opens in a window of its own, and says so.
    const open = frame.locator('.pv-stats__gaps a').first()
    expect(await open.getAttribute('target')).toBe('_blank')
    expect(await open.textContent()).toMatch(/^Apri sulla mappa: i punti più vicini a .+ \(si apre in una nuova finestra\)$/)
    expect(await axeViolations(frame)).toEqual([])
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'statistics-embed-host')
    await context.close()
  })
})
