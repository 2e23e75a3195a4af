import { describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { phoneContext, screenshot, sharedBrowser } from './support/browser.ts'

const baseUrl = inject('e2eBaseUrl')
const hostUrl = inject('e2eHostUrl')
const browser = sharedBrowser()

/** What a phone's "large text" does to a page whose sizes are in rem: every text twice as big (WCAG 1.4.4). */
const TEXT_AT_200 = 'html { font-size: 200% !important; }'
/** WCAG 1.4.12's text spacing, the bookmarklet's values. */
const TEXT_SPACING = '* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; } p { margin-bottom: 2em !important; }'

/**
 * The elements that stick out of the screen sideways, innermost first, named so that a failure says
 * which: the page scrolls sideways because of them (WCAG 1.4.10). Content inside its own scrolling
 * box (a data table's wrapper) and the skip link parked off screen are allowed to.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    const out = (el: Element) => {
      const box = el.getBoundingClientRect()
      return box.width > 0 && box.right > width + 0.5
    }
    const insideScroller = (el: Element) => {
      for (let parent = el.parentElement; parent; parent = parent.parentElement) if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(parent).overflowX)) return true
      return false
    }
    const all = (root: Document | ShadowRoot): Element[] => [...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? [el, ...all(el.shadowRoot)] : [el]))
    return all(document)
      .filter((el) => out(el) && !insideScroller(el) && ![...el.children].some(out))
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')} ends at ${Math.round(el.getBoundingClientRect().right)} px: «${(el.textContent ?? '').trim().slice(0, 40)}»`)
      .concat(document.documentElement.scrollWidth > width ? [`the page is ${document.documentElement.scrollWidth} px wide`] : [])
  })
}

describe('an older citizen’s phone: 320 px wide, text at 200 %', () => {
  it('never scrolls sideways, on every page a citizen, a host site or an operator opens', async () => {
    // The point with the longest e-mail address near Florence: its detail lists it as a link.
    const { items } = (await (await fetch(`${baseUrl}/v1/points?near=43.771,11.254&limit=100`)).json()) as { items: Array<{ id: string; contacts: { email: string | null } }> }
    const longEmail = items.reduce((a, b) => ((b.contacts.email?.length ?? 0) > (a.contacts.email?.length ?? 0) ? b : a))
    const sitemap = await (await fetch(`${baseUrl}/sitemap-punti-1.xml`)).text()
    const pointPage = new URL(sitemap.match(/<loc>([^<]*\/punti\/[^<]+)<\/loc>/)![1]!).pathname
    const pages: Array<{ url: string; ready: string; hostStyle?: string }> = [
      { url: `${baseUrl}/`, ready: '#pv-q' },
      { url: `${baseUrl}/?near=43.771,11.254&place=Firenze`, ready: '.pv-result' },
      { url: `${baseUrl}/?near=43.771,11.254&place=Firenze&open_at=2026-12-02T15:00`, ready: '.pv-result' },
      { url: `${baseUrl}/?near=43.771,11.254&place=Firenze&point=${longEmail.id}`, ready: '.pv-detail__title' },
      { url: `${baseUrl}/?lang=en&near=43.771,11.254&place=Firenze&point=${longEmail.id}`, ready: '.pv-detail__title' },
      { url: `${baseUrl}${pointPage}`, ready: 'h1' },
      { url: `${baseUrl}/regioni/umbria`, ready: 'h1' },
      { url: `${baseUrl}/comuni/cesana-torinese-to`, ready: 'h1' },
      { url: `${baseUrl}/opendata/`, ready: 'h1' },
      { url: `${baseUrl}/statistiche`, ready: '.pv-chart' },
      { url: `${baseUrl}/embed?region=09`, ready: '.pv-result' },
      // The host's own heading is the host's business: only the widget is measured there.
      { url: `${hostUrl}/widget`, ready: 'puntovicino-locator .pv-result', hostStyle: 'h1 { overflow-wrap: anywhere; }' },
      { url: `${baseUrl}/embed-builder`, ready: '#b-region' },
      { url: `${baseUrl}/gestione/`, ready: 'h1' },
      { url: `${baseUrl}/accessibilita`, ready: 'h1' },
      { url: `${baseUrl}/privacy`, ready: 'h1' },
    ]
    const context = await phoneContext(browser(), { viewport: { width: 320, height: 640 } })
    const page = await context.newPage()
    const found: Record<string, string[]> = {}
    for (const { url, ready, hostStyle } of pages) {
      await page.goto(url)
      await page.locator(ready).first().waitFor()
      await page.addStyleTag({ content: TEXT_AT_200 + (hostStyle ?? '') })
      const wide = await overflowing(page)
      if (wide.length > 0) found[url] = wide
      // A table scrolls in its wrapper instead: a figure is never broken over two lines.
      const brokenFigures = await page.locator('td.pv-num').evaluateAll((cells) =>
        cells.filter((cell) => {
          const range = document.createRange()
          range.selectNodeContents(cell)
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1
        }).map((cell) => cell.textContent),
      )
      if (brokenFigures.length > 0) found[`${url} figures`] = brokenFigures as string[]
    }
    await screenshot(page, 'phone-320-text-200')
    expect(found).toEqual({})

    // The statistics' tables that now scroll in their wrappers are reached by the keyboard (each
    // wrapper becomes a tab stop as its table outgrows it).
    await page.goto(`${baseUrl}/statistiche?region=10`)
    await page.locator('.pv-chart').first().waitFor()
    await page.addStyleTag({ content: TEXT_AT_200 })
    const unreachable = () => page.locator('.pv-stats__table-wrap').evaluateAll((all) => all.filter((w) => w.scrollWidth > w.clientWidth + 1 && w.getAttribute('tabindex') !== '0').length)
    await expect.poll(unreachable).toBe(0)

    // The filters' boxes beside long labels keep their size (a flex row squeezed them to 16 px).
    await page.goto(`${baseUrl}/?near=43.771,11.254&place=Firenze`)
    await page.locator('.pv-result').first().waitFor()
    await page.addStyleTag({ content: TEXT_AT_200 })
    await page.locator('.pv-filters__summary').click()
    const narrowBoxes = await page.locator('.pv-checkbox, input[type="radio"]').evaluateAll((inputs) =>
      inputs.filter((input) => input.getBoundingClientRect().width > 0 && input.getBoundingClientRect().width < 24).map((input) => `${(input as HTMLInputElement).name || input.id} ${input.parentElement?.textContent?.trim().slice(0, 30)}: ${Math.round(input.getBoundingClientRect().width)} px`),
    )
    expect(narrowBoxes).toEqual([])

    // Text spacing on the detail with the long address, at the normal text size.
    await page.goto(`${baseUrl}/?near=43.771,11.254&place=Firenze&point=${longEmail.id}`)
    await page.locator('.pv-detail__title').waitFor()
    await page.addStyleTag({ content: TEXT_SPACING })
    expect(await overflowing(page)).toEqual([])
    await context.close()
  })
})
