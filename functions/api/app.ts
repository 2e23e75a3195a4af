import { RecordsUnavailable, TooManyRecordsNeeded } from '../../shared/geo/point-record-store.ts'
import { Hono } from 'hono'
import type { Gazetteer } from '../../shared/gazetteer/create-gazetteer.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { SnapshotSource } from '../snapshot/snapshot-source.ts'
import { createCursorCodec } from './cursor.ts'
import { conditionalGet } from './middleware/conditional-get.ts'
import { originVerify } from './middleware/origin-verify.ts'
import { publicCors } from './middleware/public-cors.ts'
import { jsonLinesToStdout, requestLog, type LogSink } from './middleware/request-log.ts'
import { problem } from './problem.ts'
import { docsRoutes, type DocsAssetReader } from './routes/docs.ts'
import { describeHealthRoutes, healthRoutes, type HealthLimits } from './routes/health.ts'
import { describeAdminPointsRoutes } from './routes/admin-points.ts'
import { describeAdminReportRoutes } from './routes/admin-reports.ts'
import { changesRoutes, describeChangesRoutes } from './routes/changes.ts'
import { coverageRoutes, describeCoverageRoutes } from './routes/coverage.ts'
import { describeReportRoutes } from './routes/reports.ts'
import { describePlacesRoutes, placesRoutes } from './routes/places.ts'
import { describePointsRoutes, pointsRoutes } from './routes/points.ts'
import { describeRegionsRoutes, regionsRoutes } from './routes/regions.ts'
import { pagesRoutes } from './routes/pages.ts'

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

const READ_METHODS = 'GET, HEAD, OPTIONS'

/** Raised inside a handler when no snapshot is loaded yet; answered as a 503 problem. */
class RegistryNotReady extends Error {}

/** Raised by a dependency that has nothing to serve with yet (a secret not loaded): answered as a 503 problem. */
export class NotReadyError extends Error {}

/**
 * The one Hono app: served by @hono/node-server locally and by hono/aws-lambda on AWS. Every
 * request parameter is parsed by the route's zod schema; every failure is problem+json. The
 * OpenAPI document describes the same routes and is built on its first request (./openapi/).
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
  app.use('*', publicCors({ allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag', 'Link'], maxAgeSeconds: 86400 }))
  app.use('/v1/*', conditionalGet({ registryVersion: () => deps.snapshots.current()?.registryVersion, now }))

  app.route('/', healthRoutes({ snapshot, freshness: () => deps.snapshots.freshness(), now, ...deps.health }))
  const cursors = createCursorCodec(deps.cursorSecret)
  app.route('/', pointsRoutes({ snapshot, cursors, now, regionAt: ({ lat, lon }) => deps.gazetteer.nearest(lat, lon).regionIstat || null }))
  app.route('/', changesRoutes({ snapshot, cursors }))
  app.route('/', placesRoutes({ gazetteer: deps.gazetteer }))
  // The gazetteer is read when a route needs it, not here: on Lambda it is parsed on first use.
  const comuni = () => deps.gazetteer.comuni
  app.route('/', regionsRoutes({ snapshot, comuni, now }))
  app.route('/', coverageRoutes({ snapshot, comuni, cursors, now }))
  app.route('/', pagesRoutes({ snapshot, comuni, now, trustSiteOriginHeader: deps.trustSiteOriginHeader === true }))
  app.route('/', docsRoutes({ readAsset: deps.readDocsAsset, describe: [describeHealthRoutes, describePointsRoutes, describeChangesRoutes, describePlacesRoutes, describeRegionsRoutes, describeCoverageRoutes, describeReportRoutes, describeAdminPointsRoutes, describeAdminReportRoutes] }))

  // Every path the read API serves exists for GET, HEAD and OPTIONS only: another method on it is
  // a 405 naming those (RFC 9110 §15.5.6), not a 404 that would say the resource is not there.
  const readPaths = new Set(app.routes.filter((route) => route.method === 'GET').map((route) => route.path))
  for (const path of readPaths) {
    app.all(path, (c) => {
      c.header('Allow', READ_METHODS)
      return problem(c, 'methodNotAllowed', `${c.req.method} is not allowed here: the read API answers ${READ_METHODS}.`)
    })
  }

  app.notFound((c) => problem(c, 'notFound', `Nothing at ${c.req.path}. The API lives under /v1; see /v1/docs.`))
  app.onError((error, c) => {
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
  })
  return app
}
export type App = ReturnType<typeof createApp>
