import { Hono } from 'hono'
import type { Registry } from '../../shared/registry-port.ts'
import type { VerifyAccessToken } from '../auth/access-tokens.ts'
import { originVerify } from './middleware/origin-verify.ts'
import { jsonLinesToStdout, requestLog, type LogSink } from './middleware/request-log.ts'
import { problem } from './problem.ts'
import { adminPointsRoutes } from './routes/admin-points.ts'

export interface AdminAppDeps {
  readonly registry: Registry
  readonly verifyToken: VerifyAccessToken
  readonly now?: () => Date
  readonly log?: LogSink
  /** As on the read app: on AWS only requests that came through CloudFront are answered. */
  readonly originSecrets?: () => readonly string[]
  readonly onWrite?: () => void
}

/**
 * The operators' app, everything under /v1/admin/: its own Lambda on AWS (the only one allowed to
 * write the table), mounted beside the read app by `npm start`. Same conventions as the read app:
 * problem+json for every failure, one JSON log line per request.
 */
export function createAdminApp(deps: AdminAppDeps) {
  const log = deps.log ?? jsonLinesToStdout
  const app = new Hono()
  app.use('*', requestLog({ sink: log }))
  if (deps.originSecrets) app.use('*', originVerify({ secrets: deps.originSecrets }))
  app.route('/', adminPointsRoutes({ registry: deps.registry, verifyToken: deps.verifyToken, now: deps.now ?? (() => new Date()), onWrite: deps.onWrite }))

  // A method a path does not take is a 405 naming those it does (RFC 9110 §15.5.6).
  const methodsByPath = new Map<string, Set<string>>()
  for (const route of app.routes) if (route.method !== 'ALL') methodsByPath.set(route.path, (methodsByPath.get(route.path) ?? new Set()).add(route.method))
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods].join(', ')
    app.all(path, (c) => {
      c.header('Allow', allow)
      return problem(c, 'methodNotAllowed', `${c.req.method} is not allowed here: this path answers ${allow}.`)
    })
  }
  app.notFound((c) => problem(c, 'notFound', `Nothing at ${c.req.path}. The operators' API is described at /v1/docs (tag "operators").`))
  app.onError((error, c) => {
    log({ level: 'error', msg: 'unhandled', path: c.req.path, error: error instanceof Error ? error.stack : String(error) })
    return problem(c, 'internal', 'Something went wrong on our side; it has been logged.')
  })
  return app
}
export type AdminApp = ReturnType<typeof createAdminApp>
