import type { RouteConfig } from '@hono/zod-openapi'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { PROVINCES, REGIONS } from '../../../shared/gazetteer/admin-units.ts'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import { toRomeWallClock } from '../../../shared/hours/rome-time.ts'
import { WEEKLY_HOURS_NORM } from '../../../shared/hours/hours-per-week.ts'
import { COVERAGE_RADII_KM, coverageGaps, HOURS_BINS, type AreaCoverage, type CoverageReport } from '../../../shared/reach/coverage.ts'
import { coverageOfSnapshot } from '../coverage-cache.ts'
import { CoverageQuerySchema, GapsCsvQuerySchema, GapsQuerySchema, type CoverageView } from '../../../shared/schemas/coverage-view.ts'
import { honoPath, problemResponse, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import { CursorError, type CursorCodec } from '../cursor.ts'
import { problem } from '../problem.ts'
import { validRequest } from '../request-validator.ts'

/**
 * Who the network reaches (shared/reach/coverage.ts), for Italy, a region or a province, and the
 * comuni farthest from help. Computed once per snapshot and Rome date (seasons and van stops
 * depend on the day), from the snapshot's records and the gazetteer: no table is read.
 */
export interface CoverageRouteDeps {
  readonly snapshot: () => Snapshot
  readonly comuni: readonly Comune[]
  readonly cursors: CursorCodec
  readonly now: () => Date
}

export const coverageRoute = { method: 'get', path: '/v1/coverage', request: { query: CoverageQuerySchema } } as const satisfies ApiRoute
export const gapsRoute = { method: 'get', path: '/v1/coverage/gaps', request: { query: GapsQuerySchema } } as const satisfies ApiRoute
export const gapsCsvRoute = { method: 'get', path: '/v1/coverage/gaps.csv', request: { query: GapsCsvQuerySchema } } as const satisfies ApiRoute

const PROVINCE_NAMES = new Map(Object.values(PROVINCES).map(([sigla, , name]) => [sigla, name]))

export function coverageRoutes(deps: CoverageRouteDeps) {
  const routes = new Hono()
  const reportNow = (): { today: string; report: CoverageReport } => {
    const today = toRomeWallClock(deps.now()).date
    return { today, report: coverageOfSnapshot(deps.snapshot(), deps.comuni, today) }
  }

  routes.get(honoPath(coverageRoute), validRequest('query', CoverageQuerySchema), (c) => {
    const { region, province } = c.req.valid('query')
    const { today, report } = reportNow()
    if (province !== undefined && !report.provinces.has(province)) return problem(c, 'invalidParameter', `No province has the sigla "${province}".`, [{ field: 'province', message: 'is not an Italian province sigla' }])
    const area = province ? report.provinces.get(province)! : region ? report.regions.get(region)! : report.italy
    const where = province
      ? { level: 'province' as const, code: province, name: PROVINCE_NAMES.get(province) ?? province }
      : region
        ? { level: 'region' as const, code: region, name: REGIONS[region]! }
        : { level: 'italy' as const, code: null, name: 'Italia' }
    return c.json(view(where, today, area))
  })

  // The whole ranked list as a file (at most the 7,896 comuni): for a region's own analysis.
  routes.get(honoPath(gapsCsvRoute), validRequest('query', GapsCsvQuerySchema), async (c) => {
    const { region, min_population: minPopulation = 1000 } = c.req.valid('query')
    const { csvTable } = await import('../../exports/csv-export.ts')
    const gaps = coverageGaps(deps.comuni, reportNow().report, { ...(region ? { region } : {}), minPopulation })
    const rows = gaps.map(({ comune, km }) => [comune.istat, comune.name, comune.province, comune.regionIstat, comune.population, Number.isFinite(km) ? Math.round(km * 10) / 10 : null])
    return c.body(csvTable(['istat', 'name', 'province', 'region', 'population', 'distance_km'], rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="lacune-copertura${region ? `-${region}` : ''}.csv"`,
    })
  })

  routes.get(honoPath(gapsRoute), validRequest('query', GapsQuerySchema), (c) => {
    const { region, min_population: minPopulation = 1000, limit, cursor } = c.req.valid('query')
    const offset = readOffset(c, deps.cursors, cursor, `gaps:${region ?? ''}:${minPopulation}`)
    if (typeof offset !== 'number') return offset
    const { report } = reportNow()
    const gaps = coverageGaps(deps.comuni, report, { ...(region ? { region } : {}), minPopulation })
    const page = gaps.slice(offset, offset + limit)
    return c.json({
      items: page.map(({ comune, km }) => ({ istat: comune.istat, name: comune.name, province: comune.province, region: comune.regionIstat, population: comune.population, distance_km: Number.isFinite(km) ? Math.round(km * 10) / 10 : null })),
      next_cursor: offset + limit < gaps.length ? deps.cursors.encode({ v: deps.snapshot().registryVersion, q: `gaps:${region ?? ''}:${minPopulation}`, offset: offset + limit }) : null,
    })
  })
  return routes
}

function readOffset(c: Context, cursors: CursorCodec, cursor: string | undefined, walk: string): number | Response {
  if (cursor === undefined) return 0
  try {
    const state = cursors.decode(cursor)
    if (state.q !== walk || state.offset === undefined) throw new CursorError('belongs to a different query')
    return state.offset
  } catch (error) {
    if (!(error instanceof CursorError)) throw error
    return problem(c, 'invalidParameter', `The cursor ${error.message}.`, [{ field: 'cursor', message: error.message }])
  }
}

function view(area: CoverageView['area'], today: string, coverage: AreaCoverage): CoverageView {
  const within = Object.fromEntries(COVERAGE_RADII_KM.map((r) => [String(r), { residents: coverage.within[r].residents, share: Math.round(coverage.within[r].share * 10_000) / 10_000 }])) as CoverageView['within_km']
  return {
    area,
    as_of: today,
    residents: coverage.residents,
    within_km: within,
    active_points: coverage.activePoints,
    weekly_hours: coverage.weeklyHours,
    weekly_hours_per_10k_residents: coverage.weeklyHoursPer10kResidents,
    weekly_hours_norm: WEEKLY_HOURS_NORM,
    hours_distribution: HOURS_BINS.map((from, i) => ({ from, to: HOURS_BINS[i + 1] ?? null, points: coverage.hoursDistribution[i]! })),
    under_norm: [...coverage.underNorm],
  }
}

export const describeCoverageRoutes: DescribeRoutes = async () => {
  const { CoverageSchema, GapsPageSchema } = await import('../../../shared/schemas/coverage-view.ts')
  const routes: RouteConfig[] = [
    {
      ...coverageRoute,
      tags: ['places'],
      summary: 'Who the network reaches: residents within 5, 10 and 20 km of regular help, weekly hours per 10,000 residents, hours per point against the 24-hour norm (Italy, a region or a province)',
      responses: { 200: { content: { 'application/json': { schema: CoverageSchema } }, description: 'Coverage of the area' }, 400: await problemResponse('Unknown region or province, or both given') },
    },
    {
      ...gapsCsvRoute,
      tags: ['places'],
      summary: 'The same ranked gaps as CSV, the whole list in one file',
      responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV, UTF-8 with BOM' }, 400: await problemResponse('A parameter is malformed') },
    },
    {
      ...gapsRoute,
      tags: ['places'],
      summary: 'The comuni farthest from regular help, ranked by residents × distance (beyond 5 km, above a population threshold)',
      responses: { 200: { content: { 'application/json': { schema: GapsPageSchema } }, description: 'One page of gaps' }, 400: await problemResponse('A parameter is malformed, or the cursor is not of this query') },
    },
  ]
  return routes
}
