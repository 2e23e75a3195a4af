import { distance } from 'geokdbush'
import { describe, expect, it } from 'vitest'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { generateDemoRegistry } from '../../../functions/demo/generate-demo-registry.ts'
import { COVERAGE_RADII_KM, CoverageTally, coverageFactsOfDays, coverageGaps, coverageReport, regularPlaces } from '../../../shared/reach/coverage.ts'
import { PointRecordSchema, type PointRecord } from '../../../shared/schemas/point.ts'

/**
 * Issue 13's coverage against brute force: every comune's distance by a linear scan of every
 * regular place, then every region's, province's and Italy's residents within 5, 10 and 20 km
 * summed by hand; and the two properties a coverage measure must have: adding a point never
 * lowers it, closing one never raises it.
 */
const comuni = loadComuni()
const TODAY = '2026-11-03'
const points: PointRecord[] = generateDemoRegistry(comuni).map((draft) => PointRecordSchema.parse({ ...draft, version: 1, updated_at: '2026-11-01T00:00:00Z' }))

/** Each comune's distance to the nearest regular place, by a linear scan of every place. */
function bruteNearest(pts: readonly PointRecord[]): number[] {
  const places = regularPlaces(pts, TODAY)
  return comuni.map((comune) => {
    let nearest = Infinity
    for (const place of places) nearest = Math.min(nearest, distance(comune.lon, comune.lat, place.lon, place.lat))
    return nearest
  })
}
const brute = bruteNearest(points)
const bruteWithin = (radius: number, inArea: (c: (typeof comuni)[number]) => boolean): number =>
  comuni.reduce((sum, comune, i) => sum + (inArea(comune) && Math.round(brute[i]! * 10) / 10 <= radius ? comune.population : 0), 0)

describe('coverage', () => {
  const report = coverageReport(comuni, points, TODAY)

  it('reads the points in one pass, so a lazy snapshot can hand them over one at a time: the same report from a generator', () => {
    function* once() {
      yield* points
    }
    expect(coverageReport(comuni, once(), TODAY)).toEqual(report)
    // Areas keep the comuni's order, as before the single pass.
    expect([...coverageReport(comuni, once(), TODAY).regions.keys()]).toEqual([...new Set(comuni.map((c) => c.regionIstat))])
  })

  it('gives the same report from the facts a snapshot stores as from the records, on days in and out of season', () => {
    for (const day of [TODAY, '2026-07-15', '2027-01-02']) {
      const facts = coverageFactsOfDays(points, points.length, [day])[0]!
      const fromFacts = new CoverageTally(comuni, day)
      fromFacts.addFacts(facts, (p) => ({ id: points[p]!.id, region: points[p]!.region?.istat ?? null, province: points[p]!.province ?? null }))
      expect(fromFacts.report(), day).toEqual(coverageReport(comuni, points, day))
    }
    const facts = coverageFactsOfDays(points, points.length, [TODAY])[0]!
    expect(() => new CoverageTally(comuni, '2026-11-04').addFacts(facts, () => ({ id: '', region: null, province: null }))).toThrow(/facts of 2026-11-03 given to a tally of 2026-11-04/)
  })

  it('classifies each comune by the distance it publishes, to 0.1 km: a comune shown at 5 km is within 5 km, never in the list of those beyond', () => {
    const shown = (km: number): number => Math.round(km * 10) / 10
    // The demo registry has such comuni (the test would prove nothing without one).
    const borderline = comuni.filter((_, i) => COVERAGE_RADII_KM.some((r) => brute[i]! > r && shown(brute[i]!) <= r))
    expect(borderline.length).toBeGreaterThan(0)
    for (const radius of COVERAGE_RADII_KM) {
      expect(report.italy.within[radius].residents, `Italy ${radius} km`).toBe(comuni.reduce((sum, comune, i) => sum + (shown(brute[i]!) <= radius ? comune.population : 0), 0))
      for (const gap of coverageGaps(comuni, report, { beyondKm: radius, minPopulation: 0 })) expect(shown(gap.km), `${gap.comune.name} beyond ${radius} km`).toBeGreaterThan(radius)
    }
  })

  it('measures every comune as a linear scan does, and counts the residents within 5, 10 and 20 km for Italy, every region and every province', () => {
    for (const radius of COVERAGE_RADII_KM) {
      expect(report.italy.within[radius].residents, `Italy ${radius} km`).toBe(bruteWithin(radius, () => true))
      for (const [region, area] of report.regions) expect(area.within[radius].residents, `region ${region} ${radius} km`).toBe(bruteWithin(radius, (c) => c.regionIstat === region))
      for (const [province, area] of report.provinces) expect(area.within[radius].residents, `province ${province} ${radius} km`).toBe(bruteWithin(radius, (c) => c.province === province))
    }
    for (let i = 0; i < comuni.length; i++) expect(report.km[i]!).toBe(Number.isFinite(brute[i]!) ? Math.round(brute[i]! * 10) / 10 : brute[i]!)
    expect(report.italy.residents).toBe(comuni.reduce((sum, c) => sum + c.population, 0))
    console.log(`coverage of the demo registry: ${(report.italy.within[10].share * 100).toFixed(1)}% of residents within 10 km; Umbria ${(report.regions.get('10')!.within[10].share * 100).toFixed(1)}%`)
  })

  it('sums provinces into their region, counts active points and their hours, and lists those under 24 h', () => {
    const umbria = report.regions.get('10')!
    const provincesOfUmbria = [...new Set(comuni.filter((c) => c.regionIstat === '10').map((c) => c.province))]
    expect(provincesOfUmbria.reduce((sum, p) => sum + report.provinces.get(p)!.within[10].residents, 0)).toBe(umbria.within[10].residents)
    const active = points.filter((p) => p.status === 'active' && p.region?.istat === '10')
    expect(umbria.activePoints).toBe(active.length)
    expect(umbria.hoursDistribution.reduce((a, b) => a + b, 0)).toBe(active.length)
    expect(umbria.underNorm.every((id) => active.some((p) => p.id === id))).toBe(true)
  })

  it('never lowers coverage when a point is added, never raises it when one is closed', () => {
    const open = points.find((p) => p.status === 'active' && p.sites.some((s) => s.kind === 'fixed'))!
    const closed = coverageReport(comuni, points.map((p) => (p.id === open.id ? { ...p, status: 'closed' as const } : p)), TODAY)
    const added = coverageReport(comuni, [...points, { ...open, id: 'new-point-far-away', sites: [{ ...open.sites.find((s) => s.kind === 'fixed')!, id: 'far', location: { lat: 40.1, lon: 16.4 } }] }], TODAY)
    for (const radius of COVERAGE_RADII_KM) {
      expect(closed.italy.within[radius].residents).toBeLessThanOrEqual(report.italy.within[radius].residents)
      expect(added.italy.within[radius].residents).toBeGreaterThanOrEqual(report.italy.within[radius].residents)
    }
  })

  it('ranks the gaps by residents × distance, only comuni beyond 5 km and above the threshold', () => {
    const gaps = coverageGaps(comuni, report, { region: '10', minPopulation: 500 })
    for (const gap of gaps) expect(gap.km > 5 && gap.comune.population >= 500 && gap.comune.regionIstat === '10').toBe(true)
    for (let i = 1; i < gaps.length; i++) expect(gaps[i - 1]!.comune.population * gaps[i - 1]!.km).toBeGreaterThanOrEqual(gaps[i]!.comune.population * gaps[i]!.km)
  })
})
