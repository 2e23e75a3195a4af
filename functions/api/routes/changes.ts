import type { RouteConfig } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { withRecords } from '../../../shared/geo/point-record-store.ts'
import { changesAfter, type FeedPosition } from '../../../shared/geo/change-feed.ts'
import type { Snapshot } from '../../../shared/geo/snapshot.ts'
import { ChangesQuerySchema, type ChangesPage } from '../../../shared/schemas/changes-view.ts'
import { honoPath, problemResponse, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import { CursorError, type CursorCodec } from '../cursor.ts'
import { problem } from '../problem.ts'
import { validRequest } from '../request-validator.ts'

/** `GET /v1/changes`: what apps that copy the registry poll to stay equal to it (shared/geo/change-feed.ts). */
export interface ChangesRouteDeps {
  readonly snapshot: () => Snapshot
  readonly cursors: CursorCodec
}

export const changesRoute = { method: 'get', path: '/v1/changes', request: { query: ChangesQuerySchema } } as const satisfies ApiRoute

/** Cursors of the feed carry this walk name, so a page cursor of /v1/points is never taken for one. */
const WALK = 'changes'
/** Before every point: ids start with a letter or digit, which sort after "-"; tickets start at 0. */
const START: FeedPosition = { seq: 0, id: '-' }

export function changesRoutes(deps: ChangesRouteDeps) {
  const routes = new Hono()
  routes.get(honoPath(changesRoute), validRequest('query', changesRoute.request.query), async (c) => {
    const { since, limit } = c.req.valid('query')
    const snapshot = deps.snapshot()
    let position: FeedPosition | null = null
    if (since !== undefined) {
      try {
        const state = deps.cursors.decode(since)
        if (state.q !== WALK || state.after === undefined || state.seq === undefined) throw new CursorError('is a cursor of another walk, not of /v1/changes')
        position = { seq: state.seq, id: state.after }
      } catch (error) {
        if (!(error instanceof CursorError)) throw error
        return problem(c, 'invalidParameter', `since ${error.message}: pass the next_cursor of a /v1/changes page, or nothing to start from the beginning.`, [{ field: 'since', message: error.message }])
      }
    }
    const { entries, more } = await withRecords(snapshot.records, () => changesAfter(snapshot, position, limit))
    const last = entries.at(-1)?.position ?? position ?? START
    const page: ChangesPage = {
      items: entries.map(({ record, change }) => ({ id: record.id, version: record.version, change, changed_at: record.updated_at })),
      // At the end the cursor stays where the client is: it polls again with the same one.
      next_cursor: deps.cursors.encode({ v: snapshot.registryVersion, q: WALK, after: last.id, seq: last.seq }),
      more,
    }
    return c.json(page)
  })
  return routes
}

export const describeChangesRoutes: DescribeRoutes = async () => {
  const { ChangesPageSchema } = await import('../../../shared/schemas/changes-view.ts')
  const routes: RouteConfig[] = [
    {
      ...changesRoute,
      tags: ['points'],
      summary: 'Change feed: each point created, changed or closed since a cursor, in write order (replaying from the start equals a full export)',
      responses: {
        200: { content: { 'application/json': { schema: ChangesPageSchema } }, description: 'One page of changes and the cursor to continue from' },
        400: await problemResponse('since is not a cursor of this feed, or limit is out of range'),
      },
    },
  ]
  return routes
}
