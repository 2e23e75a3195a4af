import { RecordsUnavailable, TooManyRecordsNeeded } from '../../shared/geo/point-record-store.ts'
import { Hono, type Context } from 'hono'
import type { Gazetteer } from '../../shared/gazetteer/create-gazetteer.ts'
import { positionInArea } from '../../shared/gazetteer/position-in-area.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { SnapshotSource } from '../snapshot/snapshot-source.ts'
import { createCursorCodec } from './cursor.ts'
import { conditionalGet, type ClockGrain } from './middleware/conditional-get.ts'
import { originVerify } from './middleware/origin-verify.ts'
import { publicCors } from './middleware/public-cors.ts'
import { jsonLinesToStdout, requestLog, type LogSink } from './middleware/request-log.ts'
import { problem } from './problem.ts'
import type { DeferredRoutes } from './deferred-routes.ts'
import { answerOtherMethodsOnReadPaths } from './read-paths.ts'
import type { DocsAssetReader } from './routes/docs.ts'
import { healthRoutes, type HealthLimits } from './routes/health.ts'
import { pointsRoutes } from './routes/points.ts'
import { canonicalPath } from './middleware/canonical-path.ts'

export interface AppDeps {
  readonly snapshots: SnapshotSource
  readonly gazetteer: Gazetteer
  /** Secret that signs page cursors; the same on every instance behind one API (a getter when it can rotate). */
  readonly cursorSecret: string | (() => string)
  /**
   * When set, only requests carrying one of these values in `x-origin-verify` are answered: on
   * AWS, the header CloudFront adds, so nobody goes around the edge. Absent locally.
   */
  readonly originSecrets?: () => readonly string[]
  readonly readDocsAsset: DocsAssetReader
  readonly now?: () => Date
  readonly log?: LogSink
  /** When /healthz calls the snapshot stale. */
  readonly health?: HealthLimits
  /** Take the site's origin for canonical addresses from the edge's header (routes/pages.ts): on AWS, behind CloudFront. */
  readonly trustSiteOriginHeader?: boolean
}

/** Raised inside a handler when no snapshot is loaded yet; answered as a 503 problem. */
class RegistryNotReady extends Error {}

/** Raised by a dependency that has nothing to serve with yet (a secret not loaded): answered as a 503 problem. */
export class NotReadyError extends Error {}

/** The read paths whose answers the registry version alone decides, and those that change with the day only (counts of today's hours). */
const CLOCK_FREE_PATHS = /^\/v1\/(?:changes|places|openapi\.json)$/
const DAILY_PATHS = /^\/v1\/(?:regions(?:\.csv)?|coverage(?:\.csv|\/.*)?)$/
const clockGrainOf = (path: string): ClockGrain => (CLOCK_FREE_PATHS.test(path) ? 'none' : DAILY_PATHS.test(path) ? 'day' : 'minute')

/**
 * The one Hono app: served by @hono/node-server locally and by hono/aws-lambda on AWS. Every
 * request parameter is parsed by the route's zod schema; every failure is problem+json. The
 * OpenAPI document describes the same routes and is built on its first request (./openapi/).
 * Only the points and health routes are built with it: the others load on the first request
 * that is not theirs (./deferred-routes.ts), so a cold start that answers a nearest query does
 * not evaluate their modules and schemas.
 */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date())
  const snapshot = (): Snapshot => {
    const current = deps.snapshots.current()
    if (!current) throw new RegistryNotReady()
    return current
  }

  const app = new Hono()
  app.use('*', requestLog({ sink: deps.log ?? jsonLinesToStdout }))
  if (deps.originSecrets) app.use('*', originVerify({ secrets: deps.originSecrets }))
  const cors = publicCors({ allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Link', 'Retry-After'], maxAgeSeconds: 86400 })
  // On AWS a preflight for the operators' API (which has no OPTIONS route) falls through to this
  // function: it must not open those paths to every origin, as it does the public ones.
  app.use('*', (c, next) => (c.req.path.startsWith('/v1/admin/') ? next() : cors(c, next)))
  // After CORS: a browser's fetch() follows the 308 only when the redirect itself allows its origin.
  app.use('*', canonicalPath())
  app.use('/v1/*', conditionalGet({ registryVersion: () => deps.snapshots.current()?.registryVersion, now, clockGrain: clockGrainOf }))

  app.route('/', healthRoutes({ snapshot, freshness: () => deps.snapshots.freshness(), now, ...deps.health }))
  const cursors = createCursorCodec(deps.cursorSecret)
  app.route('/', pointsRoutes({ snapshot, cursors, now, regionAt: ({ lat, lon }) => deps.gazetteer.nearest(lat, lon).regionIstat || null, knowsComune: (istat) => deps.gazetteer.byIstat(istat) !== undefined, positionInArea: (near, area) => positionInArea(deps.gazetteer, near, area), trustSiteOriginHeader: deps.trustSiteOriginHeader === true }))
  answerOtherMethodsOnReadPaths(app)

  const answerError = (error: unknown, c: Context): Response => {
    if (error instanceof RegistryNotReady) return problem(c, 'unavailable', 'The registry is still loading; retry in a few seconds.')
    if (error instanceof NotReadyError) return problem(c, 'unavailable', `${error.message}; retry in a few seconds.`)
    // A registry too large to hold whole keeps its records in S3 (ranged-record-store.ts).
    if (error instanceof RecordsUnavailable) {
      c.header('Retry-After', '5')
      return problem(c, 'recordsUnavailable', 'The points this answer needs could not be read from storage; retry in a few seconds.')
    }
    if (error instanceof TooManyRecordsNeeded) {
      return problem(c, 'queryTooBroad', 'Answering this needs more of the registry than one answer reads: narrow it with region, province, comune, bbox, or near with radius_km.')
    }
    ;(deps.log ?? jsonLinesToStdout)({ level: 'error', msg: 'unhandled', path: c.req.path, error: error instanceof Error ? error.stack : String(error) })
    return problem(c, 'internal', 'Something went wrong on our side; it has been logged.')
  }

  // Every path no route of this app takes (nor one added to it later: the local server's files)
  // goes to the deferred routes, loaded once (again after a failed load); they answer 405 on
  // their own paths and 404 where nothing is served.
  let deferred: Promise<DeferredRoutes> | undefined
  const loadDeferred = (): Promise<DeferredRoutes> => {
    const loading = import('./deferred-routes.ts').then(({ deferredRoutes }) =>
      deferredRoutes({ snapshot, cursors, now, gazetteer: deps.gazetteer, readDocsAsset: deps.readDocsAsset, trustSiteOriginHeader: deps.trustSiteOriginHeader === true, answerError }),
    )
    loading.catch(() => {
      if (deferred === loading) deferred = undefined
    })
    return loading
  }
  app.notFound(async (c: Context) => {
    // A failed load is answered here, not by onError: the not-found handler runs inside the last
    // middleware's next(), so an error left to rise would skip that middleware's headers. (What
    // the routes throw, the deferred app answers itself with the same answerError.)
    try {
      return await (await (deferred ??= loadDeferred())).fetch(c.req.raw, c.env)
    } catch (error) {
      return answerError(error, c)
    }
  })

  app.onError(answerError)
  return app
}
export type App = ReturnType<typeof createApp>
