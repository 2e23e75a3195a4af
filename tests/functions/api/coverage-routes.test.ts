import { describe, expect, it } from 'vitest'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { coverageGaps, coverageReport } from '../../../shared/reach/coverage.ts'
import type { CoverageView } from '../../../shared/schemas/coverage-view.ts'
import { createCursorCodec } from '../../../functions/api/cursor.ts'
import { coverageRoutes } from '../../../functions/api/routes/coverage.ts'
import { createApiFixture, CURSOR_SECRET, FIXED_NOW, FIXED_TODAY, snapshotOf } from './support/app-fixture.ts'

/** Issue 13's API: /v1/coverage and /v1/coverage/gaps answer what the coverage module computes. */
const fixture = createApiFixture()
const comuni = loadComuni()
const report = coverageReport(comuni, fixture.records, FIXED_TODAY)

describe('GET /v1/coverage', () => {
  it('answers Italy, a region and a province with the module’s figures, named', async () => {
    const italy = await fixture.getJson<CoverageView>('/v1/coverage')
    expect(italy).toMatchObject({ area: { level: 'italy', code: null, name: 'Italia' }, as_of: FIXED_TODAY, residents: report.italy.residents, active_points: report.italy.activePoints })
    expect(italy.within_km['10']!.residents).toBe(report.italy.within[10].residents)
    const umbria = await fixture.getJson<CoverageView>('/v1/coverage?region=10')
    expect(umbria.area).toEqual({ level: 'region', code: '10', name: 'Umbria' })
    expect(umbria.within_km['20']!.residents).toBe(report.regions.get('10')!.within[20].residents)
    expect(umbria.hours_distribution.reduce((n, b) => n + b.points, 0)).toBe(umbria.active_points)
    expect(umbria.under_norm).toEqual([...report.regions.get('10')!.underNorm])
    const perugia = await fixture.getJson<CoverageView>('/v1/coverage?province=pg')
    expect(perugia.area).toEqual({ level: 'province', code: 'PG', name: 'Perugia' })
  })

  it('says what is wrong with an area it does not know', async () => {
    for (const [query, field] of [['region=21', 'region'], ['province=XX', 'province'], ['region=10&province=PG', 'province'], ['radius=5', 'radius'], ['radius_km=7', 'radius_km']] as const) {
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

  it('ranks the gaps of one province, in JSON and CSV, for an autonomous province’s page (Bolzano and Trento run their own plans)', async () => {
    const expected = coverageGaps(comuni, report, { province: 'BZ', minPopulation: 0 }).map((g) => g.comune.istat)
    expect(expected.length).toBeGreaterThan(3)
    expect(new Set(expected.map((istat) => istat.slice(0, 3)))).toEqual(new Set(['021']))
    const page = await fixture.getJson<{ items: Array<{ istat: string; province: string }> }>('/v1/coverage/gaps?province=bz&min_population=0&limit=100')
    expect(page.items.map((g) => g.istat)).toEqual(expected.slice(0, 100))
    const csv = (await (await fixture.get('/v1/coverage/gaps.csv?province=BZ&min_population=0')).text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(expected)
    for (const [query, field] of [['province=XX', 'province'], ['region=04&province=BZ', 'province']] as const) {
      for (const path of ['/v1/coverage/gaps', '/v1/coverage/gaps.csv']) {
        const response = await fixture.get(`${path}?${query}`)
        expect(response.status, `${path}?${query}`).toBe(400)
        expect(((await response.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field), query).toContain(field)
      }
    }
  })

  it("names a bilingual comune in its second language too, as /v1/places does, for a page in that language (a German page listed 'Valle Aurina' for Ahrntal)", async () => {
    const gaps = await fixture.getJson<{ items: Array<{ istat: string; name: string; alt_name?: string }> }>('/v1/coverage/gaps?region=04&limit=50')
    const inBolzano = gaps.items.filter((g) => g.istat.startsWith('021'))
    expect(inBolzano.length).toBeGreaterThan(0)
    for (const gap of inBolzano) expect(gap.alt_name, gap.name).toBe(comuni.find((c) => c.istat === gap.istat)!.altName)
    // Trentino's comuni have one official name: none given.
    const trentino = gaps.items.find((g) => g.istat.startsWith('022'))
    expect(trentino).toBeDefined()
    expect(trentino).not.toHaveProperty('alt_name')
    const all = await fixture.getJson<{ items: Array<{ istat: string; alt_name?: string }> }>('/v1/coverage/comuni?province=BZ')
    expect(all.items.find((c) => c.istat === '021008')).toMatchObject({ alt_name: 'Bozen' })
  })

  it('answers 410 to a cursor of an older registry: a point opened meanwhile moves the ranking, and an offset into the old one skipped a comune in silence', async () => {
    const { next_cursor: cursor } = await fixture.getJson<{ next_cursor: string }>('/v1/coverage/gaps?region=10&min_population=0&limit=5')
    try {
      fixture.source.swap(snapshotOf(fixture.records, fixture.snapshot.registryVersion + 1))
      const stale = await fixture.get(`/v1/coverage/gaps?region=10&min_population=0&limit=5&cursor=${encodeURIComponent(cursor)}`)
      expect(stale.status).toBe(410)
      expect((await stale.json()).errors[0].field).toBe('cursor')
    } finally {
      fixture.source.swap(fixture.snapshot)
    }
  })
})

describe('the CSV forms', () => {
  it('gives the whole ranked gaps of a region and the regions with their targets and reach as CSV a spreadsheet opens', async () => {
    const gaps = await fixture.get('/v1/coverage/gaps.csv?region=10&min_population=500')
    expect(gaps.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const lines = (await gaps.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines[0]).toBe('istat,name,province,region,population,distance_km')
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(coverageGaps(comuni, report, { region: '10', minPopulation: 500 }).map((g) => g.comune.istat))
    const regions = (await (await fixture.get('/v1/regions.csv')).text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(regions).toHaveLength(21)
    expect(regions[0]).toBe('istat,name,active_points,sites,residents,residents_within_10km,target_points,target_citizens,target_services,target_source,suspended_points,closed_points')
    expect(regions.find((l) => l.startsWith('10,Umbria,'))).toMatch(/,42,33000,49500,.*,2,2$/)
  })
})

describe('the statistics page’s data (comuni, areas and points, JSON and CSV)', () => {
  const csvLines = async (path: string) => {
    const response = await fixture.get(path)
    expect(response.status, path).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    return (await response.text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n')
  }

  it('lists every comune of a region with its position and the module’s distance, in JSON and CSV alike', async () => {
    const expected = comuni.flatMap((comune, i) => (comune.regionIstat === '10' ? [{ istat: comune.istat, km: report.km[i]! }] : []))
    const page = await fixture.getJson<{ area: { code: string }; items: Array<{ istat: string; lat: number; lon: number; distance_km: number | null }> }>('/v1/coverage/comuni?region=10')
    expect(page.area.code).toBe('10')
    expect(page.items.map((c) => c.istat)).toEqual(expected.map((c) => c.istat))
    page.items.forEach((item, i) => expect(item.distance_km, item.istat).toBe(Number.isFinite(expected[i]!.km) ? Math.round(expected[i]!.km * 10) / 10 : null))
    const lines = await csvLines('/v1/coverage/comuni.csv?region=10')
    expect(lines[0]).toBe('istat,name,province,region,population,lat,lon,distance_km')
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(expected.map((c) => c.istat))
    const terni = await fixture.getJson<{ items: Array<{ province: string }> }>('/v1/coverage/comuni?province=TR')
    expect(new Set(terni.items.map((c) => c.province))).toEqual(new Set(['TR']))
  })

  it('gives a region’s figures and its provinces’ as CSV rows equal to the JSON', async () => {
    const lines = await csvLines('/v1/coverage.csv?region=10')
    expect(lines[0]).toBe('level,code,name,residents,within_5km,share_5km,within_10km,share_10km,within_20km,share_20km,active_points,weekly_hours,weekly_hours_per_10k_residents,points_under_norm')
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['region,10', 'province,PG', 'province,TR'])
    const umbria = await fixture.getJson<CoverageView>('/v1/coverage?region=10')
    const cells = lines[1]!.split(',')
    expect(Number(cells[3])).toBe(umbria.residents)
    expect(Number(cells[6])).toBe(umbria.within_km['10']!.residents)
    expect(Number(cells[10])).toBe(umbria.active_points)
    expect(Number(cells[13])).toBe(umbria.under_norm.length)
    expect(await csvLines('/v1/coverage.csv')).toHaveLength(22)
  })

  it('lists each active point of a region with its weekly hours, the distribution’s data', async () => {
    const umbria = await fixture.getJson<CoverageView>('/v1/coverage?region=10')
    const lines = await csvLines('/v1/coverage/points.csv?region=10')
    expect(lines[0]).toBe('point_id,name,comune,province,region,weekly_hours,under_norm')
    const rows = lines.slice(1).map((l) => l.split(','))
    expect(rows).toHaveLength(umbria.active_points)
    expect(rows.filter((r) => r.at(-1) === 'true').map((r) => r[0]).sort()).toEqual(umbria.under_norm)
    for (const bin of umbria.hours_distribution) {
      const inBin = rows.filter((r) => Number(r.at(-2)) >= bin.from && (bin.to === null || Number(r.at(-2)) < bin.to))
      expect(inBin.length, `${bin.from}–${bin.to}`).toBe(bin.points)
    }
  })

  it('answers 422 query-too-broad, naming a narrower area, when the per-point file would outgrow one answer', async () => {
    const umbria = await fixture.get('/v1/coverage/points.csv?region=10')
    const umbriaBytes = (await umbria.clone().arrayBuffer()).byteLength
    // A budget that Umbria's file fits, as at national scale a province's would and Italy's would not.
    // Passes over records counted: Italy's ids alone outgrow this budget, so its refusal reads none.
    let passes = 0
    const records = fixture.snapshot.records
    const counted = Object.create(fixture.snapshot, { records: { value: { ...records, batchesOf: (indexes: readonly number[]) => (passes++, records.batchesOf(indexes)) } } })
    const routes = coverageRoutes({ snapshot: () => counted, comuni: () => comuni, cursors: createCursorCodec(CURSOR_SECRET), now: () => FIXED_NOW, maxFileBytes: umbriaBytes })
    const fits = await routes.request('/v1/coverage/points.csv?region=10')
    expect(fits.status).toBe(200)
    expect(await fits.text()).toBe(await umbria.text())
    expect(passes).toBe(1)
    for (const [query, narrower] of [['', 'region'], ['region=09', 'province']] as const) {
      const before = passes
      const response = await routes.request(`/v1/coverage/points.csv?${query}`)
      if (query === '') expect(passes, 'Italy').toBe(before)
      expect(response.status, query).toBe(422)
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      const problem = (await response.json()) as { type: string; detail: string; errors: Array<{ field: string }> }
      expect(problem.type, query).toMatch(/#query-too-broad$/)
      expect(problem.errors.map((e) => e.field), query).toEqual([narrower])
    }
    // A province has nothing narrower: the answer points to the open-data files.
    const tiny = coverageRoutes({ snapshot: () => fixture.snapshot, comuni: () => comuni, cursors: createCursorCodec(CURSOR_SECRET), now: () => FIXED_NOW, maxFileBytes: 100 })
    const province = await tiny.request('/v1/coverage/points.csv?province=PG')
    expect(province.status).toBe(422)
    expect(((await province.json()) as { detail: string }).detail).toContain('/opendata/')
  })

  it('says which sigla is unknown on every form', async () => {
    for (const path of ['/v1/coverage.csv?province=XX', '/v1/coverage/comuni?province=XX', '/v1/coverage/comuni.csv?province=XX', '/v1/coverage/points.csv?province=XX']) {
      const response = await fixture.get(path)
      expect(response.status, path).toBe(400)
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    }
  })
})

describe('GET /v1/regions points_by_status', () => {
  it('counts every point of a region by status, as the registry holds them, and sums them for Italy', async () => {
    const regions = await fixture.getJson<{ items: Array<{ istat: string; active_points: number; points_by_status: Record<string, number> }>; national: { points_by_status: Record<string, number> } }>('/v1/regions')
    for (const region of regions.items) {
      const records = fixture.records.filter((p) => p.region?.istat === region.istat)
      const expected = { active: 0, suspended: 0, closed: 0 } as Record<string, number>
      for (const record of records) expected[record.status]!++
      expect(region.points_by_status, region.istat).toEqual(expected)
      expect(region.points_by_status.active).toBe(region.active_points)
    }
    expect(Object.values(regions.national.points_by_status).reduce((a, b) => a + b, 0)).toBe(fixture.records.filter((p) => p.region).length)
  })
})

describe('radius_km', () => {
  it('keeps only that radius in the figures, and counts as gaps only the comuni beyond it', async () => {
    const umbria = await fixture.getJson<CoverageView>('/v1/coverage?region=10&radius_km=10')
    expect(Object.keys(umbria.within_km)).toEqual(['10'])
    expect(umbria.within_km['10']!.residents).toBe(report.regions.get('10')!.within[10].residents)
    const far = await fixture.getJson<{ items: Array<{ istat: string; distance_km: number | null }> }>('/v1/coverage/gaps?radius_km=20&min_population=0&limit=100')
    expect(far.items.map((g) => g.istat)).toEqual(coverageGaps(comuni, report, { minPopulation: 0, beyondKm: 20 }).slice(0, 100).map((g) => g.comune.istat))
    expect(far.items.every((g) => g.distance_km === null || g.distance_km >= 20)).toBe(true) // rounded to 0.1 km: 20.04 shows as 20
    const csv = (await (await fixture.get('/v1/coverage/gaps.csv?radius_km=20&min_population=0')).text()).replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(csv.length - 1).toBe(coverageGaps(comuni, report, { minPopulation: 0, beyondKm: 20 }).length)
    // The files of comuni and areas have no radius to choose: the parameter is refused, not ignored.
    expect((await fixture.get('/v1/coverage/comuni?radius_km=10')).status).toBe(400)
  })
})
