import fc from 'fast-check'
import { areaContradictions } from '../../../../shared/gazetteer/admin-units.ts'
import type { PointFilter } from '../../../../shared/filters/point-filter.ts'
import { SERVICES, SITE_KINDS, TOPICS, type PointRecord, type Service, type SiteKind, type Topic } from '../../../../shared/schemas/point.ts'
import { FIXED_NOW } from './app-fixture.ts'

/**
 * Query strings of `/v1/points` as a client writes them, and the filter they mean, read straight
 * from the contract (docs/API.md) rather than from the app's schema, so the oracle cannot share
 * a misreading with the code under test.
 */
export type FilterParams = Record<string, string>

export function queryString(params: FilterParams): string {
  return new URLSearchParams(params).toString()
}

const list = (raw: string | undefined) => raw?.split(',').map((s) => s.trim()).filter(Boolean)

/** The contract's reading of the filter parameters (near, radius_km, limit, cursor are not filters). */
export function filterOf(params: FilterParams, now: Date = FIXED_NOW): PointFilter {
  const filter: PointFilter = {}
  if (params.region !== undefined) filter.region = params.region
  if (params.province !== undefined) filter.province = params.province.toUpperCase()
  if (params.comune !== undefined) filter.comune = params.comune
  if (params.service !== undefined) filter.services = list(params.service) as Service[]
  if (params.topic !== undefined) filter.topics = list(params.topic) as Topic[]
  if (params.kind !== undefined) filter.kinds = list(params.kind) as SiteKind[]
  if (params.accessible === 'true') filter.accessible = true
  if (params.q !== undefined) filter.q = params.q
  if (params.bbox !== undefined) filter.bbox = params.bbox.split(',').map(Number) as [number, number, number, number]
  if (params.open_now === 'true') filter.openAt = now
  if (params.open_at !== undefined) filter.openAt = new Date(params.open_at)
  return filter
}

const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)].sort()

/** Words people type: some from the registry's own names and streets, some with accents or capitals. */
function textQueries(records: readonly PointRecord[]): string[] {
  const words = records
    .slice(0, 400)
    .flatMap((p) => [...p.name.split(/\s+/), ...(p.address.street ?? '').split(/\s+/)])
    .filter((w) => /^\p{L}{4,}$/u.test(w))
  return distinct([...words.slice(0, 60), 'biblioteca', 'BIBLIOTECA', 'comunità', 'COMUNITA', 'università', "sant'angelo", 'via roma', 'xyzzy', 'firenze', 'Forlì'])
}

/** The instant in UTC (`Z`) or in Rome's winter offset (`+01:00`, right for the weeks around FIXED_NOW): the contract takes any offset. */
function isoAt(ms: number, style: number): string {
  const utc = new Date(ms).toISOString().replace('.000Z', 'Z')
  if (style === 0) return utc
  const rome = new Date(ms + 3_600_000).toISOString().slice(0, 19)
  return `${rome}+01:00`
}

/**
 * Zero to three filters drawn from the registry's own values (so selections are seldom empty),
 * as query parameters. `open_now` and `open_at` never together: the contract makes that a 400.
 */
export function filterParamsArbitrary(records: readonly PointRecord[], { maxFilters = 3 } = {}): fc.Arbitrary<FilterParams> {
  const located = records.flatMap((p) => p.sites.flatMap((s) => (s.location ? [s.location] : [])))
  const each: Record<string, fc.Arbitrary<string>> = {
    region: fc.constantFrom(...distinct(records.flatMap((p) => (p.region ? [p.region.istat] : [])))),
    province: fc.constantFrom(...distinct(records.flatMap((p) => (p.province ? [p.province] : [])))).chain((p) => fc.constantFrom(p, p.toLowerCase())),
    comune: fc.constantFrom(...distinct(records.map((p) => p.comune.istat!))),
    service: fc.subarray([...SERVICES], { minLength: 1, maxLength: 2 }).map((s) => s.join(',')),
    topic: fc.subarray([...TOPICS], { minLength: 1, maxLength: 2 }).map((t) => t.join(',')),
    kind: fc.subarray([...SITE_KINDS], { minLength: 1, maxLength: 3 }).map((k) => k.join(',')),
    accessible: fc.constantFrom('true', 'false'),
    q: fc.constantFrom(...textQueries(records)),
    bbox: fc.tuple(fc.constantFrom(...located), fc.double({ min: 0.02, max: 1.5, noNaN: true })).map(([c, r]) =>
      [c.lon - r, c.lat - r, c.lon + r, c.lat + r].map((v) => v.toFixed(4)).join(','),
    ),
    open_now: fc.constantFrom('true', 'false'),
    // From three days before to ten days after "now", on quarter hours.
    open_at: fc.tuple(fc.integer({ min: -3 * 96, max: 10 * 96 }), fc.integer({ min: 0, max: 1 })).map(([quarters, style]) =>
      isoAt(FIXED_NOW.getTime() + quarters * 15 * 60_000, style),
    ),
  }
  return fc
    .subarray(Object.keys(each), { maxLength: maxFilters })
    .filter((keys) => !(keys.includes('open_now') && keys.includes('open_at')))
    .chain((keys) => fc.record(Object.fromEntries(keys.map((k) => [k, each[k]!]))))
    // An area that contradicts itself is a 400 (tested on its own), not a selection to compare.
    .filter((params) => areaContradictions({ region: params.region, province: params.province?.toUpperCase(), comune: params.comune }).length === 0)
}

/** Anywhere over Italy's bounding box, or exactly on a site (distance 0 and ties). */
export function nearArbitrary(records: readonly PointRecord[]): fc.Arbitrary<{ lat: number; lon: number }> {
  const located = records.flatMap((p) => p.sites.flatMap((s) => (s.location ? [s.location] : [])))
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ lat: fc.double({ min: 36.6, max: 47.1, noNaN: true }), lon: fc.double({ min: 6.6, max: 18.5, noNaN: true }) }) },
    { weight: 1, arbitrary: fc.constantFrom(...located) },
  )
}
