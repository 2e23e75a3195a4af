import { describe, expect, inject, it } from 'vitest'
import { sharedBrowser, phoneContext } from './support/browser.ts'

const baseUrl = inject('e2eBaseUrl')
const browser = sharedBrowser()
const PERUGIA = '/?near=43.112%2C12.389&place=Perugia+%28PG%29'

/**
 * What the accessibility audit of 2026-12-07 found by hand (axe found nothing): states a keyboard,
 * a screen reader, large text or a contrast theme meet, each checked as the auditor met it.
 */
describe('the citizen page under assistive settings', () => {
  it("brings the highlighted suggestion on screen as the arrow keys move it (WCAG 2.4.7: it sat below a phone's fold)", async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/`)
    const input = page.getByRole('combobox', { name: 'Il tuo comune' })
    await input.fill('San G')
    await page.getByRole('option').nth(6).waitFor()
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown')
    const active = await page.evaluate(() => {
      const id = document.activeElement!.getAttribute('aria-activedescendant')!
      const { top, bottom } = document.getElementById(id)!.getBoundingClientRect()
      return { top, bottom, height: innerHeight }
    })
    expect(active.top).toBeGreaterThanOrEqual(0)
    expect(active.bottom).toBeLessThanOrEqual(active.height)
    await context.close()
  })

  it('keeps each control of the filters above their "Mostra" bar with text at 200% (WCAG 2.4.7: the bar wraps and covered them)', async () => {
    const context = await phoneContext(browser(), { viewport: { width: 320, height: 740 } })
    const page = await context.newPage()
    await page.goto(`${baseUrl}${PERUGIA}`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    await page.addStyleTag({ content: 'html { font-size: 200% !important; }' })
    await page.locator('summary.pv-filters__summary').focus()
    await page.keyboard.press('Enter')
    // The controls' scroll margin follows the bar's height once it is laid out at this text size (a
    // ResizeObserver, a frame later): a person's first Tab comes after it, the test's waits for it.
    await page.waitForFunction(() => {
      const footer = document.querySelector<HTMLElement>('.pv-filters__footer')
      const host = document.querySelector<HTMLElement>('[style*="--pv-filters-footer"]')
      return footer !== null && host !== null && host.style.getPropertyValue('--pv-filters-footer') === `${footer.offsetHeight}px`
    })
    let checked = 0
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab')
      const seen = await page.evaluate(() => {
        const focused = document.activeElement as HTMLElement
        if (!focused.closest('.pv-filters__fields')) return null
        const footer = document.querySelector('.pv-filters__footer')!
        const bar = footer.getBoundingClientRect()
        const box = focused.getBoundingClientRect()
        // Hidden only where the bar stays over the content (sticky); static at the panel's end, it covers nothing.
        const covering = getComputedStyle(footer).position === 'sticky' && bar.top < innerHeight
        return { name: focused.getAttribute('name') ?? focused.id, bottom: box.bottom, barTop: covering ? bar.top : innerHeight, top: box.top }
      })
      if (seen === null) continue
      checked++
      expect(seen.top, seen.name).toBeGreaterThanOrEqual(0)
      expect(seen.bottom, seen.name).toBeLessThanOrEqual(seen.barTop + 1)
    }
    expect(checked).toBeGreaterThan(10)
    await context.close()
  })

  it("shows the chosen view and the highlighted suggestion in a forced-colours theme (WCAG 1.4.11: both looked like their neighbours)", async () => {
    const context = await phoneContext(browser(), { forcedColors: 'active', colorScheme: 'dark' })
    const page = await context.newPage()
    await page.goto(`${baseUrl}${PERUGIA}`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    const look = (selector: string) => page.locator(selector).first().evaluate((e) => `${getComputedStyle(e).backgroundColor} ${getComputedStyle(e).color}`)
    await page.locator('.pv-view-switch__button', { hasText: 'Mappa' }).click()
    await page.locator('summary.pv-filters__summary').focus()
    expect(await look('.pv-view-switch__button[aria-pressed="true"]')).not.toBe(await look('.pv-view-switch__button[aria-pressed="false"]'))
    // The map legend's two swatches stay two: filled and ringed.
    const swatch = (selector: string) => page.locator(selector).evaluate((e) => getComputedStyle(e, '::before').backgroundColor)
    expect(await swatch('.pv-map__legend-open')).not.toBe(await swatch('.pv-map__legend-other'))
    await page.locator('.pv-view-switch__button', { hasText: 'Elenco' }).click()
    await page.getByRole('combobox', { name: 'Il tuo comune' }).fill('San G')
    await page.getByRole('option').nth(2).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await look('.pv-suggestion[aria-selected="true"]')).not.toBe(await look('.pv-suggestion[aria-selected="false"]'))
    await context.close()
  })

  it('says in words what the map pins mean, and draws the pins of points not open as rings whose number reads on white (WCAG 1.4.1, 1.4.3)', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}${PERUGIA}`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    await page.locator('.pv-view-switch__button', { hasText: 'Mappa' }).click()
    await page.locator('.maplibregl-canvas').waitFor()
    expect(await page.locator('.pv-map__legend li').allTextContents()).toEqual(['Aperto', 'Altri punti (chiusi o con orari da verificare)'])
    // At 10:00 on a Tuesday some of Perugia's points are open and some are not: both kinds of number.
    await page.locator('.pv-map-number').first().waitFor()
    const numbers = await page.locator('.pv-map-number').evaluateAll((all) => all.map((n) => ({ ring: n.classList.contains('pv-map-number--ring'), colour: getComputedStyle(n).color })))
    for (const n of numbers) expect(n.colour).toBe(n.ring ? 'rgb(0, 51, 102)' : 'rgb(255, 255, 255)')
    await context.close()
  })

  it('keeps its live regions in the accessibility tree while they are empty, so what is written into them is heard (display: none hid them)', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const point = ((await (await fetch(`${baseUrl}/v1/points?region=10&limit=1`)).json()) as { items: Array<{ id: string }> }).items[0]!.id
    await page.goto(`${baseUrl}/?point=${point}`)
    await page.locator('.pv-detail__title').waitFor()
    const hidden = await page.evaluate(() => [...document.querySelectorAll('[role="status"], [role="alert"], [aria-live]')].filter((e) => getComputedStyle(e).display === 'none' && !e.closest('[hidden]')).map((e) => e.className))
    expect(hidden).toEqual([])
    await context.close()
  })

  it("opens the report form when the point page's 'Segnala un errore' leads here (#segnala went nowhere)", async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    const point = ((await (await fetch(`${baseUrl}/v1/points?region=10&limit=1`)).json()) as { items: Array<{ id: string }> }).items[0]!.id
    await page.goto(`${baseUrl}/?point=${point}#segnala`)
    await page.locator('#segnala form:not([hidden])').waitFor()
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('category')
    expect(new URL(page.url()).hash).toBe('')
    await context.close()
  })
})

describe('registry texts on a page in another language', () => {
  it("marks a closure's reason as Italian in the locator's detail (WCAG 3.1.2), as it does the description", async () => {
    type Listed = { id: string; comune: { istat: string | null }; sites: Array<{ closures?: Array<{ reason?: string | null }> }> }
    const items = ((await (await fetch(`${baseUrl}/v1/points?region=09&limit=100`)).json()) as { items: Listed[] }).items
    const point = items.find((p) => p.sites.some((s) => s.closures?.some((c) => c.reason)))!
    const reason = point.sites.flatMap((s) => s.closures ?? []).find((c) => c.reason)!.reason!
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/?point=${point.id}&lang=en`)
    await page.locator('.pv-closures li').first().waitFor()
    expect(await page.locator('.pv-closures span[lang="it"]').first().textContent()).toBe(reason)
    await context.close()
  })
})

describe('the server pages under assistive settings', () => {
  it("marks a point's Italian description as Italian on a page in another language (WCAG 3.1.2)", async () => {
    const point = ((await (await fetch(`${baseUrl}/v1/points?region=10&limit=1`)).json()) as { items: Array<{ id: string; name: string; comune: { name: string }; description: string | null }> }).items[0]!
    const text = await (await fetch(`${baseUrl}/punti/${point.id}/x?lang=en`, { redirect: 'follow' })).text()
    expect(point.description).not.toBeNull()
    expect(text).toContain(`<p lang="it">${point.description!.slice(0, 20)}`)
  })

  it('rings the focused brand link in white on the blue band, not orange at 2.6:1 (WCAG 1.4.11)', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/`)
    const brand = page.locator('.header-center a').first()
    await brand.focus()
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    expect(await brand.evaluate((a) => (a === document.activeElement ? getComputedStyle(a).outlineColor : 'not focused'))).toBe('rgb(255, 255, 255)')
    await context.close()
  })
})
