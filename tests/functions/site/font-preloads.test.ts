import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { FONT_FILES, fontPreloads } from '../../../functions/site/font-preloads.ts'
import { createApiFixture } from '../api/support/app-fixture.ts'
import { openDataIndexHtml } from '../../../functions/exports/open-data-index.ts'

const ROOT = new URL('../../../', import.meta.url)
const preloaded = (text: string): string[] => [...text.matchAll(/<link rel="preload" href="\/fonts\/([^"]+)" as="font" type="font\/woff2" crossorigin>/g)].map((m) => m[1]!).sort()

describe('the fonts every page preloads', () => {
  it('are every face page.css declares, in the static pages and the server-rendered ones alike', async () => {
    const declared = [...readFileSync(new URL('web/styles/page.css', ROOT), 'utf8').matchAll(/url\("\/fonts\/([^"]+)"\)/g)].map((m) => m[1]!).sort()
    expect([...FONT_FILES].sort()).toEqual(declared)
    expect(preloaded(readFileSync(new URL('web/pages/partials/fonts.html', ROOT), 'utf8'))).toEqual(declared)
    expect(preloaded(fontPreloads().text)).toEqual(declared)
    // A point's page, a region's, and the open-data page carry them.
    const fixture = createApiFixture()
    for (const path of [`/punti/${fixture.records[0]!.id}`, '/regioni/umbria']) {
      const response = await fixture.get(path, { redirect: 'manual' })
      const page = response.status === 301 ? await fixture.get(response.headers.get('location')!) : response
      expect(preloaded(await page.text()), path).toEqual(declared)
    }
    expect(preloaded(openDataIndexHtml({ files: [], builtAt: '2026-12-07T08:00:00Z', demo: { demoPoints: 0, points: 10 }, catalog: false }))).toEqual(declared)
  })
})
