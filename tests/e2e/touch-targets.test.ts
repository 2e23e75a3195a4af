import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { sharedBrowser, phoneContext } from './support/browser.ts'

/**
 * Issue 9: every control a thumb must hit is at least 44×44 CSS pixels on a phone (WCAG 2.5.5),
 * measured on the page as laid out, in each state a citizen meets. A checkbox counts with its
 * label (tapping the label ticks it); the map's own buttons and the page's header and footer too.
 */
const baseUrl = inject('e2eBaseUrl')
const browser = sharedBrowser()

const MIN = 44

/** Interactive elements in view whose tappable box is smaller than 44×44, described. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const selector = 'a[href], button, input, select, summary, [role="option"], [tabindex]:not([tabindex="-1"])'
    const out: string[] = []
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      const style = getComputedStyle(element)
      if (style.visibility === 'hidden' || element.closest('[hidden]') || element.getClientRects().length === 0) continue
      // A checkbox or radio is tapped through its label too: measure the field that holds both.
      const target = element.matches('input[type=checkbox], input[type=radio]') ? (element.closest('.pv-field') ?? element.parentElement ?? element) : element
      const box = target.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue
      if (box.width < min - 0.5 || box.height < min - 0.5) {
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? element.getAttribute('title') ?? '').trim().slice(0, 40)
        out.push(`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`)
      }
    }
    return out
  }, MIN)
}

describe('touch targets on a phone', () => {
  it('are at least 44×44 px on the start view, the results, the open filters, the map view and the detail', async () => {
    const context = await phoneContext(browser())
    const page = await context.newPage()
    await page.goto(`${baseUrl}/`)
    await page.locator('.pv-count').waitFor()
    const found: Record<string, string[]> = {}
    found.start = await smallTargets(page)

    await page.goto(`${baseUrl}/?near=43.111,12.389&place=Perugia%20(PG)&accessible=true`)
    await page.locator('.pv-results .pv-result').first().waitFor()
    await page.locator('.pv-remote .pv-result').first().waitFor()
    found.results = await smallTargets(page)

    await page.locator('summary', { hasText: 'Filtri' }).click()
    found.filters = await smallTargets(page)
    await page.locator('.pv-filters__done').click()

    await page.getByRole('button', { name: 'Mappa' }).click()
    await page.locator('.maplibregl-canvas').waitFor()
    await page.locator('.maplibregl-ctrl-zoom-in').waitFor()
    found.map = await smallTargets(page)
    await page.getByRole('button', { name: 'Elenco' }).click()

    await page.locator('.pv-results .pv-result__link').first().click()
    await page.locator('.pv-detail__title').waitFor()
    found.detail = await smallTargets(page)
    await context.close()
    expect(found).toEqual({ start: [], results: [], filters: [], map: [], detail: [] })
  })
})
