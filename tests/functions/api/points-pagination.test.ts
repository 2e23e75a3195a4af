import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { bruteList, bruteNearest } from '../../shared/geo/brute-force.ts'
import { createApiFixture, FIXED_TODAY, REGISTRY_VERSION, snapshotOf } from './support/app-fixture.ts'
import { filterOf, filterParamsArbitrary, queryString, type FilterParams } from './support/filter-params.ts'
import { walkPages } from './support/walk-pages.ts'

const fixture = createApiFixture()
const { records } = fixture
afterEach(() => fixture.source.swap(fixture.snapshot))

const rome = { lat: 41.9028, lon: 12.4964 }
const nearRome: FilterParams = { near: `${rome.lat},${rome.lon}`, radius_km: '120' }

async function firstPage(params: FilterParams): Promise<{ items: Array<{ id: string }>; next_cursor: string | null }> {
  return fixture.getJson(`/v1/points?${queryString(params)}`)
}

async function expectCursorProblem(params: FilterParams, status: number): Promise<void> {
  const response = await fixture.get(`/v1/points?${queryString(params)}`)
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const body = await response.json()
  expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) })
  expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['cursor'])
}

/** The whole registry again at another version: every fifth point deleted, a new point after every seventh. */
function editedRegistry() {
  const kept = records.filter((_, i) => i % 5 !== 0)
  const added = records.filter((_, i) => i % 7 === 0).map((p) => ({ ...p, id: `${p.id}-bis`, name: `${p.name} (bis)` }))
  return [...kept, ...added]
}

describe('GET /v1/points pagination', () => {
  it('visits every matching point exactly once when walking id-ordered pages, whatever the page size', async () => {
    await fc.assert(
      fc.asyncProperty(filterParamsArbitrary(records, { maxFilters: 2 }), fc.integer({ min: 1, max: 60 }), async (params, drawnLimit) => {
        const oracle = bruteList(records, FIXED_TODAY, filterOf(params))
        // Small pages over big selections would make hundreds of requests: at most ~40 pages a walk.
        const limit = Math.min(100, Math.max(drawnLimit, Math.ceil(oracle.length / 40)))
        const { items, pages } = await walkPages(fixture, { ...params, limit: String(limit) })
        expect(items.map((i) => i.id)).toEqual(oracle.map((o) => o.id))
        expect(pages).toBe(Math.max(1, Math.ceil(oracle.length / limit)))
      }),
      { numRuns: 25, seed: 3 },
    )
  })

  it('visits every matching point exactly once, nearest first, when walking distance-ordered pages', async () => {
    for (const [params, limit] of [[{}, 25], [{ service: 'formazione_gruppo' }, 7], [{ kind: 'mobile,seasonal' }, 3]] as const) {
      const { items } = await walkPages(fixture, { ...nearRome, ...params, limit: String(limit) })
      const oracle = bruteNearest(records, FIXED_TODAY, rome, filterOf(params), { limit: 10_000, radiusKm: 120 })
      expect(oracle.length).toBeGreaterThan(limit)
      expect(items.map((i) => i.id)).toEqual(oracle.map((o) => o.id))
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length)
    }
  })

  it('rejects a tampered, truncated or foreign cursor with a 400 naming cursor', async () => {
    const { next_cursor: cursor } = await firstPage({ region: '09', limit: '5' })
    const [payload, signature] = cursor!.split('.')
    const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1)
    // A payload re-signed with the wrong key: what a client guessing the format could make.
    const forgedPayload = Buffer.from(JSON.stringify({ v: REGISTRY_VERSION, q: 'x', after: 'demo-09-0100' })).toString('base64url')
    for (const bad of [flip(payload!, 3), `${payload}.${flip(signature!, 0)}`, payload!, `${payload}.${signature}.x`, `${forgedPayload}.${signature}`, 'not-a-cursor', '%%%']) {
      await expectCursorProblem({ region: '09', limit: '5', cursor: bad }, 400)
    }
  })

  it('continues a walk whatever order the same parameters come back in', async () => {
    for (const params of [{ region: '09', service: 'formazione_gruppo', kind: 'fixed', limit: '5' }, { ...nearRome, service: 'formazione_gruppo', limit: '5' }] as FilterParams[]) {
      const { next_cursor: cursor } = await firstPage(params)
      const reversed = Object.fromEntries(Object.entries(params).reverse()) as FilterParams
      const second = await fixture.get(`/v1/points?${queryString({ cursor: cursor!, ...reversed })}`)
      expect(second.status).toBe(200)
      expect(await second.json()).toEqual(await firstPage({ ...params, cursor: cursor! }))
    }
  })

  it('continues a walk with the same filters written otherwise: list items in another order, a default spelt out, words in other capitals', async () => {
    const sameWalks: Array<[FilterParams, FilterParams]> = [
      [{ region: '09', kind: 'fixed,mobile', limit: '5' }, { region: '09', kind: 'mobile,fixed', limit: '5' }],
      [{ region: '09', topic: 'spid,cie', limit: '5' }, { region: '09', topic: 'cie,spid', limit: '5' }],
      [{ region: '09', status: 'active', limit: '5' }, { region: '09', limit: '5' }],
      [{ region: '09', open_now: 'false', limit: '5' }, { region: '09', limit: '5' }],
      [{ q: 'Roma', limit: '5' }, { q: 'roma', limit: '5' }],
    ]
    for (const [first, again] of sameWalks) {
      const { next_cursor: cursor } = await firstPage(first)
      expect(cursor, JSON.stringify(first)).toBeTruthy()
      const second = await fixture.get(`/v1/points?${queryString({ ...again, cursor: cursor! })}`)
      expect(second.status, JSON.stringify(again)).toBe(200)
      expect(await second.json()).toEqual(await firstPage({ ...first, cursor: cursor! }))
    }
  })

  it('rejects a cursor reused with other filters or position with a 400 naming cursor (the page size may change: contract-slips.test.ts)', async () => {
    const { next_cursor: listed } = await firstPage({ region: '09', limit: '5' })
    await expectCursorProblem({ region: '10', limit: '5', cursor: listed! }, 400)
    await expectCursorProblem({ region: '09', service: 'formazione_gruppo', limit: '5', cursor: listed! }, 400)
    const { next_cursor: near } = await firstPage({ ...nearRome, limit: '5' })
    await expectCursorProblem({ near: '45.4642,9.19', radius_km: '120', limit: '5', cursor: near! }, 400)
    await expectCursorProblem({ limit: '5', cursor: near! }, 400)
  })

  it('answers 410 to a distance-ordered cursor once the registry version has changed', async () => {
    const { next_cursor: cursor } = await firstPage({ ...nearRome, limit: '5' })
    fixture.source.swap(snapshotOf(editedRegistry(), REGISTRY_VERSION + 1))
    await expectCursorProblem({ ...nearRome, limit: '5', cursor: cursor! }, 410)
  })

  it('keeps an id-ordered walk consistent across a registry version change: ascending ids, no duplicates, no survivor missed', async () => {
    const params: FilterParams = { region: '09', limit: '20' }
    const seen: string[] = []
    let page = await firstPage(params)
    seen.push(...page.items.map((i) => i.id))
    page = await firstPage({ ...params, cursor: page.next_cursor! })
    seen.push(...page.items.map((i) => i.id))

    const edited = editedRegistry()
    fixture.source.swap(snapshotOf(edited, REGISTRY_VERSION + 1))
    const rest = await walkPages(fixture, params, { startCursor: page.next_cursor! })
    seen.push(...rest.items.map((i) => i.id))

    expect(seen).toEqual([...seen].sort())
    expect(new Set(seen).size).toBe(seen.length)
    const before = new Set(bruteList(records, FIXED_TODAY, filterOf(params)).map((o) => o.id))
    const survivors = bruteList(edited, FIXED_TODAY, filterOf(params)).filter((o) => before.has(o.id))
    for (const { id } of survivors) expect(seen).toContain(id)
  })
})
