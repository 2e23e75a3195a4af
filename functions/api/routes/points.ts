import type { RouteConfig } from '@hono/zod-openapi'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { matchingPlaces, nearestPlaces, placeIdOf, pointById, queryList, queryNearest, type PlaceRow, type PointHit } from '../../../shared/geo/query.ts'
import { withRecords } from '../../../shared/geo/point-record-store.ts'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import type { PointFilter } from '../../../shared/filters/point-filter.ts'
import { asksOnlineOnly, EXPORT_PAGE, ExportQuerySchema, PointsQuerySchema, type ExportQuery, type PointsQuery } from '../../../shared/schemas/points-query.ts'
import { CursorError, type CursorCodec, type CursorState } from '../cursor.ts'
import { PresentedPointCache } from '../presented-point-cache.ts'
import { problem } from '../problem.ts'
import { fnv1a } from '../../../shared/util/fnv1a.ts'
import { normalizeText } from '../../../shared/filters/text-query.ts'
import { honoPath, problemResponse, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import { ExportRowCache, renderExport, type ExportFormat } from '../../exports/export-format.ts'
import { geoJsonFormat } from '../../exports/geojson-export.ts'
import { badParameters, NoQuerySchema, validRequest } from '../request-validator.ts'
import { pointCalendar } from '../calendar/point-calendar.ts'
import { PointIdParams } from '../path-params.ts'
import { siteOriginOf } from '../site-origin.ts'
import type { Area } from '../../../shared/gazetteer/position-in-area.ts'

export interface PointsRouteDeps {
  readonly snapshot: () => Snapshot
  /** The ISTAT region of the comune nearest a position (the gazetteer's), for online help near there. */
  readonly regionAt: (near: { lat: number; lon: number }) => string | null
  /** Whether an ISTAT code names a comune of the gazetteer. */
  readonly knowsComune: (istat: string) => boolean
  /** Whether a position lies in (or at the edge of) a region, province or comune: position-in-area.ts. */
  readonly positionInArea: (near: { lat: number; lon: number }, area: Area) => boolean
  /** Links to the site (a calendar's to its point's page) take the edge's origin header: see site-origin.ts. */
  readonly trustSiteOriginHeader?: boolean
  readonly cursors: CursorCodec
  readonly now: () => Date
}

/** The typed filter the query engine takes, from the parsed query string. */
function toPointFilter(query: PointsQuery | ExportQuery, now: Date): PointFilter {
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

/**
 * A comune code of the right shape that names no comune ("048099", a typo): a 400 naming it, not
 * an empty answer that reads as "no help in your comune". Null when the query has none or a known one.
 */
function unknownComune(c: Context, query: PointsQuery | ExportQuery, deps: PointsRouteDeps): Response | null {
  if (query.comune === undefined || deps.knowsComune(query.comune)) return null
  return badParameters(c, [{ field: 'comune', message: 'names no comune: give the six-digit ISTAT code of a current comune, e.g. 048017 (Firenze)' }])
}

/**
 * Help online has no distance: with `near`, `kind=online` alone means the online help of the
 * region of the comune nearest `near` (the remote help offered to a citizen there), in id order.
 * The filter for that walk, or null when the query is not one; the list and its exports alike.
 */
function remoteHelpFilter(query: PointsQuery | ExportQuery, filter: PointFilter, deps: PointsRouteDeps): PointFilter | null {
  if (!query.near || !asksOnlineOnly(filter.kinds)) return null
  return { ...filter, region: filter.region ?? deps.regionAt(query.near) ?? undefined }
}

/**
 * The filters of a walk, without its position, hashed: a cursor only fits the query it came from,
 * and a walk of points never continues as a walk of export rows (their positions mean other
 * things). The parsed query's keys come in its schema's order whatever order the URL gave them
 * (zod builds its output from the shape; a test walks with the parameters reordered), so its
 * JSON is canonical without sorting. A hash keeps the cursor short and cheap to sign; two queries
 * that collided would only let a client continue one walk with the other's filters, which gives
 * a valid page of the other query.
 */
type Walk = 'points' | 'rows'
function fingerprint(query: PointsQuery | ExportQuery, walk: Walk): string {
  return `${walk}:${fnv1a(JSON.stringify(sameWalkFilters(query))).toString(36)}`
}

/**
 * The filters as the walk reads them, so that the same filters written otherwise continue it: a
 * list's items in any order (`kind=mobile,fixed`), a default spelt out (`status=active`,
 * `open_now=false`, `accessible=false`), `q` in other capitals or accents. The page size and the
 * representation do not change the walk either: a client may change them between pages.
 */
function sameWalkFilters(query: PointsQuery | ExportQuery): Record<string, unknown> {
  const filters = walkFilters(query)
  const sorted = (list: readonly string[] | undefined) => (list ? [...list].sort() : undefined)
  const status = sorted(filters.status)
  return {
    ...filters,
    service: sorted(filters.service),
    topic: sorted(filters.topic),
    kind: sorted(filters.kind),
    status: status?.join(',') === 'active' ? undefined : status,
    open_now: filters.open_now === true ? true : undefined,
    accessible: filters.accessible === true ? true : undefined,
    q: filters.q === undefined ? undefined : normalizeText(filters.q),
  }
}

/** The fingerprint before its filters were read as the walk reads them (sameWalkFilters): a walk begun then goes on. */
function fingerprintUnnormalized(query: PointsQuery | ExportQuery, walk: Walk): string {
  return `${walk}:${fnv1a(JSON.stringify(walkFilters(query))).toString(36)}`
}

/** The query without what does not change the walk: its position, the page size, the representation. */
function walkFilters(query: PointsQuery | ExportQuery) {
  const { cursor: _position, limit: _size, ...rest } = query
  const { view: _representation, ...filters } = 'view' in rest ? rest : { ...rest, view: undefined }
  return filters
}

/**
 * The fingerprint cursors carried until 2026-12-07, page size and view included: a walk that began
 * before an upgrade goes on after it, with the same query, instead of a 400 halfway. Cursors live
 * as long as a client keeps walking; this can go once no deployment issues the old ones.
 */
function fingerprintBefore20261207(query: PointsQuery | ExportQuery, walk: Walk): string {
  const { cursor: _position, ...filters } = query
  return `${walk}:${fnv1a(JSON.stringify(filters)).toString(36)}`
}

function readCursor(c: Context, deps: PointsRouteDeps, query: PointsQuery | ExportQuery, walk: Walk, snapshot: Snapshot) {
  if (!query.cursor) return { ok: true as const, state: undefined }
  try {
    const state = deps.cursors.decode(query.cursor)
    if (state.q !== fingerprint(query, walk) && state.q !== fingerprintUnnormalized(query, walk) && state.q !== fingerprintBefore20261207(query, walk)) {
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

const CALENDAR_ID = /^[a-z0-9][a-z0-9-]{2,119}$/
const CALENDAR_ID_MESSAGE = 'must be a point id (followed by .ics in the path)'

/**
 * The document describes `{id}` as the point's id, the `.ics` outside it (a generated client or the
 * interactive reference put `demo-09-0001.ics` in its place and asked for `….ics.ics`); the router
 * hands the whole last segment, which CalendarSegmentParams reads back to the id.
 */
export const calendarRoute = {
  method: 'get',
  path: '/v1/points/{id}.ics',
  request: {
    params: z.object({ id: z.string().regex(CALENDAR_ID, CALENDAR_ID_MESSAGE).meta({ param: { name: 'id', in: 'path' }, example: 'demo-09-0001' }) }),
    query: NoQuerySchema,
  },
} as const satisfies ApiRoute

const CalendarSegmentParams = z.object({ id: z.string().transform((segment) => segment.slice(0, -'.ics'.length)).pipe(z.string().regex(CALENDAR_ID, CALENDAR_ID_MESSAGE)) })

export const listPointsRoute = { method: 'get', path: '/v1/points', request: { query: PointsQuerySchema } } as const satisfies ApiRoute

export const getPointRoute = {
  method: 'get',
  path: '/v1/points/{id}',
  request: {
    params: PointIdParams,
    query: NoQuerySchema,
  },
} as const satisfies ApiRoute

export const geoJsonRoute = { method: 'get', path: '/v1/points.geojson', request: { query: ExportQuerySchema } } as const satisfies ApiRoute

export const csvRoute = { method: 'get', path: '/v1/points.csv', request: { query: ExportQuerySchema } } as const satisfies ApiRoute

/** An export row: a matched site at one of its places, as the formats write it. */
type ExportRow = PointHit & Pick<PlaceRow, 'siteIndex' | 'placeIndex'>

/**
 * The rows of an export from where its cursor left off: (point, site, place) in id, site and
 * place order, or nearest first with `near`, each row measured to its own place (a mobile unit's
 * stop, not its base), within `radius_km`.
 */
function exportRows(snapshot: Snapshot, query: ExportQuery, filter: PointFilter, near: ExportQuery['near'], cursor: CursorState | undefined): Iterable<ExportRow> {
  const asRow = ({ point, site, siteIndex, placeIndex, place }: PlaceRow, distance: number | null): ExportRow => ({
    point,
    site,
    siteIndex,
    placeIndex,
    location: place?.location ?? null,
    ...(place ? { place } : {}),
    distance_m: distance === null ? null : Math.round(distance),
  })
  if (!near) {
    const after = cursor?.after === undefined ? undefined : { pointId: cursor.after, siteIndex: cursor.site ?? -1, placeIndex: cursor.place ?? -1, siteId: cursor.sid, placeId: cursor.pid }
    return map(matchingPlaces(snapshot, filter, { after }), (row) => asRow(row, null))
  }
  return map(nearestPlaces(snapshot, filter, near, { radiusKm: query.radius_km, offset: cursor?.offset ?? 0 }), (row) => asRow(row, row.metres))
}

function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Iterable<U> {
  for (const item of items) yield f(item)
}

/** The CSV writer loads on the first CSV request, not on every cold start; one load however many requests ask at once. */
let csvFormatLoading: Promise<ExportFormat> | undefined
const csvFormatLoaded = (): Promise<ExportFormat> => (csvFormatLoading ??= import('../../exports/csv-export.ts').then((module) => module.csvFormat))

/**
 * One page of an export: at most `limit` rows and EXPORT_PAGE.maxBytes, so it fits one Lambda
 * response whatever the registry's size; the next page is named by a `Link: rel="next"` header
 * (and, in GeoJSON, by `next_cursor`). Whole-registry files are under /opendata/ instead.
 */
async function answerExport(c: Context, query: ExportQuery, formatName: 'csv' | 'geojson', deps: PointsRouteDeps, rowCache: ExportRowCache): Promise<Response> {
  const refused = unknownComune(c, query, deps)
  if (refused) return refused
  const snapshot = deps.snapshot()
  const now = deps.now()
  const cursor = readCursor(c, deps, query, 'rows', snapshot)
  if (!cursor.ok) return cursor.response
  const format = formatName === 'csv' ? await csvFormatLoaded() : geoJsonFormat
  const fingerprintOfQuery = fingerprint(query, 'rows')
  const filter = toPointFilter(query, now)
  const remote = remoteHelpFilter(query, filter, deps)
  // Rows by distance, or (no `near`, or remote help) in id order.
  const near = remote ? undefined : query.near
  // Inside withRecords: on a registry whose records stay in S3 the rows' records are fetched first.
  const page = await withRecords(snapshot.records, () => renderExport(format, exportRows(snapshot, query, remote ?? filter, near, cursor.state), {
    at: now,
    limit: query.limit,
    maxBytes: EXPORT_PAGE.maxBytes,
    rowCache,
    nextCursor: (last, passed) =>
      deps.cursors.encode(
        near
          ? { v: snapshot.registryVersion, q: fingerprintOfQuery, offset: (cursor.state?.offset ?? 0) + passed }
          : { v: snapshot.registryVersion, q: fingerprintOfQuery, after: last.point.id, site: (last as ExportRow).siteIndex, place: (last as ExportRow).placeIndex, sid: last.site.id, pid: placeIdOf(last.place) },
      ),
  }))
  if (page.next) {
    const next = new URL(c.req.url)
    // The same cursor the GeoJSON body names; for CSV this header is the only place for it.
    next.searchParams.set('cursor', page.next)
    c.header('Link', `<${next.pathname}${next.search}>; rel="next"`)
  }
  if (format.name === 'csv') c.header('Content-Disposition', 'attachment; filename="punti-facilitazione.csv"')
  return c.body(page.text, 200, { 'Content-Type': format.contentType })
}

export function pointsRoutes(deps: PointsRouteDeps): Hono {
  const presented = new PresentedPointCache()
  const rowCache = new ExportRowCache()
  const routes = new Hono()

  routes.get(honoPath(listPointsRoute), validRequest('query', listPointsRoute.request.query), async (c) => {
    const query = c.req.valid('query')
    const refused = unknownComune(c, query, deps)
    if (refused) return refused
    const snapshot = deps.snapshot()
    const now = deps.now()
    const cursor = readCursor(c, deps, query, 'points', snapshot)
    if (!cursor.ok) return cursor.response
    const asked = toPointFilter(query, now)
    const remote = remoteHelpFilter(query, asked, deps)
    const filter = remote ?? asked
    let hits: PointHit[]
    let nextState: { after?: string; offset?: number } | undefined
    if (query.near && !remote) {
      const offset = cursor.state?.offset ?? 0
      hits = await withRecords(snapshot.records, () => queryNearest(snapshot, query.near!, filter, { limit: query.limit + 1, offset, radiusKm: query.radius_km }))
      if (hits.length > query.limit) nextState = { offset: offset + query.limit }
    } else {
      hits = await withRecords(snapshot.records, () => queryList(snapshot, filter, { limit: query.limit + 1, after: cursor.state?.after }))
      if (hits.length > query.limit) nextState = { after: hits[query.limit - 1]!.point.id }
    }
    const page = hits.slice(0, query.limit)
    // The site is named when it was chosen by the query (nearest, or matching a site filter, "open
    // at" included): a page must not speak for another site of the point than the one that matched.
    const namesSite = Boolean(query.near || filter.kinds || filter.accessible || filter.bbox || filter.openAt)
    const items = page.map((hit) => presented.json(hit.point, now, namesSite ? { site: hit.site, distance_m: hit.distance_m, ...(hit.place ? { place: hit.place } : {}) } : undefined, query.view ?? 'full'))
    const nextCursor = nextState ? deps.cursors.encode({ v: snapshot.registryVersion, q: fingerprint(query, 'points'), ...nextState }) : null
    // A region's widget asked from Milan lists Umbria's nearest points: the answer says the position is elsewhere.
    const nearOutside = query.near && (query.region || query.province || query.comune) && !deps.positionInArea(query.near, query) ? ',"near_outside_area":true' : ''
    // Points arrive as JSON text from the per-minute cache: the page is joined, not re-serialised.
    return c.body(`{"items":[${items.join(',')}],"next_cursor":${JSON.stringify(nextCursor)}${nearOutside}}`, 200, {
      'Content-Type': 'application/json; charset=utf-8',
    })
  })

  // Registered before /v1/points/{id}, which would take "x.ics" for an id.
  routes.get(honoPath(calendarRoute), validRequest('param', CalendarSegmentParams), validRequest('query', calendarRoute.request.query), async (c) => {
    const { id } = c.req.valid('param')
    const record = await pointById(deps.snapshot(), id)
    if (!record) return problem(c, 'notFound', `No point has id "${id}".`)
    const page = `${siteOriginOf(c, deps.trustSiteOriginHeader)}/?point=${encodeURIComponent(id)}`
    return c.body(pointCalendar(record, deps.now(), page), 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${id}.ics"`,
    })
  })

  routes.get(honoPath(getPointRoute), validRequest('query', getPointRoute.request.query), validRequest('param', getPointRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const record = await pointById(deps.snapshot(), id)
    if (!record) return problem(c, 'notFound', `No point has id "${id}".`)
    return c.body(presented.json(record, deps.now()), 200, { 'Content-Type': 'application/json; charset=utf-8' })
  })

  routes.get(honoPath(geoJsonRoute), validRequest('query', geoJsonRoute.request.query), (c) => answerExport(c, c.req.valid('query'), 'geojson', deps, rowCache))
  routes.get(honoPath(csvRoute), validRequest('query', csvRoute.request.query), (c) => answerExport(c, c.req.valid('query'), 'csv', deps, rowCache))

  return routes
}

export const describePointsRoutes: DescribeRoutes = async () => {
  const { CompactPointPageSchema, PointPageSchema, PointSchema } = await import('../../../shared/schemas/point-view.ts')
  const badQuery = await problemResponse('A parameter is malformed, unknown or inconsistent')
  const staleCursor = await problemResponse('A distance-ordered cursor outlived its registry version')
  // Only on a registry too large for one instance to hold (docs/problems.md); never on today's.
  const tooBroad = await problemResponse('query-too-broad: the answer would read more of a very large registry than one answer can; narrow the query')
  const recordsUnavailable = await problemResponse('records-unavailable: the points this answer needs could not be read from storage; retry after Retry-After')
  const exportHeaders = {
    Link: { description: 'When rows remain: `<…&cursor=…>; rel="next"`, the next page', schema: { type: 'string' as const } },
  }
  const routes: RouteConfig[] = [
    {
      ...listPointsRoute,
      tags: ['points'],
      summary: 'Find facilitation points: nearest first with near, filtered, paginated',
      responses: {
        200: { content: { 'application/json': { schema: z.union([PointPageSchema, CompactPointPageSchema]) } }, description: 'One page of points (CompactPoint items with view=compact)' },
        400: badQuery,
        410: staleCursor,
        422: tooBroad,
        503: recordsUnavailable,
      },
    },
    {
      ...getPointRoute,
      tags: ['points'],
      summary: 'One facilitation point',
      responses: {
        200: { content: { 'application/json': { schema: PointSchema } }, description: 'The point' },
        400: await problemResponse('The id is too long, or a query parameter was sent'),
        404: await problemResponse('No point has this id'),
      },
    },
    {
      ...calendarRoute,
      tags: ['points'],
      summary: 'The point as an iCalendar file (RFC 5545): weekly hours as recurring events in Europe/Rome, closures and public holidays excluded, a van\'s dated stops',
      responses: {
        200: { content: { 'text/calendar': { schema: z.string() } }, description: 'iCalendar, UTF-8' },
        400: await problemResponse('The id is malformed, or a query parameter was sent'),
        404: await problemResponse('No point has this id'),
      },
    },
    {
      ...geoJsonRoute,
      tags: ['exports'],
      summary: 'A page of the selection as an RFC 7946 FeatureCollection, one Point feature per site (the whole registry: /opendata/)',
      responses: {
        200: {
          content: { 'application/geo+json': { schema: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()), next_cursor: z.string().nullable() }) } },
          headers: exportHeaders,
          description: 'GeoJSON; next_cursor names the next page',
        },
        400: badQuery,
        410: staleCursor,
        422: tooBroad,
        503: recordsUnavailable,
      },
    },
    {
      ...csvRoute,
      tags: ['exports'],
      summary: 'A page of the selection as CSV (UTF-8, header row, one row per site; the whole registry: /opendata/)',
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, headers: exportHeaders, description: 'CSV' },
        400: badQuery,
        410: staleCursor,
        422: tooBroad,
        503: recordsUnavailable,
      },
    },
  ]
  return routes
}
