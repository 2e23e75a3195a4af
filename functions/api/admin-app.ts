import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { randomBytes } from 'node:crypto'
import type { Gazetteer } from '../../shared/gazetteer/create-gazetteer.ts'
import type { Registry } from '../../shared/registry-port.ts'
import type { Reports } from '../../shared/reports-port.ts'
import type { VerifyAccessToken } from '../auth/access-tokens.ts'
import { operatorAuth } from './middleware/operator-auth.ts'
import { originVerify } from './middleware/origin-verify.ts'
import { publicCors } from './middleware/public-cors.ts'
import { jsonLinesToStdout, requestLog, type LogSink } from './middleware/request-log.ts'
import { problem } from './problem.ts'
import { adminPointsRoutes } from './routes/admin-points.ts'
import { adminReportRoutes } from './routes/admin-reports.ts'
import { reportRoutes } from './routes/reports.ts'

/** What the citizens' reports need: the point they are about, the reports, the caller's address. */
export interface ReportsAppDeps {
  readonly registry: Pick<Registry, 'getPoint'>
  readonly reports: Reports
  /** The caller's address, for the reports' rate limit (keyed-hashed, never stored). */
  readonly clientAddress: (c: Context) => string
  /** Keys that hash. @default a random key per process (counters then reset with it) */
  readonly clientKeySecret?: () => string
  readonly now?: () => Date
  readonly log?: LogSink
  /** As on the read app: on AWS only requests that came through CloudFront are answered. */
  readonly originSecrets?: () => readonly string[]
}

/** The operators' API besides: the whole registry, their tokens, the comuni written points are checked against. */
export interface OperatorsAppDeps extends Omit<ReportsAppDeps, 'registry' | 'clientAddress' | 'clientKeySecret'> {
  readonly registry: Registry
  readonly verifyToken: VerifyAccessToken
  readonly onWrite?: () => void
  /** The ISTAT comuni, which written points are checked against (read on the first write). */
  readonly gazetteer: Gazetteer
}

export type AdminAppDeps = OperatorsAppDeps & ReportsAppDeps & { readonly registry: Registry }

const MAX_ADMIN_BODY_BYTES = 256 * 1024

/**
 * The write side, in two parts with one set of conventions (problem+json for every failure, one
 * JSON log line per request): the citizens' reports (`/v1/points/{id}/reports`, public) and the
 * operators' API (`/v1/admin/`, signed in). On AWS each is its own function, so the public one
 * holds no permission to change the registry (`createReportsApp`, `createOperatorsApp`);
 * `npm start` mounts both in one (`createAdminApp`) beside the read app.
 */
export const createReportsApp = (deps: ReportsAppDeps) => writeApp(deps, (app, now) => mountReports(app, deps, now))
export const createOperatorsApp = (deps: OperatorsAppDeps) => writeApp(deps, (app, now) => mountOperators(app, deps, now))
export const createAdminApp = (deps: AdminAppDeps) =>
  writeApp(deps, (app, now) => {
    mountReports(app, deps, now)
    mountOperators(app, deps, now)
  })

function mountReports(app: Hono, deps: ReportsAppDeps, now: () => Date): void {
  const processKey = randomBytes(32).toString('base64url')
  // The widget files reports from the sites that embed it: any origin, this method and body type only.
  app.use('/v1/points/*', publicCors({ allowMethods: ['GET', 'POST', 'OPTIONS'], allowHeaders: ['Content-Type'], exposeHeaders: ['Location', 'Retry-After'], maxAgeSeconds: 86400 }))
  app.route('/', reportRoutes({ registry: deps.registry, reports: deps.reports, now, clientAddress: deps.clientAddress, clientKeySecret: deps.clientKeySecret ?? (() => processKey) }))
}

function mountOperators(app: Hono, deps: OperatorsAppDeps, now: () => Date): void {
  app.use('/v1/admin/*', bodyLimit({ maxSize: MAX_ADMIN_BODY_BYTES, onError: (c) => problem(c, 'invalidParameter', `The body is over ${MAX_ADMIN_BODY_BYTES / 1024} KB.`, [{ field: '(body)', message: 'too large' }]) }))
  app.use('/v1/admin/*', operatorAuth(deps.verifyToken))
  app.route('/', adminPointsRoutes({ registry: deps.registry, reports: deps.reports, now, onWrite: deps.onWrite, gazetteer: deps.gazetteer }))
  app.route('/', adminReportRoutes({ reports: deps.reports, registry: deps.registry, now }))
}

function writeApp(deps: Pick<ReportsAppDeps, 'log' | 'originSecrets' | 'now'>, mount: (app: Hono, now: () => Date) => void) {
  const log = deps.log ?? jsonLinesToStdout
  const app = new Hono()
  app.use('*', requestLog({ sink: log }))
  if (deps.originSecrets) app.use('*', originVerify({ secrets: deps.originSecrets }))
  mount(app, deps.now ?? (() => new Date()))

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
