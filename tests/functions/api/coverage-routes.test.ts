import { describe, expect, it } from 'vitest'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { coverageGaps, coverageReport } from '../../../shared/reach/coverage.ts'
import type { CoverageView } from '../../../shared/schemas/coverage-view.ts'
import { createApiFixture, FIXED_TODAY } from './support/app-fixture.ts'

/** Issue 13's API: /v1/coverage and /v1/coverage/gaps answer what the coverage module computes. */
const fixture = createApiFixture()
const comuni = loadComuni()
const report = coverageReport(comuni, fixture.records, FIXED_TODAY)

describe('GET /v1/coverage', () => {
  it('answers Italy, a region and a province with the module’s figures, named', async () => {
    const italy = await fixture.getJson<CoverageView>('/v1/coverage')
    expect(italy).toMatchObject({ area: { level: 'italy', code: null, name: 'Italia' }, as_of: FIXED_TODAY, residents: report.italy.residents, active_points: report.italy.activePoints })
    expect(italy.within_km['10'].residents).toBe(report.italy.within[10].residents)
    const umbria = await fixture.getJson<CoverageView>('/v1/coverage?region=10')
    expect(umbria.area).toEqual({ level: 'region', code: '10', name: 'Umbria' })
    expect(umbria.within_km['20'].residents).toBe(report.regions.get('10')!.within[20].residents)
    expect(umbria.hours_distribution.reduce((n, b) => n + b.points, 0)).toBe(umbria.active_points)
    expect(umbria.under_norm).toEqual([...report.regions.get('10')!.underNorm])
    const perugia = await fixture.getJson<CoverageView>('/v1/coverage?province=pg')
    expect(perugia.area).toEqual({ level: 'province', code: 'PG', name: 'Perugia' })
  })

  it('says what is wrong with an area it does not know', async () => {
    for (const [query, field] of [['region=21', 'region'], ['province=XX', 'province'], ['region=10&province=PG', 'province'], ['radius=5', 'radius']] as const) {
      const response = await fixture.get(`/v1/coverage?${query}`)
      expect(response.status, query).toBe(400)
      expect(((await response.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field), query).toContain(field)
    }
  })
})

describe('GET /v1/coverage/gaps', () => {
  it('walks the ranked gaps of a region page by page, each once, as the module ranks them', async () => {
    const expected = coverageGaps(comuni, report, { region: '09', minPopulation: 500 }).map((g) => g.comune.istat)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: Array<{ istat: string }>; next_cursor: string | null } = await fixture.getJson(`/v1/coverage/gaps?region=09&min_population=500&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
      seen.push(...page.items.map((i) => i.istat))
      cursor = page.next_cursor
    } while (cursor)
    expect(seen).toEqual(expected)
    expect(expected.length).toBeGreaterThan(0)
    const other = await fixture.get('/v1/coverage/gaps?region=10&cursor=' + encodeURIComponent((await fixture.getJson<{ next_cursor: string }>('/v1/coverage/gaps?region=09&limit=1')).next_cursor))
    expect(other.status).toBe(400)
  })
})

describe('the CSV forms', () => {
  it('gives the whole ranked gaps of a region and the regions with their targets and reach as CSV a spreadsheet opens', async () => {
    const gaps = await fixture.get('/v1/coverage/gaps.csv?region=10&min_population=500')
    expect(gaps.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const lines = (await gaps.text()).replace(/^\uFEFF/, '').trimEnd().split('\n')
    expect(lines[0]).toBe('istat,name,province,region,population,distance_km')
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(coverageGaps(comuni, report, { region: '10', minPopulation: 500 }).map((g) => g.comune.istat))
    const regions = (await (await fixture.get('/v1/regions.csv')).text()).replace(/^\uFEFF/, '').trimEnd().split('\n')
    expect(regions).toHaveLength(21)
    expect(regions[0]).toBe('istat,name,active_points,sites,residents,residents_within_10km,target_points,target_citizens,target_services,target_source')
    expect(regions.find((l) => l.startsWith('10,Umbria,'))).toMatch(/,42,33000,49500,/)
  })
})
