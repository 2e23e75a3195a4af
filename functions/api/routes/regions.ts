import { createRoute, defineOpenAPIRoute, z } from '@hono/zod-openapi'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import { REGIONS } from '../../../shared/gazetteer/admin-units.ts'
import { NATIONAL_PNRR_TARGET, REGIONAL_PNRR_TARGETS } from '../../../shared/pnrr-targets.ts'
import { ProblemSchema } from '../problem.ts'

const TargetSchema = z
  .object({ points: z.number().int(), citizens: z.number().int(), services: z.number().int().nullable() })
  .nullable()
  .meta({ id: 'PnrrTarget', description: 'PNRR 1.7.2 targets from the regional plan; null where unknown' })

const RegionSummarySchema = z
  .object({
    istat: z.string().meta({ example: '09' }),
    name: z.string().meta({ example: 'Toscana' }),
    active_points: z.number().int(),
    sites: z.number().int().meta({ description: 'Sites of active points' }),
    pnrr_target: TargetSchema,
  })
  .meta({ id: 'RegionSummary' })

const RegionsSchema = z
  .object({
    items: z.array(RegionSummarySchema),
    national: z.object({ active_points: z.number().int(), sites: z.number().int(), pnrr_target: z.object({ points: z.number().int(), citizens: z.number().int() }) }),
    registry_version: z.number().int(),
  })
  .meta({ id: 'Regions' })
type Regions = z.infer<typeof RegionsSchema>

export const regionsRoute = createRoute({
  method: 'get',
  path: '/v1/regions',
  tags: ['places'],
  summary: 'Per region: active points, sites, and PNRR targets where known',
  // No query parameters: any one sent is unknown, and the contract makes that a 400.
  request: { query: z.object({}).strict() },
  responses: {
    200: { content: { 'application/json': { schema: RegionsSchema } }, description: 'The 20 regions' },
    400: { content: { 'application/problem+json': { schema: ProblemSchema } }, description: 'A query parameter was sent' },
  },
})

// One summary per snapshot: computed on first request, dropped with the snapshot.
const summaries = new WeakMap<Snapshot, Regions>()

function summarise(snapshot: Snapshot): Regions {
  const counts = new Map<string, { points: number; sites: number }>()
  for (const point of snapshot.points) {
    if (point.status !== 'active' || !point.region) continue
    const c = counts.get(point.region.istat) ?? { points: 0, sites: 0 }
    c.points++
    c.sites += point.sites.length
    counts.set(point.region.istat, c)
  }
  // Sorted by code: '10'…'20' look like integers to JavaScript and would come first.
  const items = Object.entries(REGIONS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([istat, name]) => ({
    istat,
    name,
    active_points: counts.get(istat)?.points ?? 0,
    sites: counts.get(istat)?.sites ?? 0,
    pnrr_target: REGIONAL_PNRR_TARGETS[istat] ?? null,
  }))
  return {
    items,
    national: {
      active_points: items.reduce((n, r) => n + r.active_points, 0),
      sites: items.reduce((n, r) => n + r.sites, 0),
      pnrr_target: NATIONAL_PNRR_TARGET,
    },
    registry_version: snapshot.registryVersion,
  }
}

export function regionsRoutes(deps: { snapshot: () => Snapshot }) {
  return [
    defineOpenAPIRoute({
      route: regionsRoute,
      handler: (c) => {
        const snapshot = deps.snapshot()
        let summary = summaries.get(snapshot)
        if (!summary) summaries.set(snapshot, (summary = summarise(snapshot)))
        return c.json(summary, 200)
      },
    }),
  ] as const
}
