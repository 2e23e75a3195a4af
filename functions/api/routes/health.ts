import { Hono } from 'hono'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import { honoPath, type ApiRoute } from '../api-route.ts'
import type { Health } from '../openapi/health-openapi.ts'

export const healthRoute = { method: 'get', path: '/healthz' } as const satisfies ApiRoute

export function healthRoutes(deps: { snapshot: () => Snapshot }): Hono {
  const routes = new Hono()
  routes.get(honoPath(healthRoute), (c) => {
    const s = deps.snapshot()
    c.header('Cache-Control', 'no-store')
    const health: Health = { status: 'ok', registry_version: s.registryVersion, points: s.pointCount, sites: s.siteCount, snapshot_built_at: s.builtAt }
    return c.json(health, 200)
  })
  return routes
}
