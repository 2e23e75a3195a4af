import { z } from 'zod'

/** `/healthz`: liveness and freshness of the snapshot being served (docs/API.md). */
export const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'stale']).meta({ description: 'ok; degraded (serving, but some stored items are invalid or the last check failed); stale (answered with 503)' }),
    registry_version: z.number().int().meta({ description: 'The registry version the snapshot being served was built from' }),
    points: z.number().int(),
    sites: z.number().int(),
    snapshot_built_at: z.string(),
    snapshot_age_s: z.number().int(),
    source_version: z.number().int().nullable().meta({ description: "The registry version its source of truth was last seen at (the table locally; on AWS the indexer's published pointer)" }),
    source_checked_at: z.string().nullable(),
    behind_since: z.string().nullable().meta({ description: 'Since when the snapshot has been behind its source or unable to reach it; null when up to date' }),
    last_error: z.string().nullable(),
    invalid_items: z.number().int().meta({ description: 'Stored items left out of the snapshot because they are not valid points' }),
    problems: z.array(z.string()),
  })
  .meta({ id: 'Health' })
export type Health = z.infer<typeof HealthSchema>
