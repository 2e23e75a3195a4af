import { z } from 'zod'
import { CHANGE_KINDS } from '../registry/point-changes.ts'
import { PointRecordSchema } from './point.ts'

/** `GET /v1/admin/points/{id}/history`: a point's versions, newest first. */
export const HistoryEntrySchema = z
  .object({
    id: z.string(),
    version: z.number().int().min(1),
    at: z.iso.datetime({ offset: true }),
    author: z.object({ id: z.string(), name: z.string() }).meta({ description: 'The OpenID subject and e-mail of who wrote it, or the process that imported it' }),
    change: z.enum(CHANGE_KINDS),
    changed: z.array(z.string()).meta({ description: 'Top-level fields that differ from the version before' }),
    reason: z.string().nullable(),
    record: PointRecordSchema,
  })
  .meta({ id: 'HistoryEntry' })

export const HistorySchema = z.object({ id: z.string(), versions: z.array(HistoryEntrySchema) }).meta({ id: 'History' })
export type HistoryView = z.infer<typeof HistorySchema>
