import type { RouteConfig } from '@hono/zod-openapi'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { provinceName, PROVINCES, REGIONS } from '../../../shared/gazetteer/admin-units.ts'
import { decodeProvince, decodeRegion } from '../../../shared/geo/admin-codes.ts'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import { toRomeWallClock } from '../../../shared/hours/rome-time.ts'
import { WEEKLY_HOURS_NORM } from '../../../shared/hours/hours-per-week.ts'
import { COVERAGE_RADII_KM, coverageGaps, HOURS_BINS, type AreaCoverage, type CoverageReport } from '../../../shared/reach/coverage.ts'
import { coverageOfSnapshot } from '../coverage-cache.ts'
import { AreaQuerySchema, CoverageQuerySchema, GapsCsvQuerySchema, GapsQuerySchema, type CoverageComuniView, type CoverageView } from '../../../shared/schemas/coverage-view.ts'
import { honoPath, problemResponse, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import { CursorError, type CursorCodec } from '../cursor.ts'
import { problem } from '../problem.ts'
import { validRequest } from '../request-validator.ts'
import { EXPORT_PAGE } from '../../../shared/schemas/points-query.ts'

/**
 * Who the network reaches (shared/reach/coverage.ts), for Italy, a region or a province, and the
 * comuni farthest from help. Computed once per snapshot and Rome date (seasons and van stops
 * depend on the day), from the snapshot's records and the gazetteer: no table is read.
 */
export interface CoverageRouteDeps {
  readonly snapshot: () => Snapshot
  /** The gazetteer's comuni, asked for on the first coverage request (a cold start answering a nearest query never parses them). */
  readonly comuni: () => readonly Comune[]
  readonly cursors: CursorCodec
  readonly now: () => Date
  /**
   * The largest CSV a per-point file may be: one Lambda answer carries 6 MB after base64.
   * @default EXPORT_PAGE.maxBytes (the export pages' bound)
   */
  readonly maxFileBytes?: number
}

export const coverageRoute = { method: 'get', path: '/v1/coverage', request: { query: CoverageQuerySchema } } as const satisfies ApiRoute
export const coverageCsvRoute = { method: 'get', path: '/v1/coverage.csv', request: { query: AreaQuerySchema } } as const satisfies ApiRoute
export const comuniRoute = { method: 'get', path: '/v1/coverage/comuni', request: { query: AreaQuerySchema } } as const satisfies ApiRoute
export const comuniCsvRoute = { method: 'get', path: '/v1/coverage/comuni.csv', request: { query: AreaQuerySchema } } as const satisfies ApiRoute
export const pointsHoursCsvRoute = { method: 'get', path: '/v1/coverage/points.csv', request: { query: AreaQuerySchema } } as const satisfies ApiRoute
export const gapsRoute = { method: 'get', path: '/v1/coverage/gaps', request: { query: GapsQuerySchema } } as const satisfies ApiRoute
export const gapsCsvRoute = { method: 'get', path: '/v1/coverage/gaps.csv', request: { query: GapsCsvQuerySchema } } as const satisfies ApiRoute

/** Each region's provinces by sigla, in ISTAT order: the rows of a region's CSV. */
const PROVINCES_OF_REGION = Object.values(PROVINCES).reduce((map, [sigla, region]) => map.set(region, [...(map.get(region) ?? []), sigla]), new Map<string, string[]>())

type AreaName = CoverageView['area']
/** The area a query names, with its figures and what belongs to it. */
interface ChosenArea {
  readonly where: AreaName
  readonly coverage: AreaCoverage
  readonly holds: (unit: { region: string | null; province: string | null }) => boolean
}

/** The area as coverageGaps narrows to it. */
const areaFilter = ({ where }: ChosenArea): { region?: string; province?: string } =>
  where.level === 'region' ? { region: where.code! } : where.level === 'province' ? { province: where.code! } : {}
/** A bilingual comune's second name, as /v1/places gives it (`alt_name`); nothing for the others. */
const altName = (comune: Comune): { alt_name?: string } => (comune.altName ? { alt_name: comune.altName } : {})
const csvFile = (body: string, filename: string) => ({ body, headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}.csv"` } })
/** The report's distances are already to 0.1 km (publishedKm); none at all is null. */
const kmOrNull = (km: number): number | null => (Number.isFinite(km) ? km : null)

export function coverageRoutes(deps: CoverageRouteDeps) {
  const routes = new Hono()
  const maxFileBytes = deps.maxFileBytes ?? EXPORT_PAGE.maxBytes
  const reportNow = async (): Promise<{ today: string; report: CoverageReport }> => {
    const today = toRomeWallClock(deps.now()).date
    return { today, report: await coverageOfSnapshot(deps.snapshot(), deps.comuni(), today) }
  }
  /** Italy, the region or the province the query names; a problem for a sigla no province has. */
  const chooseArea = (c: Context, report: CoverageReport, { region, province }: { region?: string | undefined; province?: string | undefined }): ChosenArea | Response => {
    if (province !== undefined) {
      const coverage = report.provinces.get(province)
      if (!coverage) return problem(c, 'invalidParameter', `No province has the sigla "${province}".`, [{ field: 'province', message: 'is not an Italian province sigla' }])
      return { where: { level: 'province', code: province, name: provinceName(province) ?? province }, coverage, holds: (unit) => unit.province === province }
    }
    if (region !== undefined) return { where: { level: 'region', code: region, name: REGIONS[region]! }, coverage: report.regions.get(region)!, holds: (unit) => unit.region === region }
    return { where: { level: 'italy', code: null, name: 'Italia' }, coverage: report.italy, holds: () => true }
  }
  const comuniOf = (area: ChosenArea, report: CoverageReport) =>
    deps.comuni().flatMap((comune, i) => (area.holds({ region: comune.regionIstat, province: comune.province }) ? [{ comune, km: report.km[i]! }] : []))
  const fileName = (stem: string, area: ChosenArea) => `${stem}${area.where.code ? `-${area.where.code.toLowerCase()}` : ''}`

  routes.get(honoPath(coverageRoute), validRequest('query', CoverageQuerySchema), async (c) => {
    const query = c.req.valid('query')
    const { today, report } = await reportNow()
    const area = chooseArea(c, report, query)
    if (area instanceof Response) return area
    return c.json(view(area.where, today, area.coverage, query.radius_km))
  })

  // The area and its parts (Italy: its regions; a region: its provinces), one row each.
  routes.get(honoPath(coverageCsvRoute), validRequest('query', AreaQuerySchema), async (c) => {
    const { report } = await reportNow()
    const area = chooseArea(c, report, c.req.valid('query'))
    if (area instanceof Response) return area
    const { csvTable } = await import('../../exports/csv-export.ts')
    const parts: Array<[AreaName, AreaCoverage]> =
      area.where.level === 'italy'
        ? Object.keys(REGIONS).sort().map((code) => [{ level: 'region', code, name: REGIONS[code]! }, report.regions.get(code)!])
        : area.where.level === 'region'
          ? (PROVINCES_OF_REGION.get(area.where.code!) ?? []).flatMap((sigla) => (report.provinces.has(sigla) ? [[{ level: 'province', code: sigla, name: provinceName(sigla)! }, report.provinces.get(sigla)!] as [AreaName, AreaCoverage]] : []))
          : []
    const rows = [[area.where, area.coverage] as [AreaName, AreaCoverage], ...parts].map(([where, coverage]) => [
      where.level, where.code, where.name, coverage.residents,
      ...COVERAGE_RADII_KM.flatMap((r) => [coverage.within[r].residents, Math.round(coverage.within[r].share * 10_000) / 10_000]),
      coverage.activePoints, coverage.weeklyHours, coverage.weeklyHoursPer10kResidents, coverage.underNorm.length,
    ])
    const header = ['level', 'code', 'name', 'residents', ...COVERAGE_RADII_KM.flatMap((r) => [`within_${r}km`, `share_${r}km`]), 'active_points', 'weekly_hours', 'weekly_hours_per_10k_residents', 'points_under_norm']
    const file = csvFile(csvTable(header, rows), fileName('copertura', area))
    return c.body(file.body, 200, file.headers)
  })

  routes.get(honoPath(comuniRoute), validRequest('query', AreaQuerySchema), async (c) => {
    const { today, report } = await reportNow()
    const area = chooseArea(c, report, c.req.valid('query'))
    if (area instanceof Response) return area
    const items = comuniOf(area, report).map(({ comune, km }) => ({ istat: comune.istat, name: comune.name, ...altName(comune), province: comune.province, region: comune.regionIstat, population: comune.population, lat: comune.lat, lon: comune.lon, distance_km: kmOrNull(km) }))
    return c.json({ area: area.where, as_of: today, items } satisfies CoverageComuniView)
  })

  routes.get(honoPath(comuniCsvRoute), validRequest('query', AreaQuerySchema), async (c) => {
    const { report } = await reportNow()
    const area = chooseArea(c, report, c.req.valid('query'))
    if (area instanceof Response) return area
    const { csvTable } = await import('../../exports/csv-export.ts')
    const rows = comuniOf(area, report).map(({ comune, km }) => [comune.istat, comune.name, comune.province, comune.regionIstat, comune.population, comune.lat, comune.lon, kmOrNull(km)])
    const file = csvFile(csvTable(['istat', 'name', 'province', 'region', 'population', 'lat', 'lon', 'distance_km'], rows), fileName('comuni-distanza', area))
    return c.body(file.body, 200, file.headers)
  })

  // Each active point's weekly hours: the hours-per-week distribution's data, point by point.
  routes.get(honoPath(pointsHoursCsvRoute), validRequest('query', AreaQuerySchema), async (c) => {
    const { report } = await reportNow()
    const area = chooseArea(c, report, c.req.valid('query'))
    if (area instanceof Response) return area
    const { csvHead, csvLine } = await import('../../exports/csv-export.ts')
    // The area's points with hours are found in the snapshot's columns, and only their records
    // are parsed, a batch at a time (records close together read in one range): at national
    // scale a region's, not the whole registry's (~800 MiB parsed for one region's file before).
    const snapshot = deps.snapshot()
    const { tables, ids } = snapshot
    const chosen: number[] = []
    // No row is shorter than its id and 12 characters (its hours, "true" or "false", six commas,
    // the line's end): a file whose ids alone pass the bound is refused before a record is read.
    let shortest = 0
    for (let p = 0; p < snapshot.pointCount; p++) {
      if (!area.holds({ region: decodeRegion(tables.pointRegion[p]!), province: decodeProvince(tables.pointProvince[p]!) })) continue
      const id = ids.get(p)
      if (!report.weeklyHoursByPoint.has(id)) continue
      chosen.push(p)
      shortest += id.length + 12
    }
    // A file one answer cannot carry (a registry far larger than today's) is refused as soon as its
    // lines pass the bound, naming the narrower area to ask for.
    const tooBroad = () => {
      const narrower = area.where.level === 'italy' ? 'region' : 'province'
      const ask = area.where.level === 'province' ? 'no narrower area exists: the open-data files (/opendata/) carry every point' : `ask for one ${narrower} at a time`
      return problem(c, 'queryTooBroad', `The file of ${area.where.name} would be over ${(maxFileBytes / 2 ** 20).toFixed(1)} MiB, more than one answer carries; ${ask}.`, [
        { field: narrower, message: `the file would be over ${maxFileBytes} bytes` },
      ])
    }
    if (shortest > maxFileBytes) return tooBroad()
    // The file's lines as csvTable writes them, counted in bytes as they are made.
    const lines = [csvHead(['point_id', 'name', 'comune', 'province', 'region', 'weekly_hours', 'under_norm'])]
    let bytes = Buffer.byteLength(lines[0]!)
    for await (const batch of snapshot.records.batchesOf(chosen)) {
      for (const point of batch) {
        const hours = report.weeklyHoursByPoint.get(point.id)!
        const line = csvLine([point.id, point.name, point.comune?.name ?? null, point.province ?? null, point.region?.istat ?? null, hours, hours < WEEKLY_HOURS_NORM])
        lines.push(line)
        bytes += Buffer.byteLength(line)
      }
      if (bytes > maxFileBytes) return tooBroad()
    }
    const file = csvFile(lines.join(''), fileName('ore-settimanali', area))
    return c.body(file.body, 200, file.headers)
  })

  // The whole ranked list as a file (at most the 7,896 comuni): for a region's own analysis.
  routes.get(honoPath(gapsCsvRoute), validRequest('query', GapsCsvQuerySchema), async (c) => {
    const { min_population: minPopulation = 1000, radius_km: beyondKm = COVERAGE_RADII_KM[0], ...where } = c.req.valid('query')
    const { report } = await reportNow()
    const area = chooseArea(c, report, where)
    if (area instanceof Response) return area
    const { csvTable } = await import('../../exports/csv-export.ts')
    const gaps = coverageGaps(deps.comuni(), report, { ...areaFilter(area), minPopulation, beyondKm })
    const rows = gaps.map(({ comune, km }) => [comune.istat, comune.name, comune.province, comune.regionIstat, comune.population, kmOrNull(km)])
    const file = csvFile(csvTable(['istat', 'name', 'province', 'region', 'population', 'distance_km'], rows), fileName('lacune-copertura', area))
    return c.body(file.body, 200, file.headers)
  })

  routes.get(honoPath(gapsRoute), validRequest('query', GapsQuerySchema), async (c) => {
    const { min_population: minPopulation = 1000, radius_km: beyondKm = COVERAGE_RADII_KM[0], limit, cursor, ...where } = c.req.valid('query')
    const { report } = await reportNow()
    const area = chooseArea(c, report, where)
    if (area instanceof Response) return area
    const walk = `gaps:${area.where.level}:${area.where.code ?? ''}:${minPopulation}:${beyondKm}`
    const offset = readOffset(c, deps.cursors, cursor, walk, deps.snapshot().registryVersion)
    if (typeof offset !== 'number') return offset
    const gaps = coverageGaps(deps.comuni(), report, { ...areaFilter(area), minPopulation, beyondKm })
    const page = gaps.slice(offset, offset + limit)
    return c.json({
      items: page.map(({ comune, km }) => ({ istat: comune.istat, name: comune.name, ...altName(comune), province: comune.province, region: comune.regionIstat, population: comune.population, distance_km: kmOrNull(km) })),
      next_cursor: offset + limit < gaps.length ? deps.cursors.encode({ v: deps.snapshot().registryVersion, q: walk, offset: offset + limit }) : null,
    })
  })
  return routes
}

/**
 * Where a page of gaps starts. The gaps are ranked afresh from the registry at each request: after a
 * change the ranking moves, and an offset into the old one would skip or repeat comuni without a
 * word, so a cursor of another registry version is a 410, as a distance-ordered walk of points is.
 */
function readOffset(c: Context, cursors: CursorCodec, cursor: string | undefined, walk: string, registryVersion: number): number | Response {
  if (cursor === undefined) return 0
  try {
    const state = cursors.decode(cursor)
    if (state.q !== walk || state.offset === undefined) throw new CursorError('belongs to a different query')
    if (state.v !== registryVersion) {
      return problem(c, 'staleCursor', 'The registry changed since this walk of the gaps began; start again without cursor.', [{ field: 'cursor', message: 'issued for an older registry version' }])
    }
    return state.offset
  } catch (error) {
    if (!(error instanceof CursorError)) throw error
    return problem(c, 'invalidParameter', `The cursor ${error.message}.`, [{ field: 'cursor', message: error.message }])
  }
}

function view(area: AreaName, today: string, coverage: AreaCoverage, onlyRadius?: number): CoverageView {
  const within = Object.fromEntries(COVERAGE_RADII_KM.filter((r) => onlyRadius === undefined || r === onlyRadius).map((r) => [String(r), { residents: coverage.within[r].residents, share: Math.round(coverage.within[r].share * 10_000) / 10_000 }])) as CoverageView['within_km']
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
  const { CoverageComuniSchema, CoverageSchema, GapsPageSchema } = await import('../../../shared/schemas/coverage-view.ts')
  const routes: RouteConfig[] = [
    {
      ...coverageRoute,
      tags: ['places'],
      summary: 'Who the network reaches: residents within 5, 10 and 20 km of regular help, weekly hours per 10,000 residents, hours per point against the 24-hour norm (Italy, a region or a province)',
      responses: { 200: { content: { 'application/json': { schema: CoverageSchema } }, description: 'Coverage of the area' }, 400: await problemResponse('Unknown region or province, or both given') },
    },
    {
      ...coverageCsvRoute,
      tags: ['places'],
      summary: 'The same figures as CSV, for the area and its parts (Italy and its regions, a region and its provinces)',
      responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV, UTF-8 with BOM' }, 400: await problemResponse('Unknown region or province, or both given') },
    },
    {
      ...comuniRoute,
      tags: ['places'],
      summary: 'Every comune of the area with its position, residents and distance to the nearest place of regular help (at most the 7,896 comuni)',
      responses: { 200: { content: { 'application/json': { schema: CoverageComuniSchema } }, description: 'The comuni of the area' }, 400: await problemResponse('Unknown region or province, or both given') },
    },
    {
      ...comuniCsvRoute,
      tags: ['places'],
      summary: 'The same comuni as CSV',
      responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV, UTF-8 with BOM' }, 400: await problemResponse('Unknown region or province, or both given') },
    },
    {
      ...pointsHoursCsvRoute,
      tags: ['places'],
      summary: 'Each active point of the area with its weekly hours and whether it is under the ~24-hour norm, as CSV',
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV, UTF-8 with BOM' },
        400: await problemResponse('Unknown region or province, or both given'),
        // Never on today's registry (~3,000 points, a file of ~0.3 MB for Italy).
        422: await problemResponse('query-too-broad: the file would be over 4 MiB, more than one answer carries; ask for a region, or a province'),
      },
    },
    {
      ...gapsCsvRoute,
      tags: ['places'],
      summary: 'The same ranked gaps as CSV, the whole list in one file',
      responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV, UTF-8 with BOM' }, 400: await problemResponse('A parameter is malformed, an unknown region or province, or both given') },
    },
    {
      ...gapsRoute,
      tags: ['places'],
      summary: 'The comuni farthest from regular help, ranked by residents × distance (beyond 5 km or `radius_km`, above a population threshold; Italy, a region or a province)',
      responses: {
        200: { content: { 'application/json': { schema: GapsPageSchema } }, description: 'One page of gaps' },
        400: await problemResponse('A parameter is malformed, an unknown region or province, both given, or the cursor is not of this query'),
        410: await problemResponse('The cursor outlived its registry version: the gaps were ranked again'),
      },
    },
  ]
  return routes
}
