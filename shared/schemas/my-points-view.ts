import { z } from 'zod'
import { ATTENTION_REASONS } from '../registry/attention.ts'
import { POINT_STATUSES } from '../vocabulary.ts'

/** `GET /v1/admin/points`: the console's "my points", each with what needs attention. */
export const MyPointSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    comune: z.string(),
    status: z.enum(POINT_STATUSES),
    version: z.number().int(),
    last_verified_at: z.string().nullable(),
    hours_per_week: z.number(),
    open_reports: z.number().int(),
    attention: z.array(z.enum(ATTENTION_REASONS)),
  })
  .meta({ id: 'MyPoint' })
export const MyPointsSchema = z.object({ items: z.array(MyPointSchema) }).meta({ id: 'MyPoints' })
export type MyPoints = z.infer<typeof MyPointsSchema>
