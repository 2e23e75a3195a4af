import { Hono } from 'hono'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import type { SnapshotFreshness } from '../../snapshot/snapshot-source.ts'
import type { Health } from '../../../shared/schemas/health-view.ts'
import { honoPath, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import { NoQuerySchema, validRequest } from '../request-validator.ts'

export const healthRoute = { method: 'get', path: '/healthz', request: { query: NoQuerySchema } } as const satisfies ApiRoute

export interface HealthLimits {
  /** Behind the source of truth (or unable to reach it) for longer than this: stale, 503. @default 60 s */
  readonly staleAfterMs?: number
  /**
   * A snapshot older than this is stale even if the source says nothing changed: it is rebuilt at
   * least daily (mobile units' upcoming stops count from the build date). @default 26 h
   */
  readonly maxSnapshotAgeMs?: number
}

export interface HealthDeps extends HealthLimits {
  readonly snapshot: () => Snapshot
  readonly freshness: () => SnapshotFreshness
  readonly now: () => Date
}

/**
 * Liveness and freshness. The API keeps serving its last good snapshot whatever happens to the
 * registry, so "up" is not enough: this says how far behind that snapshot is, and answers 503
 * once it has been behind (or cut off from its source) past the limit, so a monitor can page.
 * Items left out of the snapshot as invalid make it `degraded`: the data needs a human, the
 * service still works.
 */
export function healthRoutes({ snapshot, freshness, now, staleAfterMs = 60_000, maxSnapshotAgeMs = 26 * 3_600_000 }: HealthDeps): Hono {
  const routes = new Hono()
  routes.get(honoPath(healthRoute), validRequest('query', healthRoute.request.query), (c) => {
    const s = snapshot()
    const f = freshness()
    const at = now()
    const ageMs = at.getTime() - Date.parse(s.builtAt)
    const behindMs = f.behindSince ? at.getTime() - f.behindSince.getTime() : 0
    const problems: string[] = []
    if (f.behindSince && behindMs > staleAfterMs) {
      problems.push(
        f.lastError
          ? `the registry has not been reachable for ${Math.round(behindMs / 1000)} s (${f.lastError})`
          : `the snapshot (version ${s.registryVersion}) has been behind the registry (version ${f.sourceVersion}) for ${Math.round(behindMs / 1000)} s`,
      )
    }
    if (ageMs > maxSnapshotAgeMs) problems.push(`the snapshot was built ${Math.round(ageMs / 3_600_000)} h ago (limit ${Math.round(maxSnapshotAgeMs / 3_600_000)} h)`)
    const stale = problems.length > 0
    if (s.invalidItems > 0) problems.push(`${s.invalidItems} stored items are not valid points and are left out (see the logs for their keys)`)
    const status = stale ? 'stale' : problems.length > 0 || f.lastError ? 'degraded' : 'ok'
    const health: Health = {
      status,
      registry_version: s.registryVersion,
      points: s.pointCount,
      sites: s.siteCount,
      snapshot_built_at: s.builtAt,
      snapshot_age_s: Math.max(0, Math.round(ageMs / 1000)),
      source_version: f.sourceVersion,
      source_checked_at: f.checkedAt?.toISOString() ?? null,
      behind_since: f.behindSince?.toISOString() ?? null,
      last_error: f.lastError,
      invalid_items: s.invalidItems,
      problems,
    }
    c.header('Cache-Control', 'no-store')
    return c.json(health, stale ? 503 : 200)
  })
  return routes
}

export const describeHealthRoutes: DescribeRoutes = async () => {
  const { HealthSchema } = await import('../../../shared/schemas/health-view.ts')
  return [
    {
      ...healthRoute,
      tags: ['meta'],
      summary: "Liveness and freshness: the snapshot's version and size against the registry's",
      responses: {
        200: { content: { 'application/json': { schema: HealthSchema } }, description: 'Serving a snapshot that is up to date (ok) or usable (degraded)' },
        503: { content: { 'application/json': { schema: HealthSchema } }, description: 'Serving a snapshot that has been behind the registry past the limit (stale)' },
      },
    },
  ]
}
