import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bruteNearest } from '../../shared/geo/brute-force.ts'
import { createApiFixture, FIXED_TODAY } from './support/app-fixture.ts'
import { filterOf, filterParamsArbitrary, nearArbitrary, queryString } from './support/filter-params.ts'

interface NearItem {
  id: string
  distance_m: number
  site: { id: string }
}

const fixture = createApiFixture()
const { records } = fixture

async function nearPage(params: Record<string, string>): Promise<NearItem[]> {
  const body = await fixture.getJson<{ items: NearItem[] }>(`/v1/points?${queryString(params)}`)
  return body.items
}

/** The page equals the oracle's ranking: same ids in the same order, distances ±1 m, the oracle's site. */
function expectOracleRanking(items: NearItem[], oracle: ReturnType<typeof bruteNearest>): void {
  expect(items.map((i) => i.id)).toEqual(oracle.map((o) => o.id))
  items.forEach((item, i) => {
    expect(Math.abs(item.distance_m - oracle[i]!.distance_m!)).toBeLessThanOrEqual(1)
    expect(item.site.id).toBe(oracle[i]!.siteId)
  })
}

/**
 * kind=online alone with near asks for remote help in the region (tested in points-filters):
 * every other combination is ranked by distance, which the oracle checks.
 */
const distanceFilters = (options?: Parameters<typeof filterParamsArbitrary>[1]) => filterParamsArbitrary(records, options).filter((f) => f.kind !== 'online')

describe('GET /v1/points?near=', () => {
  it("says when near lies outside the area filtered to (a region's widget asked from Milan), and not at the area's edge", async () => {
    const flag = async (query: string) => (await fixture.getJson<{ items: unknown[]; near_outside_area?: boolean }>(`/v1/points?${query}`)).near_outside_area
    const milan = 'near=45.464,9.19'
    // The list is still the area's nearest points; the answer says they are not around there.
    const umbriaFromMilan = await fixture.getJson<{ items: Array<{ region: { istat: string } }>; near_outside_area?: boolean }>(`/v1/points?${milan}&region=10&limit=3`)
    expect(umbriaFromMilan.near_outside_area).toBe(true)
    expect(umbriaFromMilan.items.every((p) => p.region.istat === '10')).toBe(true)
    expect(await flag(`${milan}&province=PG&view=compact`)).toBe(true)
    expect(await flag(`${milan}&comune=054039`)).toBe(true)
    // Inside: no flag, at any level.
    expect(await flag('near=43.112,12.389&region=10')).toBeUndefined()
    expect(await flag('near=43.112,12.389&province=PG&comune=054039&view=compact')).toBeUndefined()
    expect(await flag(`${milan}&region=03`)).toBeUndefined()
    // Without an area there is nothing to be outside of.
    expect(await flag(milan)).toBeUndefined()
    // Between Chiusi (Toscana) and Città della Pieve (Umbria): either side, never told it is outside.
    expect(await flag('near=42.985,11.976&region=10')).toBeUndefined()
    expect(await flag('near=42.985,11.976&region=09')).toBeUndefined()
    // Paris is in no Italian area, not even the region of the Italian comune nearest to it.
    expect(await flag('near=48.857,2.352&region=02')).toBe(true)
    // Ostia is Roma's, 25 km from its centre and nearer other comuni's centres.
    expect(await flag('near=41.732,12.285&comune=058091')).toBeUndefined()
  })

  it("names a comune in its second official language too, where it has one (Bozen), and only there", async () => {
    const body = await fixture.getJson<{ items: Array<{ comune: { istat: string; name: string; alt_name?: string } }> }>('/v1/points?near=46.498,11.354&limit=10')
    const bolzano = body.items.find((item) => item.comune.istat === '021008')
    expect(bolzano?.comune).toEqual({ istat: '021008', name: 'Bolzano', alt_name: 'Bozen' })
    const rome = await fixture.getJson<{ items: Array<{ comune: Record<string, unknown> }> }>('/v1/points?near=41.9,12.5&limit=3')
    for (const item of rome.items) expect(item.comune).not.toHaveProperty('alt_name')
  })

  it('ranks points as a brute-force haversine scan of the whole registry does, under random filters', async () => {
    let answered = 0
    await fc.assert(
      fc.asyncProperty(
        nearArbitrary(records),
        distanceFilters(),
        fc.integer({ min: 1, max: 40 }),
        async (near, filters, limit) => {
          const items = await nearPage({ ...filters, near: `${near.lat},${near.lon}`, limit: String(limit) })
          expectOracleRanking(items, bruteNearest(records, FIXED_TODAY, near, filterOf(filters), { limit }))
          if (items.length > 0) answered++
        },
      ),
      { numRuns: 250, seed: 20261103 },
    )
    // An oracle agreeing on empty pages proves little: most draws must have found something.
    expect(answered).toBeGreaterThan(150)
  })

  it('keeps every result within radius_km and leaves out nothing that lies within it', async () => {
    await fc.assert(
      fc.asyncProperty(
        nearArbitrary(records),
        distanceFilters({ maxFilters: 2 }),
        fc.double({ min: 0.5, max: 80, noNaN: true }),
        async (near, filters, radiusKm) => {
          const radius = radiusKm.toFixed(3)
          const items = await nearPage({ ...filters, near: `${near.lat},${near.lon}`, radius_km: radius, limit: '100' })
          for (const item of items) expect(item.distance_m).toBeLessThanOrEqual(Number(radius) * 1000 + 1)
          expectOracleRanking(items, bruteNearest(records, FIXED_TODAY, near, filterOf(filters), { limit: 100, radiusKm: Number(radius) }))
        },
      ),
      { numRuns: 100, seed: 7 },
    )
  })

  it('puts a point first at distance 0 when asked from exactly one of its sites', async () => {
    const point = records.find((p) => p.status === 'active' && p.sites.length > 1 && p.sites.every((s) => s.kind === 'fixed'))!
    const site = point.sites[1]!
    const [first] = await nearPage({ near: `${site.location!.lat},${site.location!.lon}`, limit: '1' })
    expect(first).toMatchObject({ distance_m: 0, site: { id: expect.any(String) } })
    // Another point may share the exact spot; then the lower id wins, as the oracle says.
    expect(first!.id).toBe(bruteNearest(records, FIXED_TODAY, site.location!, {}, { limit: 1 })[0]!.id)
  })
})
