import { z } from 'zod'

/** `/v1/regions`: per region, active points and sites, beside the PNRR targets where a plan publishes them. */
const TargetSchema = z
  .object({ points: z.number().int(), citizens: z.number().int(), services: z.number().int().nullable() })
  .nullable()
  .meta({ id: 'PnrrTarget', description: 'PNRR 1.7.2 targets from the regional plan; null where unknown' })

export const RegionSummarySchema = z
  .object({
    istat: z.string().meta({ example: '09' }),
    name: z.string().meta({ example: 'Toscana' }),
    active_points: z.number().int(),
    sites: z.number().int().meta({ description: 'Sites of active points' }),
    pnrr_target: TargetSchema,
  })
  .meta({ id: 'RegionSummary' })
export type RegionSummary = z.infer<typeof RegionSummarySchema>

export const RegionsSchema = z
  .object({
    items: z.array(RegionSummarySchema),
    national: z.object({ active_points: z.number().int(), sites: z.number().int(), pnrr_target: z.object({ points: z.number().int(), citizens: z.number().int() }) }),
    registry_version: z.number().int(),
  })
  .meta({ id: 'Regions' })
export type Regions = z.infer<typeof RegionsSchema>
