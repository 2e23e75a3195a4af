import fc from 'fast-check'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { describe, expect, it } from 'vitest'
import { bruteList } from '../../shared/geo/brute-force.ts'
import { createApiFixture, FIXED_NOW, FIXED_TODAY } from './support/app-fixture.ts'
import { filterOf, filterParamsArbitrary, type FilterParams } from './support/filter-params.ts'
import { walkPages } from './support/walk-pages.ts'

const fixture = createApiFixture()
const { records } = fixture

/** Walks the whole selection and compares it with brute-force filtering of the registry; returns its size. */
async function expectSameSelection(params: FilterParams): Promise<number> {
  const { items } = await walkPages(fixture, { ...params, limit: '100' })
  const oracle = bruteList(records, FIXED_TODAY, filterOf(params))
  expect(items.map((i) => i.id)).toEqual(oracle.map((o) => o.id))
  // Where the filter is about sites, the site returned is the point's first matching one.
  items.forEach((item, i) => item.site && expect(item.site.id).toBe(oracle[i]!.siteId))
  return items.length
}

const florence = { lat: 43.7696, lon: 11.2558 }
const saturday = '2026-11-07T10:00:00+01:00'

describe('GET /v1/points filters', () => {
  const single: Array<[string, FilterParams]> = [
    ['region', { region: '09' }],
    ['province (any case)', { province: 'fi' }],
    ['comune', { comune: '048017' }],
    ['service (one)', { service: 'formazione_gruppo' }],
    ['service (all of a list)', { service: 'formazione_online,formazione_gruppo' }],
    ['topic (all of a list)', { topic: 'spid,cie,app_io' }],
    ['kind (mobile)', { kind: 'mobile' }],
    ['kind (any of a list)', { kind: 'seasonal,online' }],
    ['accessible', { accessible: 'true' }],
    ['q', { q: 'biblioteca' }],
    ['bbox', { bbox: `${florence.lon - 0.4},${florence.lat - 0.3},${florence.lon + 0.4},${florence.lat + 0.3}` }],
    ['open_now', { open_now: 'true' }],
    ['open_at on a Saturday morning', { open_at: saturday }],
    ['open_at in UTC on a weekday evening', { open_at: '2026-11-05T17:15:00Z' }],
  ]
  it.each(single)('selects by %s exactly the points brute-force filtering selects', async (_name, params) => {
    expect(await expectSameSelection(params)).toBeGreaterThan(0)
  })

  it('answers every point for no filter, in id order, active ones only', async () => {
    const count = await expectSameSelection({})
    expect(count).toBe(records.filter((p) => p.status === 'active').length)
  })

  it('selects nothing for a comune that no point has', async () => {
    const idle = loadComuni().find((comune) => !records.some((p) => p.comune.istat === comune.istat))!
    expect((await walkPages(fixture, { comune: idle.istat })).items).toEqual([])
  })

  it.each([['region', '__proto__'], ['region', 'toString'], ['comune', '000000'], ['comune', '048000']])(
    'rejects %s=%s with a 400 naming it rather than ignoring the filter',
    async (name, value) => {
      const response = await fixture.get(`/v1/points?${name}=${value}`)
      expect(response.status).toBe(400)
      expect((await response.json()).errors).toEqual([{ field: name, message: expect.any(String) }])
    },
  )

  it('matches q without regard to accents or case', async () => {
    const accented = records.find((p) => p.status === 'active' && /[àèéìòù]/i.test(p.name))!
    const word = accented.name.split(/\s+/).find((w) => /[àèéìòù]/i.test(w))!.replace(/[^\p{L}]/gu, '')
    const plain = word.normalize('NFD').replace(/\p{M}/gu, '')
    const [asWritten, upper, unaccented] = await Promise.all(
      [word, plain.toUpperCase(), plain.toLowerCase()].map((q) => walkPages(fixture, { q, limit: '100' })),
    )
    expect(asWritten!.items.map((i) => i.id)).toContain(accented.id)
    expect(upper!.items).toEqual(asWritten!.items)
    expect(unaccented!.items).toEqual(asWritten!.items)
    await expectSameSelection({ q: plain.toUpperCase() })
  })

  it('reports open_now true on every point selected by open_now=true', async () => {
    const { items } = await walkPages(fixture, { open_now: 'true', limit: '100' })
    expect(items.length).toBeGreaterThan(0)
    expect(items.every((i) => i.open_now)).toBe(true)
  })

  it('treats open_now=true as open_at at the response instant', async () => {
    const [now, at] = await Promise.all([
      walkPages(fixture, { open_now: 'true', region: '01', limit: '100' }),
      walkPages(fixture, { open_at: FIXED_NOW.toISOString(), region: '01', limit: '100' }),
    ])
    expect(now.items.map((i) => i.id)).toEqual(at.items.map((i) => i.id))
  })

  it('combines random filters as brute-force filtering does (all must hold)', async () => {
    let nonEmpty = 0
    await fc.assert(
      fc.asyncProperty(filterParamsArbitrary(records, { maxFilters: 4 }).filter((p) => Object.keys(p).length >= 2), async (params) => {
        if ((await expectSameSelection(params)) > 0) nonEmpty++
      }),
      { numRuns: 60, seed: 42 },
    )
    expect(nonEmpty).toBeGreaterThan(20)
  })
})

describe('remote help near a place (kind=online with near)', () => {
  it("answers the online points of the region around the position, not nothing: online help has no distance", async () => {
    const { createApiFixture } = await import('./support/app-fixture.ts')
    const fixture = createApiFixture()
    const perugia = { lat: 43.1107, lon: 12.3908 }
    const { items } = await fixture.getJson(`/v1/points?near=${perugia.lat},${perugia.lon}&kind=online&limit=100`)
    const expected = fixture.records.filter((p) => p.status === 'active' && p.region?.istat === '10' && p.sites.some((s) => s.kind === 'online')).map((p) => p.id).sort()
    expect(expected.length).toBeGreaterThan(0)
    expect(items.map((p: { id: string }) => p.id)).toEqual(expected)
    for (const item of items) {
      expect(item.site.kind).toBe('online')
      expect(item.distance_m).toBeUndefined()
    }
    // The CSV of the same query answers the same points, not every online point in Italy (GeoJSON has no feature for help without a place).
    const csv = (await (await fixture.get(`/v1/points.csv?near=${perugia.lat},${perugia.lon}&kind=online&limit=5000`)).text()).trim().split('\n').slice(1)
    expect([...new Set(csv.map((row) => row.split(',')[0]))].sort()).toEqual(expected)
    // A radius has nothing to measure to: a 400 naming it, from the list and the exports alike.
    for (const path of ['/v1/points', '/v1/points.csv', '/v1/points.geojson']) {
      const response = await fixture.get(`${path}?near=${perugia.lat},${perugia.lon}&kind=online&radius_km=5`)
      expect(response.status, path).toBe(400)
      expect(((await response.json()) as { errors: unknown[] }).errors).toEqual([{ field: 'radius_km', message: 'does not apply to kind=online alone: online help has no place to measure to' }])
    }
  })
})
