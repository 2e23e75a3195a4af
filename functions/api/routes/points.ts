import { Hono, type Context } from 'hono'
import { stream } from 'hono/streaming'
import { z } from 'zod'
import { getPoint, matchingSites, queryList, queryNearest, type PointHit } from '../../../shared/geo/query.ts'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import { haversineMetres } from '../../../shared/geo/haversine.ts'
import type { PointFilter } from '../../../shared/filters/point-filter.ts'
import { PointsQuerySchema, type PointsQuery } from '../../../shared/schemas/points-query.ts'
import { CursorError, type CursorCodec } from '../cursor.ts'
import { PresentedPointCache } from '../presented-point-cache.ts'
import { problem } from '../problem.ts'
import { stableStringify } from '../../../shared/util/stable-json.ts'
import { honoPath, type ApiRoute } from '../api-route.ts'
import { geoJsonFeature } from '../points-geojson.ts'
import { NoQuerySchema, validRequest } from '../request-validator.ts'

export interface PointsRouteDeps {
  readonly snapshot: () => Snapshot
  readonly cursors: CursorCodec
  readonly now: () => Date
}

/** The typed filter the query engine takes, from the parsed query string. */
function toPointFilter(query: PointsQuery, now: Date): PointFilter {
  return {
    region: query.region,
    province: query.province,
    comune: query.comune,
    services: query.service,
    topics: query.topic,
    kinds: query.kind,
    accessible: query.accessible === true ? true : undefined,
    statuses: query.status,
    openAt: query.open_now ? now : query.open_at,
    q: query.q,
    bbox: query.bbox,
  }
}

/** The filters of a walk, without its position: a cursor only fits the query it came from. */
const fingerprint = (query: PointsQuery): string => stableStringify({ ...query, cursor: undefined })

function readCursor(c: Context, deps: PointsRouteDeps, query: PointsQuery, snapshot: Snapshot) {
  if (!query.cursor) return { ok: true as const, state: undefined }
  try {
    const state = deps.cursors.decode(query.cursor)
    if (state.q !== fingerprint(query)) {
      return { ok: false as const, response: problem(c, 'invalidParameter', 'The cursor belongs to a different query.', [{ field: 'cursor', message: 'belongs to a different query: repeat the same filters, or start without cursor' }]) }
    }
    if (state.offset !== undefined && state.v !== snapshot.registryVersion) {
      return {
        ok: false as const,
        response: problem(c, 'staleCursor', 'The registry changed since this distance-ordered walk began; start again without cursor to get consistent results.', [{ field: 'cursor', message: 'issued for an older registry version' }]),
      }
    }
    return { ok: true as const, state }
  } catch (error) {
    if (error instanceof CursorError) {
      return { ok: false as const, response: problem(c, 'invalidParameter', `The cursor ${error.message}.`, [{ field: 'cursor', message: error.message }]) }
    }
    throw error
  }
}

export const listPointsRoute = { method: 'get', path: '/v1/points', request: { query: PointsQuerySchema } } as const satisfies ApiRoute

export const getPointRoute = {
  method: 'get',
  path: '/v1/points/{id}',
  request: {
    params: z.object({ id: z.string().min(1).max(120).meta({ param: { name: 'id', in: 'path' }, example: 'demo-09-0001' }) }),
    query: NoQuerySchema,
  },
} as const satisfies ApiRoute

export const geoJsonRoute = { method: 'get', path: '/v1/points.geojson', request: { query: PointsQuerySchema } } as const satisfies ApiRoute

export const csvRoute = { method: 'get', path: '/v1/points.csv', request: { query: PointsQuerySchema } } as const satisfies ApiRoute

/** Every (point, site) of an export, nearest first when `near` is given. */
function exportSelection(snapshot: Snapshot, query: PointsQuery, now: Date): PointHit[] {
  const filter = toPointFilter(query, now)
  const rows: PointHit[] = []
  // `location` is where the site matched: inside the bbox, for a mobile unit that is the stop
  // place there, not its base (which may lie outside). Rows are placed and measured from it.
  for (const { point, site, location } of matchingSites(snapshot, filter)) {
    const distance = query.near && location ? haversineMetres(query.near, location) : null
    if (query.radius_km !== undefined && (distance === null || distance > query.radius_km * 1000)) continue
    rows.push({ point, site, location, distance_m: distance === null ? null : Math.round(distance) })
  }
  if (query.near) rows.sort((a, b) => (a.distance_m ?? Infinity) - (b.distance_m ?? Infinity))
  return rows
}

/** Both exports start alike: no cursor (they are never paginated), then the whole selection. */
function exportRequest(c: Context, query: PointsQuery, deps: PointsRouteDeps): { rows: PointHit[]; now: Date } | Response {
  if (query.cursor) return problem(c, 'invalidParameter', 'Exports return the whole selection in one response.', [{ field: 'cursor', message: 'exports are not paginated' }])
  const now = deps.now()
  return { rows: exportSelection(deps.snapshot(), query, now), now }
}

export function pointsRoutes(deps: PointsRouteDeps): Hono {
  const presented = new PresentedPointCache()
  const routes = new Hono()

  routes.get(honoPath(listPointsRoute), validRequest('query', listPointsRoute.request.query), (c) => {
    const query = c.req.valid('query')
    const snapshot = deps.snapshot()
    const now = deps.now()
    const cursor = readCursor(c, deps, query, snapshot)
    if (!cursor.ok) return cursor.response
    const filter = toPointFilter(query, now)
    let hits: PointHit[]
    let nextState: { after?: string; offset?: number } | undefined
    if (query.near) {
      const offset = cursor.state?.offset ?? 0
      hits = queryNearest(snapshot, query.near, filter, { limit: query.limit + 1, offset, radiusKm: query.radius_km })
      if (hits.length > query.limit) nextState = { offset: offset + query.limit }
    } else {
      hits = queryList(snapshot, filter, { limit: query.limit + 1, after: cursor.state?.after })
      if (hits.length > query.limit) nextState = { after: hits[query.limit - 1]!.point.id }
    }
    const page = hits.slice(0, query.limit)
    // The site is named when it was chosen by the query (nearest, or matching a site filter).
    const namesSite = Boolean(query.near || filter.kinds || filter.accessible || filter.bbox)
    const items = page.map((hit) => presented.json(hit.point, now, namesSite ? { site: hit.site, distance_m: hit.distance_m } : undefined))
    const nextCursor = nextState ? deps.cursors.encode({ v: snapshot.registryVersion, q: fingerprint(query), ...nextState }) : null
    // Points arrive as JSON text from the per-minute cache: the page is joined, not re-serialised.
    return c.body(`{"items":[${items.join(',')}],"next_cursor":${JSON.stringify(nextCursor)}}`, 200, {
      'Content-Type': 'application/json; charset=utf-8',
    })
  })

  routes.get(honoPath(getPointRoute), validRequest('query', getPointRoute.request.query), validRequest('param', getPointRoute.request.params), (c) => {
    const { id } = c.req.valid('param')
    const record = getPoint(deps.snapshot(), id)
    if (!record) return problem(c, 'notFound', `No point has id "${id}".`)
    return c.body(presented.json(record, deps.now()), 200, { 'Content-Type': 'application/json; charset=utf-8' })
  })

  routes.get(honoPath(geoJsonRoute), validRequest('query', geoJsonRoute.request.query), (c) => {
    const selection = exportRequest(c, c.req.valid('query'), deps)
    if (selection instanceof Response) return selection
    const { rows, now } = selection
    const features = rows.map((hit) => geoJsonFeature(hit, now)).filter((f) => f !== null)
    return c.body(JSON.stringify({ type: 'FeatureCollection', features }), 200, { 'Content-Type': 'application/geo+json; charset=utf-8' })
  })

  routes.get(honoPath(csvRoute), validRequest('query', csvRoute.request.query), async (c) => {
    const selection = exportRequest(c, c.req.valid('query'), deps)
    if (selection instanceof Response) return selection
    const { rows, now } = selection
    // The CSV writer (and csv-stringify) loads on the first CSV request, not on every cold start.
    const { writeCsv } = await import('../points-csv.ts')
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', 'attachment; filename="punti-facilitazione.csv"')
    return stream(c, (out) => writeCsv(rows, now, out))
  })

  return routes
}
