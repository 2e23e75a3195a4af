import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { CHROMIUM_PATH } from './support/browser.ts'

/**
 * Issue 14: Lighthouse's SEO and accessibility categories score 100 on a point's page and a
 * comune's page (scores of rules, not timings: nothing here depends on the machine's speed).
 * Each failing audit is named, so a regression says what to fix.
 */
const baseUrl = inject('e2eBaseUrl')
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1']

let chrome: chromeLauncher.LaunchedChrome
beforeAll(async () => {
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: FLAGS })
}, 60_000)
afterAll(() => chrome?.kill())

async function audit(url: string): Promise<{ scores: Record<string, number>; failing: string[] }> {
  const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['seo', 'accessibility'] })
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
  const { categories, audits } = result.lhr
  const failing = Object.values(categories).flatMap((category) =>
    category.auditRefs.filter((ref) => ref.weight > 0 && audits[ref.id]?.score !== null && (audits[ref.id]?.score ?? 1) < 1).map((ref) => `${category.id}: ${ref.id} — ${audits[ref.id]!.title}`),
  )
  return { scores: Object.fromEntries(Object.values(categories).map((c) => [c.id, Math.round((c.score ?? 0) * 100)])), failing }
}

describe('Lighthouse on the pages search engines find', () => {
  it('scores 100 for SEO and accessibility on a point page, in Italian and in German', async () => {
    const sitemap = await (await fetch(`${baseUrl}/sitemap-punti-1.xml`)).text()
    const path = new URL(sitemap.match(/<loc>([^<]*\/punti\/[^<]+)<\/loc>/)![1]!).pathname
    for (const url of [`${baseUrl}${path}`, `${baseUrl}${path}?lang=de`]) {
      const { scores, failing } = await audit(url)
      expect(failing, url).toEqual([])
      expect(scores, url).toEqual({ seo: 100, accessibility: 100 })
    }
  }, 120_000)

  it('scores 100 for SEO and accessibility on a comune page', async () => {
    const { scores, failing } = await audit(`${baseUrl}/comuni/perugia-pg`)
    expect(failing).toEqual([])
    expect(scores).toEqual({ seo: 100, accessibility: 100 })
  }, 120_000)
})
