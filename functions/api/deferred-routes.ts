import { Hono, type Context } from 'hono'
import type { Gazetteer } from '../../shared/gazetteer/create-gazetteer.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { CursorCodec } from './cursor.ts'
import { answerOtherMethodsOnReadPaths, nothingHere } from './read-paths.ts'
import { describeAdminPointsRoutes } from './routes/admin-points.ts'
import { describeAdminReportRoutes } from './routes/admin-reports.ts'
import { changesRoutes, describeChangesRoutes } from './routes/changes.ts'
import { coverageRoutes, describeCoverageRoutes } from './routes/coverage.ts'
import { docsRoutes, type DocsAssetReader } from './routes/docs.ts'
import { describeHealthRoutes } from './routes/health.ts'
import { pagesRoutes } from './routes/pages.ts'
import { describePlacesRoutes, placesRoutes } from './routes/places.ts'
import { describePointsRoutes } from './routes/points.ts'
import { describeRegionsRoutes, regionsRoutes } from './routes/regions.ts'
import { describeReportRoutes } from './routes/reports.ts'

export interface DeferredRouteDeps {
  readonly snapshot: () => Snapshot
  readonly cursors: CursorCodec
  readonly now: () => Date
  readonly gazetteer: Gazetteer
  readonly readDocsAsset: DocsAssetReader
  readonly trustSiteOriginHeader: boolean
  /** The main app's answer to an error, given here so that the routes' own middleware (the pages' headers) still runs after it. */
  readonly answerError: (error: unknown, c: Context) => Response
}

/**
 * The read API's routes beyond points and health, as one app that the main one (app.ts) builds
 * on the first request for any other path and hands every such request to. The main app's
 * middleware has run by then (log, origin check, CORS, conditional GET); what these routes throw
 * is answered with the main app's own `answerError`, inside this app, so that middleware of
 * theirs (the pages' security headers) still runs after it.
 */
export function deferredRoutes(deps: DeferredRouteDeps) {
  const { snapshot, cursors, now } = deps
  // The gazetteer is read when a route needs it, not here: on Lambda it is parsed on first use.
  const comuni = () => deps.gazetteer.comuni
  const app = new Hono()
  app.route('/', changesRoutes({ snapshot, cursors }))
  app.route('/', placesRoutes({ gazetteer: deps.gazetteer }))
  app.route('/', regionsRoutes({ snapshot, comuni, now }))
  app.route('/', coverageRoutes({ snapshot, comuni, cursors, now }))
  app.route('/', pagesRoutes({ snapshot, comuni, now, trustSiteOriginHeader: deps.trustSiteOriginHeader }))
  app.route('/', docsRoutes({ readAsset: deps.readDocsAsset, describe: [describeHealthRoutes, describePointsRoutes, describeChangesRoutes, describePlacesRoutes, describeRegionsRoutes, describeCoverageRoutes, describeReportRoutes, describeAdminPointsRoutes, describeAdminReportRoutes] }))
  answerOtherMethodsOnReadPaths(app)
  app.notFound(nothingHere)
  app.onError(deps.answerError)
  return app
}
export type DeferredRoutes = ReturnType<typeof deferredRoutes>
