import { z } from 'zod'
import { limitParameter } from './query-values.ts'

/** `GET /v1/changes`: the change feed for apps that copy the registry (docs/API.md, "Change feed"). */
export const ChangesQuerySchema = z
  .object({
    since: z.string().min(1).max(400).optional().meta({ description: 'The next_cursor of the previous page; absent: from the start' }),
    limit: limitParameter(500, 100, 'Changes per page'),
  })
  .strict()

export const ChangeSchema = z
  .object({
    id: z.string(),
    version: z.number().int().min(1).meta({ description: "The point's current version: fetch /v1/points/{id} for its content" }),
    change: z.enum(['created', 'changed', 'closed']).meta({ description: 'created: version 1; closed: its status is closed; changed: anything else' }),
    changed_at: z.iso.datetime({ offset: true }).meta({ description: 'When that version was stored (updated_at)' }),
  })
  .meta({ id: 'Change' })

export const ChangesPageSchema = z
  .object({
    items: z.array(ChangeSchema),
    next_cursor: z.string().meta({ description: 'Always present: pass it as since for the next page, now or later' }),
    more: z.boolean().meta({ description: 'true: more changes are ready now; false: poll again later with next_cursor' }),
  })
  .meta({ id: 'ChangesPage' })
export type ChangesPage = z.infer<typeof ChangesPageSchema>
