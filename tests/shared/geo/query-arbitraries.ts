import fc from 'fast-check'
import type { PointFilter } from '../../../shared/filters/point-filter.ts'
import { POINT_STATUSES, SERVICES, SITE_KINDS, TOPICS, type PointRecord } from '../../../shared/schemas/point.ts'
import { FIXTURE_COMUNI } from './fixtures.ts'

/** Random filters and positions over a registry made by `generateRegistry`, shared by the oracle tests. */

const comuni = fc.constantFrom(...FIXTURE_COMUNI)

/** Zero to three filters at once: more would almost always leave nothing to compare. */
export function filterArbitrary(today: string): fc.Arbitrary<PointFilter> {
  const start = Date.parse(`${today}T00:00:00Z`)
  const each: { [K in keyof PointFilter]-?: fc.Arbitrary<PointFilter[K]> } = {
    region: fc.oneof(comuni.map((c) => c.region), fc.constant('05')),
    province: fc.oneof(comuni.map((c) => c.province), fc.constant('XX')),
    comune: comuni.map((c) => c.istat),
    services: fc.subarray([...SERVICES], { maxLength: 2 }),
    topics: fc.subarray([...TOPICS], { maxLength: 2 }),
    kinds: fc.subarray([...SITE_KINDS], { minLength: 1 }),
    accessible: fc.boolean(),
    openAt: fc.integer({ min: -3 * 24 * 60, max: 8 * 24 * 60 }).map((minutes) => new Date(start + minutes * 60_000)),
    q: fc.constantFrom('firenze', 'biblioteca', "sant'agata", 'CAFFÈ', 'universita popolare', 'xyz', 'via garib', "l'aquila", 'comune roma'),
    bbox: fc.tuple(comuni, fc.double({ min: 0.01, max: 0.5, noNaN: true })).map(
      ([c, r]) => [c.lon - r, c.lat - r, c.lon + r, c.lat + r] as [number, number, number, number],
    ),
    statuses: fc.subarray([...POINT_STATUSES], { minLength: 1 }),
  }
  const keys = Object.keys(each) as (keyof PointFilter)[]
  return fc
    .subarray(keys, { maxLength: 3 })
    .chain((chosen) => fc.record(Object.fromEntries(chosen.map((k) => [k, each[k]])) as Record<string, fc.Arbitrary<unknown>>))
    .map((filter) => filter as PointFilter)
}

/** Anywhere over Italy, or exactly on a site (distance 0 and ties). */
export function nearArbitrary(records: readonly PointRecord[]): fc.Arbitrary<{ lat: number; lon: number }> {
  const onSites = records.flatMap((p) => p.sites.flatMap((s) => (s.location ? [s.location] : [])))
  return fc.oneof(
    fc.record({ lat: fc.double({ min: 36.5, max: 47.2, noNaN: true }), lon: fc.double({ min: 6.5, max: 18.6, noNaN: true }) }),
    fc.constantFrom(...onSites.slice(0, 2000)),
  )
}
