import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { regionsRoute } from '../routes/regions.ts'
import { problemResponse } from './problem-schema.ts'

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
export type Regions = z.infer<typeof RegionsSchema>

export const regionsOpenApiRoutes = [
  createRoute({
    ...regionsRoute,
    tags: ['places'],
    summary: 'Per region: active points, sites, and PNRR targets where known',
    responses: {
      200: { content: { 'application/json': { schema: RegionsSchema } }, description: 'The 20 regions' },
      400: problemResponse('A query parameter was sent'),
    },
  }),
]
