import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { healthRoute } from '../routes/health.ts'

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    registry_version: z.number().int(),
    points: z.number().int(),
    sites: z.number().int(),
    snapshot_built_at: z.string(),
  })
  .meta({ id: 'Health' })
export type Health = z.infer<typeof HealthSchema>

export const healthOpenApiRoutes = [
  createRoute({
    ...healthRoute,
    tags: ['meta'],
    summary: "Liveness, with the registry's version and size",
    responses: { 200: { content: { 'application/json': { schema: HealthSchema } }, description: 'Serving' } },
  }),
]
