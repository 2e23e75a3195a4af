import { OpenAPIHono } from '@hono/zod-openapi'
import { cors } from 'hono/cors'
import type { Gazetteer } from '../../shared/gazetteer/create-gazetteer.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { SnapshotSource } from '../snapshot/snapshot-source.ts'
import { createCursorCodec } from './cursor.ts'
import { conditionalGet } from './middleware/conditional-get.ts'
import { jsonLinesToStdout, requestLog, type LogSink } from './middleware/request-log.ts'
import { fieldErrors, problem } from './problem.ts'
import { repairNullableRefs } from './repair-nullable-refs.ts'
import { docsPageRoute, docsRoutes, openApiDocumentRoute, type DocsAssetReader } from './routes/docs.ts'
import { healthRoutes } from './routes/health.ts'
import { placesRoutes } from './routes/places.ts'
import { pointsRoutes } from './routes/points.ts'
import { regionsRoutes } from './routes/regions.ts'

export interface AppDeps {
  readonly snapshots: SnapshotSource
  readonly gazetteer: Gazetteer
  /** Secret that signs page cursors; the same on every instance behind one API. */
  readonly cursorSecret: string
  readonly readDocsAsset: DocsAssetReader
  readonly now?: () => Date
  readonly log?: LogSink
}

export const API_VERSION = '1.0.0'

/** Raised inside a handler when no snapshot is loaded yet; answered as a 503 problem. */
class RegistryNotReady extends Error {}

/**
 * The one Hono app: served by @hono/node-server locally and by hono/aws-lambda on AWS. Every
 * request parameter is parsed by the route's zod schema; every failure is problem+json.
 */
export function createApp(deps: AppDeps) {
  const now = deps.now ?? (() => new Date())
  const snapshot = (): Snapshot => {
    const current = deps.snapshots.current()
    if (!current) throw new RegistryNotReady()
    return current
  }

  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const sent = new Map<string, number>()
        for (const key of new URL(c.req.url).searchParams.keys()) sent.set(key, (sent.get(key) ?? 0) + 1)
        if (result.target === 'param') for (const key of Object.keys(c.req.param())) sent.set(key, 1)
        const errors = fieldErrors(result.error, sent)
        return problem(c, 'invalidParameter', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors)
      }
    },
  })

  app.use('*', requestLog({ sink: deps.log ?? jsonLinesToStdout }))
  app.use('*', cors({ origin: '*', allowMethods: ['GET', 'HEAD', 'OPTIONS'], exposeHeaders: ['ETag'], maxAge: 86400 }))
  app.use('/v1/*', conditionalGet({ registryVersion: () => deps.snapshots.current()?.registryVersion, now }))

  app.openapiRoutes(healthRoutes({ snapshot }))
  app.openapiRoutes(pointsRoutes({ snapshot, cursors: createCursorCodec(deps.cursorSecret), now }))
  app.openapiRoutes(placesRoutes({ gazetteer: deps.gazetteer }))
  app.openapiRoutes(regionsRoutes({ snapshot }))
  app.route('/', docsRoutes({ readAsset: deps.readDocsAsset }))
  app.openAPIRegistry.registerPath(docsPageRoute)
  app.openAPIRegistry.registerPath(openApiDocumentRoute)

  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'PuntoVicino API',
      version: API_VERSION,
      description:
        "Open API of Italy's punti di facilitazione digitale (PNRR Misura 1.7.2): nearest points, filters, opening hours in Europe/Rome. Errors are RFC 9457 problem+json.",
      license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
    },
    tags: [
      { name: 'points', description: 'Facilitation points' },
      { name: 'exports', description: 'The same selection as GeoJSON or CSV' },
      { name: 'places', description: 'Comuni and regions' },
      { name: 'meta', description: 'Service health, this document and its interactive reference' },
    ],
  }
  // Generated once, on first request: the routes are all registered by then and never change.
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined
  app.get('/v1/openapi.json', (c) => c.json((document ??= repairNullableRefs(app.getOpenAPI31Document(documentConfig)))))

  app.notFound((c) => problem(c, 'notFound', `Nothing at ${c.req.path}. The API lives under /v1; see /v1/docs.`))
  app.onError((error, c) => {
    if (error instanceof RegistryNotReady) return problem(c, 'unavailable', 'The registry is still loading; retry in a few seconds.')
    ;(deps.log ?? jsonLinesToStdout)({ level: 'error', msg: 'unhandled', path: c.req.path, error: error instanceof Error ? error.stack : String(error) })
    return problem(c, 'internal', 'Something went wrong on our side; it has been logged.')
  })
  return app
}
export type App = ReturnType<typeof createApp>
