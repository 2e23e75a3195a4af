import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { haversineMetres } from '../../../shared/geo/haversine.ts'
import { getPoint, matchingPlaces, nearestPlaces, queryList, queryNearest, type PointHit } from '../../../shared/geo/query.ts'
import { sitePlaces } from '../../../shared/geo/site-places.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { bruteList, bruteNearest, brutePlaces } from './brute-force.ts'
import { generateRegistry } from './fixtures.ts'
import { filterArbitrary, nearArbitrary } from './query-arbitraries.ts'

const TODAY = '2026-11-20'
const records = generateRegistry({ points: 3000, seed: 7, today: TODAY })
const snapshot = buildSnapshot(records, { registryVersion: 1, builtAt: new Date(`${TODAY}T10:00:00Z`) })
const filters = filterArbitrary(TODAY)
const near = nearArbitrary(records)

function expectSameRanking(hits: PointHit[], oracle: ReturnType<typeof bruteNearest>): void {
  expect(hits.map((h) => h.point.id)).toEqual(oracle.map((o) => o.id))
  hits.forEach((hit, i) => expect(Math.abs(hit.distance_m! - oracle[i]!.distance_m!)).toBeLessThanOrEqual(1))
}

describe('queryNearest', () => {
  it('ranks the same points at the same distances as a brute-force haversine scan of every site', () => {
    fc.assert(
      fc.property(
        near,
        filters,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 0, max: 20 }),
        fc.option(fc.double({ min: 0.5, max: 300, noNaN: true }), { nil: undefined }),
        (at, filter, limit, offset, radiusKm) => {
          const hits = queryNearest(snapshot, at, filter, { limit, offset, radiusKm })
          expectSameRanking(hits, bruteNearest(records, TODAY, at, filter, { limit, offset, radiusKm }))
        },
      ),
      { numRuns: 400 },
    )
  })

  it('returns for each point a site of that point, at a place of that site, at the reported distance', () => {
    fc.assert(
      fc.property(near, filters, (at, filter) => {
        for (const hit of queryNearest(snapshot, at, filter, { limit: 20 })) {
          expect(hit.point.sites).toContain(hit.site)
          expect(sitePlaces(hit.site, TODAY).map((p) => p.location)).toContainEqual(hit.location)
          expect(hit.distance_m).toBe(Math.round(haversineMetres(at, hit.location!)))
        }
      }),
      { numRuns: 100 },
    )
  })

  it('gives pages by offset that join into the single longer answer', () => {
    fc.assert(
      fc.property(near, filters, fc.integer({ min: 1, max: 7 }), (at, filter, pageSize) => {
        const whole = queryNearest(snapshot, at, filter, { limit: pageSize * 4 })
        const paged = [0, 1, 2, 3].flatMap((page) => queryNearest(snapshot, at, filter, { limit: pageSize, offset: page * pageSize }))
        expect(paged.map((h) => h.point.id)).toEqual(whole.map((h) => h.point.id))
      }),
      { numRuns: 60 },
    )
  })

  it('orders points at the same distance by id', () => {
    const shared = records.find((p) => records.some((q) => q !== p && q.sites[0]?.location && q.sites[0].location === p.sites[0]?.location))
    expect(shared).toBeDefined()
    const hits = queryNearest(snapshot, shared!.sites[0]!.location!, { statuses: ['active', 'suspended', 'closed'] }, { limit: 5 })
    const atZero = hits.filter((h) => h.distance_m === 0).map((h) => h.point.id)
    expect(atZero.length).toBeGreaterThan(1)
    expect(atZero).toEqual([...atZero].sort())
  })

  it('finds nothing near for online sites, which have no place', () => {
    expect(queryNearest(snapshot, { lat: 43.77, lon: 11.25 }, { kinds: ['online'] }, { limit: 10 })).toEqual([])
  })

  it('names the option it rejects', () => {
    const at = { lat: 43.77, lon: 11.25 }
    expect(() => queryNearest(snapshot, at, {}, { limit: 0 })).toThrow(/^limit: /)
    expect(() => queryNearest(snapshot, at, {}, { limit: 5, offset: -1 })).toThrow(/^offset: /)
    expect(() => queryNearest(snapshot, at, {}, { limit: 5, radiusKm: 0 })).toThrow(/^radiusKm: /)
    expect(() => queryNearest(snapshot, { lat: 91, lon: 0 }, {}, { limit: 5 })).toThrow(/^near.lat: /)
    expect(() => queryNearest(snapshot, at, { region: 'Toscana' }, { limit: 5 })).toThrow(/^region: /)
    expect(() => queryNearest(snapshot, at, { bbox: [12, 44, 11, 43] }, { limit: 5 })).toThrow(/^bbox: /)
  })
})

describe('queryList', () => {
  it('returns the points a brute-force filter keeps, in id order, each with its first matching site', () => {
    fc.assert(
      fc.property(filters, (filter) => {
        const hits = queryList(snapshot, filter, { limit: 10_000 })
        expect(hits.map((h) => [h.point.id, h.site.id])).toEqual(bruteList(records, TODAY, filter).map((o) => [o.id, o.siteId]))
        expect(hits.every((h) => h.distance_m === null)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('walks every matching point exactly once with keyset pagination', () => {
    fc.assert(
      fc.property(filters, fc.integer({ min: 1, max: 60 }), (filter, pageSize) => {
        const seen: string[] = []
        let after: string | undefined
        for (;;) {
          const page = queryList(snapshot, filter, { limit: pageSize, ...(after === undefined ? {} : { after }) })
          seen.push(...page.map((h) => h.point.id))
          if (page.length < pageSize) break
          after = page.at(-1)!.point.id
        }
        expect(seen).toEqual(bruteList(records, TODAY, filter).map((o) => o.id))
      }),
      { numRuns: 60 },
    )
  })

  it('starts after an id that is not in the registry at the next id in order', () => {
    const ids = snapshot.pointIds
    const between = ids[10]! + '0'
    expect(queryList(snapshot, { statuses: ['active', 'suspended', 'closed'] }, { limit: 1, after: between })[0]!.point.id).toBe(ids[11])
  })
})

describe('matchingPlaces', () => {
  it('yields one row per matching place (a van once per stop place, an online site once), like a brute-force walk of every site', () => {
    fc.assert(
      fc.property(filters, (filter) => {
        const rows = [...matchingPlaces(snapshot, filter)].map(({ point, site, placeIndex, place }) => [point.id, site.id, placeIndex, place?.location ?? null])
        expect(rows).toEqual(brutePlaces(records, TODAY, filter).map((o) => [o.id, o.siteId, o.placeIndex, o.location]))
      }),
      { numRuns: 150 },
    )
  })

  it('resumes just past a given row, whatever the filter', () => {
    fc.assert(
      fc.property(filters, fc.nat(), (filter, pick) => {
        const all = [...matchingPlaces(snapshot, filter)]
        if (all.length === 0) return
        const cut = all[pick % all.length]!
        const after = { pointId: cut.point.id, siteIndex: cut.siteIndex, placeIndex: cut.placeIndex }
        const key = (r: (typeof all)[number]) => `${r.point.id}/${r.siteIndex}/${r.placeIndex}`
        expect([...matchingPlaces(snapshot, filter, { after })].map(key)).toEqual(all.slice(all.indexOf(cut) + 1).map(key))
      }),
      { numRuns: 100 },
    )
  })
})

describe('nearestPlaces', () => {
  /** What an export with `near` gave before it walked the index: every matching place measured, sorted, sliced. */
  const measuredAndSorted = (filter: Parameters<typeof matchingPlaces>[1], at: { lat: number; lon: number }, radiusKm: number | undefined, offset: number) =>
    [...matchingPlaces(snapshot, filter)]
      .map((row) => ({ row, distance: row.place ? haversineMetres(at, row.place.location) : null }))
      .filter(({ distance }) => radiusKm === undefined || (distance !== null && distance <= radiusKm * 1000))
      .map(({ row, distance }) => ({ id: row.point.id, siteIndex: row.siteIndex, placeIndex: row.placeIndex, metres: distance === null ? null : Math.round(distance) }))
      .sort((a, b) => (a.metres ?? Infinity) - (b.metres ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : a.siteIndex - b.siteIndex || a.placeIndex - b.placeIndex))
      .slice(offset)

  it('gives the rows of matchingPlaces nearest first, as measuring and sorting them all does, online sites last', () => {
    fc.assert(
      fc.property(near, filters, fc.option(fc.double({ min: 0.5, max: 200, noNaN: true }), { nil: undefined }), fc.integer({ min: 0, max: 300 }), (at, filter, radiusKm, offset) => {
        const rows = [...nearestPlaces(snapshot, filter, at, { radiusKm, offset })].map((r) => ({ id: r.point.id, siteIndex: r.siteIndex, placeIndex: r.placeIndex, metres: r.metres }))
        expect(rows).toEqual(measuredAndSorted(filter, at, radiusKm, offset))
      }),
      { numRuns: 150 },
    )
  })

})

describe('getPoint', () => {
  it('finds every point by id and nothing for an unknown id', () => {
    for (const record of records) expect(getPoint(snapshot, record.id)).toBe(record)
    expect(getPoint(snapshot, 'pv-unknown')).toBeUndefined()
    expect(getPoint(snapshot, '')).toBeUndefined()
  })
})
