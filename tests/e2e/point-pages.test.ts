import { describe, expect, inject, it } from 'vitest'
import { axeViolations, phoneContext, screenshot, sharedBrowser } from './support/browser.ts'

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
    await screenshot(page, 'point-page-no-javascript')
    await context.close()

    const withScripts = await phoneContext(browser())
    const checked = await withScripts.newPage()
    await checked.goto(`${baseUrl}${path}`)
    expect(await axeViolations(checked)).toEqual([])
    await checked.goto(`${baseUrl}${path}?lang=en`)
    expect(await checked.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(await axeViolations(checked)).toEqual([])
    await withScripts.close()
  })
})
