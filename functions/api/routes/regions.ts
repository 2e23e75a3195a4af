import { Hono } from 'hono'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import { REGIONS } from '../../../shared/gazetteer/admin-units.ts'
import { encodeRegion } from '../../../shared/geo/admin-codes.ts'
import { POINT_STATUSES } from '../../../shared/vocabulary.ts'
import type { PointStatus } from '../../../shared/schemas/point.ts'
import { NATIONAL_PNRR_TARGET, REGIONAL_PNRR_TARGETS } from '../../../shared/pnrr-targets.ts'
import type { Regions } from '../../../shared/schemas/region-view.ts'
import { honoPath, problemResponse, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import { NoQuerySchema, validRequest } from '../request-validator.ts'
import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { toRomeWallClock } from '../../../shared/hours/rome-time.ts'
import type { CoverageReport } from '../../../shared/reach/coverage.ts'
import { coverageOfSnapshot } from '../coverage-cache.ts'
import { compareCodeUnits } from '../../../shared/util/compare-code-units.ts'

export const regionsRoute = { method: 'get', path: '/v1/regions', request: { query: NoQuerySchema } } as const satisfies ApiRoute
export const regionsCsvRoute = { method: 'get', path: '/v1/regions.csv', request: { query: NoQuerySchema } } as const satisfies ApiRoute

// One summary per snapshot and Rome day: computed on first request, dropped with the snapshot.
const summaries = new WeakMap<Snapshot, { today: string; regions: Regions }>()

/**
 * Points and sites are counted from the snapshot's typed tables (a snapshot loaded in a Lambda decodes
 * no record for them); the residents reached come from the day's coverage report (coverage-cache.ts):
 * region codes are stored as numbers (encodeRegion), statuses as indexes into POINT_STATUSES.
 */
function summarise(snapshot: Snapshot, reach: CoverageReport, today: string): Regions {
  const { pointStatus, pointRegion, pointFirstSite } = snapshot.tables
  const active = POINT_STATUSES.indexOf('active')
  const counts = new Map<number, { points: number; sites: number; byStatus: number[] }>()
  for (let p = 0; p < snapshot.pointCount; p++) {
    if (pointRegion[p] === 0) continue
    const c = counts.get(pointRegion[p]!) ?? { points: 0, sites: 0, byStatus: POINT_STATUSES.map(() => 0) }
    c.byStatus[pointStatus[p]!]!++
    counts.set(pointRegion[p]!, c)
    if (pointStatus[p] !== active) continue
    c.points++
    c.sites += pointFirstSite[p + 1]! - pointFirstSite[p]!
  }
  const byStatus = (counted: readonly number[] | undefined) => Object.fromEntries(POINT_STATUSES.map((status, i) => [status, counted?.[i] ?? 0])) as Record<PointStatus, number>
  // Sorted by code: '10'…'20' look like integers to JavaScript and would come first.
  const items = Object.entries(REGIONS)
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([istat, name]) => ({
    istat,
    name,
    active_points: counts.get(encodeRegion(istat))?.points ?? 0,
    sites: counts.get(encodeRegion(istat))?.sites ?? 0,
    points_by_status: byStatus(counts.get(encodeRegion(istat))?.byStatus),
    pnrr_target: REGIONAL_PNRR_TARGETS[istat] ?? null,
    residents: reach.regions.get(istat)?.residents ?? 0,
    residents_within_10km: reach.regions.get(istat)?.within[10].residents ?? 0,
  }))
  return {
    items,
    national: {
      active_points: items.reduce((n, r) => n + r.active_points, 0),
      sites: items.reduce((n, r) => n + r.sites, 0),
      points_by_status: byStatus(POINT_STATUSES.map((status) => items.reduce((n, r) => n + r.points_by_status[status], 0))),
      pnrr_target: NATIONAL_PNRR_TARGET,
      residents: reach.italy.residents,
      residents_within_10km: reach.italy.within[10].residents,
    },
    as_of: today,
    registry_version: snapshot.registryVersion,
  }
}

export function regionsRoutes(deps: { snapshot: () => Snapshot; comuni: () => readonly Comune[]; now: () => Date }): Hono {
  const routes = new Hono()
  const summary = async (): Promise<Regions> => {
    const snapshot = deps.snapshot()
    const today = toRomeWallClock(deps.now()).date
    let cached = summaries.get(snapshot)
    if (cached?.today !== today) summaries.set(snapshot, (cached = { today, regions: summarise(snapshot, await coverageOfSnapshot(snapshot, deps.comuni(), today), today) }))
    return cached.regions
  }
  routes.get(honoPath(regionsRoute), validRequest('query', regionsRoute.request.query), async (c) => c.json(await summary(), 200))
  routes.get(honoPath(regionsCsvRoute), validRequest('query', regionsCsvRoute.request.query), async (c) => {
    const { csvTable } = await import('../../exports/csv-export.ts')
    const header = ['istat', 'name', 'active_points', 'sites', 'residents', 'residents_within_10km', 'target_points', 'target_citizens', 'target_services', 'target_source', 'suspended_points', 'closed_points']
    const rows = (await summary()).items.map((r) => [r.istat, r.name, r.active_points, r.sites, r.residents, r.residents_within_10km, r.pnrr_target?.points, r.pnrr_target?.citizens, r.pnrr_target?.services, r.pnrr_target?.source, r.points_by_status.suspended, r.points_by_status.closed])
    return c.body(csvTable(header, rows), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="regioni.csv"' })
  })
  return routes
}

export const describeRegionsRoutes: DescribeRoutes = async () => {
  const { RegionsSchema } = await import('../../../shared/schemas/region-view.ts')
  return [
    {
      ...regionsRoute,
      tags: ['places'],
      summary: 'Per region: active points, sites, and PNRR targets where known',
      responses: {
        200: { content: { 'application/json': { schema: RegionsSchema } }, description: 'The 20 regions' },
        400: await problemResponse('A query parameter was sent'),
      },
    },
    {
      ...regionsCsvRoute,
      tags: ['places'],
      summary: 'The same per region as CSV (targets and their sources, residents reached within 10 km)',
      responses: {
        200: { content: { 'text/csv': { schema: { type: 'string' as const } } }, description: 'CSV, UTF-8 with BOM' },
        400: await problemResponse('A query parameter was sent'),
      },
    },
  ]
}
