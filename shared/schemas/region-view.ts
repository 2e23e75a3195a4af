import { z } from 'zod'

/** `/v1/regions`: per region, active points and sites, beside the PNRR targets where a plan publishes them. */
const PointsByStatusSchema = z
  .object({ active: z.number().int(), suspended: z.number().int(), closed: z.number().int() })
  .meta({ description: 'Points in the registry by status: active, suspended, closed (addition, issue 13)' })

const TargetSchema = z
  .object({ points: z.number().int(), citizens: z.number().int(), services: z.number().int().nullable(), source: z.string().meta({ description: 'The plan that publishes the figures (addition)' }) })
  .nullable()
  .meta({ id: 'PnrrTarget', description: 'PNRR 1.7.2 targets from the regional plan; null where unknown' })

export const RegionSummarySchema = z
  .object({
    istat: z.string().meta({ example: '09' }),
    name: z.string().meta({ example: 'Toscana' }),
    active_points: z.number().int(),
    sites: z.number().int().meta({ description: 'Sites of active points' }),
    points_by_status: PointsByStatusSchema,
    pnrr_target: TargetSchema,
    residents: z.number().int().meta({ description: 'ISTAT residents (addition, issue 13)' }),
    residents_within_10km: z.number().int().meta({ description: 'Residents whose comune lies within 10 km of regular help, beside the citizens target (addition; /v1/coverage has the rest)' }),
  })
  .meta({ id: 'RegionSummary' })
export type RegionSummary = z.infer<typeof RegionSummarySchema>

export const RegionsSchema = z
  .object({
    items: z.array(RegionSummarySchema),
    national: z.object({
      active_points: z.number().int(),
      sites: z.number().int(),
      points_by_status: PointsByStatusSchema,
      pnrr_target: z.object({ points: z.number().int(), citizens: z.number().int(), source: z.string() }),
      residents: z.number().int(),
      residents_within_10km: z.number().int(),
    }),
    as_of: z.iso.date().meta({ description: 'The Rome date the reach figures hold for (addition)' }),
    registry_version: z.number().int(),
  })
  .meta({ id: 'Regions' })
export type Regions = z.infer<typeof RegionsSchema>
