import { describe, expect, it } from 'vitest'
import { locatorLink } from '../../../web/stats/render-stats.ts'

describe("the statistics page's link to the locator at a comune", () => {
  it("carries the page's language, Italian too: without it the locator would follow the browser's languages", () => {
    const comune = { lat: 43.76961, lon: 11.25581, name: 'Firenze' }
    const it_ = new URL(locatorLink({ locatorUrl: 'https://example.org/', lang: 'it' }, comune))
    expect(Object.fromEntries(it_.searchParams)).toEqual({ near: '43.7696,11.2558', place: 'Firenze', lang: 'it' })
    expect(new URL(locatorLink({ locatorUrl: 'https://example.org/', lang: 'sl' }, comune)).searchParams.get('lang')).toBe('sl')
  })
})
