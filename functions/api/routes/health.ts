import { createRoute, defineOpenAPIRoute, z } from '@hono/zod-openapi'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    registry_version: z.number().int(),
    points: z.number().int(),
    sites: z.number().int(),
    snapshot_built_at: z.string(),
  })
  .meta({ id: 'Health' })

export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['meta'],
  summary: "Liveness, with the registry's version and size",
  responses: { 200: { content: { 'application/json': { schema: HealthSchema } }, description: 'Serving' } },
})

export function healthRoutes(deps: { snapshot: () => Snapshot }) {
  return [
    defineOpenAPIRoute({
      route: healthRoute,
      handler: (c) => {
        const s = deps.snapshot()
        c.header('Cache-Control', 'no-store')
        return c.json({ status: 'ok' as const, registry_version: s.registryVersion, points: s.pointCount, sites: s.siteCount, snapshot_built_at: s.builtAt }, 200)
      },
    }),
  ] as const
}
