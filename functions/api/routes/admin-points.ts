import type { RouteConfig } from '@hono/zod-openapi'
import { withoutStaleHoursText } from '../../../shared/registry/published-hours.ts'
import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { answersFor, mayCreateAny, mayWrite, operatorKey, regionsReached, type Role, type WriteAction } from '../../../shared/access/roles.ts'
import type { Gazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { hoursPerWeek } from '../../../shared/hours/hours-per-week.ts'
import { attentionOf } from '../../../shared/registry/attention.ts'
import type { Reports } from '../../../shared/reports-port.ts'
import { IstatRegionCode } from '../../../shared/schemas/point.ts'
import { VersionConflictError, type Registry, type WriteNote } from '../../../shared/registry-port.ts'
import { PointDraftSchema, type PointDraft, type PointRecord } from '../../../shared/schemas/point.ts'
import { toRomeWallClock } from '../../../shared/hours/rome-time.ts'
import { applyMergePatch, PatchTooDeepError } from '../../../shared/util/merge-patch.ts'
import { unknownFields } from '../../../shared/util/unknown-fields.ts'
import { changedFields, draftOf } from '../../../shared/registry/point-changes.ts'
import { honoPath, problemResponse, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import type { Identity } from '../../auth/access-tokens.ts'
import type { AdminEnv } from '../middleware/operator-auth.ts'
import { hiddenTextProblems } from '../../../shared/registry/hidden-text.ts'
import { comuneProblems, newPhoneProblem, placesOutsideReach, slipsInWrite } from '../point-places.ts'
import { problem } from '../problem.ts'
import { jsonBody, validBody } from '../json-body.ts'
import { PointIdParams } from '../path-params.ts'
import { NoQuerySchema, validRequest } from '../request-validator.ts'

/**
 * The operators' write API: create, replace, patch, close and verify a point, and read its
 * history. Every request carries an OpenID Connect access token (verified here, whatever the
 * gateway did before); every write is checked against the point *as stored* and as it would be
 * (shared/access/roles.ts), and needs `If-Match` with the version the operator edited, so nobody
 * overwrites a change they have not seen. Writes go through the same zod schema as imports.
 */
export interface AdminRouteDeps {
  readonly registry: Registry
  readonly reports: Reports
  readonly now: () => Date
  /** Told after every accepted write: locally, the snapshot is rebuilt at once instead of at the next poll. */
  readonly onWrite?: () => void
  /** The ISTAT comuni: a written point's comune must be one, and its places must lie where its author reaches. */
  readonly gazetteer: Gazetteer
}

const JSON_TYPES = ['application/json']
const PATCH_TYPES = ['application/merge-patch+json', 'application/json']

const IfMatchHeadersSchema = z.object({ 'if-match': z.string().meta({ description: 'The ETag of the version edited, e.g. "v3"', example: '"v3"' }) })
export const CloseRequestSchema = z
  .object({ reason: z.string().trim().min(3, 'say why the point closes (at least 3 characters)').max(500) })
  .strict()
  .meta({ id: 'CloseRequest' })

export const createPointRoute = {
  method: 'post',
  path: '/v1/admin/points',
  request: { body: { content: { 'application/json': { schema: PointDraftSchema } }, required: true } },
} as const satisfies ApiRoute
export const MyPointsQuerySchema = z
  .object({ region: IstatRegionCode.optional().meta({ description: "National admins: the region to list (required for them); others: one of their regions" }) })
  .strict()
export const myPointsRoute = { method: 'get', path: '/v1/admin/points', request: { query: MyPointsQuerySchema } } as const satisfies ApiRoute
export const readPointRoute = { method: 'get', path: '/v1/admin/points/{id}', request: { params: PointIdParams, query: NoQuerySchema } } as const satisfies ApiRoute
export const replacePointRoute = {
  method: 'put',
  path: '/v1/admin/points/{id}',
  request: { params: PointIdParams, headers: IfMatchHeadersSchema, body: { content: { 'application/json': { schema: PointDraftSchema } }, required: true } },
} as const satisfies ApiRoute
export const patchPointRoute = {
  method: 'patch',
  path: '/v1/admin/points/{id}',
  request: { params: PointIdParams, headers: IfMatchHeadersSchema, body: { content: { 'application/merge-patch+json': { schema: z.record(z.string(), z.unknown()) } }, required: true } },
} as const satisfies ApiRoute
export const closePointRoute = {
  method: 'delete',
  path: '/v1/admin/points/{id}',
  request: { params: PointIdParams, headers: IfMatchHeadersSchema, body: { content: { 'application/json': { schema: CloseRequestSchema } }, required: true } },
} as const satisfies ApiRoute
export const verifyPointRoute = { method: 'post', path: '/v1/admin/points/{id}/verified', request: { params: PointIdParams, headers: IfMatchHeadersSchema } } as const satisfies ApiRoute
export const historyRoute = { method: 'get', path: '/v1/admin/points/{id}/history', request: { params: PointIdParams, query: NoQuerySchema } } as const satisfies ApiRoute

export const etagOf = (record: Pick<PointRecord, 'version'>): string => `"v${record.version}"`

export function adminPointsRoutes(deps: AdminRouteDeps) {
  const routes = new Hono<AdminEnv>()
  routes.post(honoPath(createPointRoute), async (c) => {
    const allowed = mayCreateAny(c.var.identity.roles)
    if (!allowed.allowed) return problem(c, 'forbidden', `You may not create points: ${allowed.reason}.`)
    const body = await jsonBody(c, JSON_TYPES)
    if (body instanceof Response) return body
    const draft = validDraft(c, body, deps, null)
    if (draft instanceof Response) return draft
    const decision = mayWrite(c.var.identity.roles, 'create', null, draft)
    if (!decision.allowed) return problem(c, 'forbidden', `You may not create this point: ${decision.reason}.`)
    const outside = placesOutsideReach(draft, null, regionsReached(c.var.identity.roles, null), deps.gazetteer)
    // Each place named as a field too, for the console to mark it.
    if (outside.length > 0) return problem(c, 'forbidden', `You may not create this point: ${outside.map((o) => `${o.field} ${o.message}`).join('; ')}.`, outside)
    const slips = placeSlips(c, draft, null, deps)
    if (slips) return slips
    try {
      const record = await deps.registry.putPoint(draft, null, noteOf(c.var.identity))
      deps.onWrite?.()
      return c.json(record, 201, { ETag: etagOf(record), Location: `/v1/admin/points/${encodeURIComponent(record.id)}` })
    } catch (error) {
      if (error instanceof VersionConflictError) return problem(c, 'alreadyExists', `A point with id "${draft.id}" already exists: edit it (PUT or PATCH with If-Match) or choose another id.`)
      throw error
    }
  })

  routes.get(honoPath(myPointsRoute), validRequest('query', MyPointsQuerySchema), async (c) => {
    const { region } = c.req.valid('query')
    const areas = areasToList(c.var.identity.roles, region)
    if (typeof areas === 'string') return problem(c, 'invalidParameter', areas, [{ field: 'region', message: areas }])
    const [lists, open] = await Promise.all([Promise.all(areas.map((area) => deps.registry.listPoints(area))), deps.reports.listOpen()])
    const openByPoint = new Map<string, number>()
    for (const report of open) openByPoint.set(report.pointId, (openByPoint.get(report.pointId) ?? 0) + 1)
    const now = deps.now()
    // Only the points they answer for: an operator's index holds every point under the same name,
    // in other regions (another body's, or the same body's under a role of its own) and abroad (the
    // national admins'): they were listed, and every action on them refused.
    const roles = c.var.identity.roles
    const points = new Map(lists.flat().filter((p) => answersFor(roles, p.region?.istat ?? null, operatorKey(p.operator))).map((p) => [p.id, p]))
    const items = [...points.values()]
      .sort((a, b) => a.comune.name.localeCompare(b.comune.name, 'it') || a.name.localeCompare(b.name, 'it'))
      .map((p) => ({
        id: p.id,
        name: p.name,
        comune: p.comune.name,
        status: p.status,
        version: p.version,
        last_verified_at: p.last_verified_at,
        hours_per_week: hoursPerWeek(p),
        open_reports: openByPoint.get(p.id) ?? 0,
        attention: attentionOf(p, { now, openReports: openByPoint.get(p.id) ?? 0 }),
      }))
    return c.json({ items }, 200, { 'Cache-Control': 'no-store' })
  })

  routes.get(honoPath(readPointRoute), validRequest('param', PointIdParams), validRequest('query', NoQuerySchema), async (c) => {
    const stored = await deps.registry.getPoint(c.req.valid('param').id)
    if (!stored) return problem(c, 'notFound', `No point has id "${c.req.valid('param').id}".`)
    return c.json(stored, 200, { ETag: etagOf(stored), 'Cache-Control': 'no-store' })
  })

  routes.get(honoPath(historyRoute), validRequest('param', PointIdParams), validRequest('query', NoQuerySchema), async (c) => {
    const { id } = c.req.valid('param')
    const stored = await deps.registry.getPoint(id)
    if (!stored) return problem(c, 'notFound', `No point has id "${id}".`)
    // The history names who wrote each version: only those who may edit the point read it.
    const decision = mayWrite(c.var.identity.roles, 'update', stored, stored)
    if (!decision.allowed) return problem(c, 'forbidden', `You may not read this point's history: ${decision.reason}.`)
    const entries = await deps.registry.getHistory(id, { limit: 100 })
    return c.json({ id, versions: entries }, 200, { 'Cache-Control': 'no-store' })
  })

  routes.put(honoPath(replacePointRoute), validRequest('param', PointIdParams), (c) =>
    write(c, deps, 'update', async () => {
      const body = await jsonBody(c, JSON_TYPES)
      if (body instanceof Response) return body
      return { draft: body }
    }),
  )

  routes.patch(honoPath(patchPointRoute), validRequest('param', PointIdParams), (c) =>
    write(c, deps, 'update', async (stored) => {
      const patch = await jsonBody(c, PATCH_TYPES)
      if (patch instanceof Response) return patch
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return problem(c, 'invalidParameter', 'A merge patch is a JSON object of the fields to change.', [{ field: '(body)', message: 'must be a JSON object' }])
      try {
        return { draft: applyMergePatch(draftOf(stored), patch) }
      } catch (error) {
        if (error instanceof PatchTooDeepError) return problem(c, 'invalidParameter', `The merge patch is not valid: ${error.message}.`, [{ field: '(body)', message: error.message }])
        throw error
      }
    }),
  )

  routes.delete(honoPath(closePointRoute), validRequest('param', PointIdParams), (c) =>
    write(c, deps, 'close', async (stored) => {
      const body = await jsonBody(c, JSON_TYPES)
      if (body instanceof Response) return body
      const parsed = validBody(c, CloseRequestSchema, body, 'The closing')
      if (parsed instanceof Response) return parsed
      if (stored.status === 'closed') return problem(c, 'invalidParameter', `Point "${stored.id}" is already closed.`, [{ field: 'status', message: 'already closed' }])
      return { draft: { ...draftOf(stored), status: 'closed' }, reason: parsed.reason }
    }),
  )

  routes.post(honoPath(verifyPointRoute), validRequest('param', PointIdParams), (c) =>
    write(c, deps, 'verify', async (stored) => ({ draft: { ...draftOf(stored), last_verified_at: deps.now().toISOString() }, reason: 'verified' })),
  )

  return routes
}

type Proposal = { draft: unknown; reason?: string } | Response

/**
 * The steps every change of an existing point takes, in this order: the point exists; the
 * caller may touch it as stored (403 before anything else is said about it); `If-Match` names
 * the version they edited (428 without, 412 when stale); the new content is a valid point (400,
 * every field named); the caller may make *this* change (403: no moving a point out of reach);
 * the store accepts it only if nobody wrote meanwhile (412).
 */
async function write(c: Context<AdminEnv>, deps: AdminRouteDeps, action: WriteAction, propose: (stored: PointRecord) => Promise<Proposal>): Promise<Response> {
  const id = c.req.param('id') ?? ''
  const identity = c.var.identity
  const stored = await deps.registry.getPoint(id)
  if (!stored) return problem(c, 'notFound', `No point has id "${id}".`)
  const reach = mayWrite(identity.roles, action, stored, stored)
  if (!reach.allowed) return problem(c, 'forbidden', `You may not ${verbs[action]} this point: ${reach.reason}.`)
  const expected = expectedVersion(c, stored)
  if (expected instanceof Response) return expected

  const proposal = await propose(stored)
  if (proposal instanceof Response) return proposal
  const draft = validDraft(c, proposal.draft, deps, stored)
  if (draft instanceof Response) return draft
  if (draft.id !== stored.id) return problem(c, 'invalidParameter', `The body's id "${draft.id}" is not the point's id "${stored.id}": a point's id never changes.`, [{ field: 'id', message: `must be "${stored.id}"` }])
  // Closing needs a reason (DELETE); closing and reopening are the region's decisions whatever
  // route carries them, so a change that reopens a point is authorised as a closing is.
  if (action !== 'close' && draft.status === 'closed' && stored.status !== 'closed') {
    return problem(c, 'invalidParameter', 'A point is closed with DELETE and a reason, not by changing its status.', [{ field: 'status', message: 'to close the point, use DELETE with { "reason": … }' }])
  }
  const reopens = stored.status === 'closed' && draft.status !== 'closed'
  const decision = mayWrite(identity.roles, reopens ? 'reopen' : action, stored, draft)
  if (!decision.allowed) return problem(c, 'forbidden', `You may not make this change: ${decision.reason}.`)
  const outside = placesOutsideReach(draft, stored, regionsReached(identity.roles, stored), deps.gazetteer)
  if (outside.length > 0) return problem(c, 'forbidden', `You may not make this change: ${outside.map((o) => `${o.field} ${o.message}`).join('; ')}.`, outside)
  const slips = placeSlips(c, draft, stored, deps)
  if (slips) return slips
  const next = withoutStaleHoursText(draft, stored)
  // Saved as it is: no new version, no entry in the history or the change feed for nothing.
  if (action === 'update' && changedFields(stored, next).length === 0) return c.json(stored, 200, { ETag: etagOf(stored) })
  try {
    const record = await deps.registry.putPoint(next, expected, noteOf(identity, proposal.reason))
    deps.onWrite?.()
    return c.json(record, 200, { ETag: etagOf(record) })
  } catch (error) {
    if (error instanceof VersionConflictError) return conflict(c, deps, id)
    throw error
  }
}

/**
 * Which sets of points the console lists for these roles: a region editor's regions (or the one
 * asked for among them), a point operator's operators, a national admin's asked-for region.
 */
function areasToList(roles: readonly Role[], region: string | undefined): Array<{ region: string } | { operator: string }> | string {
  if (roles.some((r) => r.kind === 'admin')) return region ? [{ region }] : 'a national admin lists one region at a time: add region=NN'
  const regions = roles.flatMap((r) => (r.kind === 'region' ? [r.region] : []))
  if (region !== undefined) return regions.includes(region) ? [{ region }] : `you edit region ${regions.join(', ') || 'none'}, not ${region}`
  // One query per body, though its roles name several regions (the list keeps the regions' own).
  const bodies = new Set(roles.flatMap((r) => (r.kind === 'operator' ? [r.operator] : [])))
  return [...regions.map((r) => ({ region: r })), ...[...bodies].map((operator) => ({ operator }))]
}

const verbs: Record<WriteAction, string> = { create: 'create', update: 'change', close: 'close', reopen: 'reopen', verify: 'verify' }

function expectedVersion(c: Context, stored: PointRecord): number | Response {
  const header = c.req.header('if-match')
  if (header === undefined) return problem(c, 'preconditionRequired', `Send If-Match with the ETag of the version you edited (now ${etagOf(stored)}): without it a change could overwrite someone else's.`)
  // A weak form of our tag is taken as it: a proxy that compresses the answer marks its ETag weak.
  const version = /^\s*(?:W\/)?"v(\d{1,10})"\s*$/.exec(header)?.[1]
  if (version === undefined) return problem(c, 'invalidParameter', `If-Match must be one ETag as this API sends it, like ${etagOf(stored)}.`, [{ field: 'If-Match', message: `must look like ${etagOf(stored)}` }])
  if (Number(version) !== stored.version) return staleVersion(c, stored)
  return stored.version
}

function staleVersion(c: Context, current: PointRecord): Response {
  c.header('ETag', etagOf(current))
  return problem(c, 'preconditionFailed', `The point is now at version ${current.version} (ETag ${etagOf(current)}): someone saved a change after you opened it. Read it again, redo your change on it and send it with the new ETag.`)
}

async function conflict(c: Context, deps: AdminRouteDeps, id: string): Promise<Response> {
  const current = await deps.registry.getPoint(id)
  if (!current) return problem(c, 'notFound', `Point "${id}" no longer exists.`)
  return staleVersion(c, current)
}

function noteOf(identity: Identity, reason?: string): WriteNote {
  return { author: { id: identity.id, name: identity.name }, reason }
}

/** A stored record sent back whole carries its version, which If-Match says: not a field to refuse. */
const SENT_BACK_FROM_READ = new Set(['version'])

/** A writer's clock may run a little ahead of ours. */
const VERIFIED_CLOCK_SKEW_MS = 10 * 60_000

/**
 * A valid point (the schema; no field it does not know, so a misspelt one is not dropped in
 * silence; its comune against the ISTAT comuni), or the 400 naming what is not.
 */
function validDraft(c: Context, body: unknown, { gazetteer, now }: Pick<AdminRouteDeps, 'gazetteer' | 'now'>, stored: PointRecord | null): PointDraft | Response {
  // Every problem of a body the schema refuses in one answer, a phone no one can call beside the
  // schema's own (the console's contacts were refused one field after another). A valid body's
  // phone is a slip, said once the author is known to reach the point (placeSlips).
  const draft = validBody(c, PointDraftSchema, body, 'The point', () => {
    const phone = newPhoneProblem((body as { contacts?: { phone?: unknown } } | null)?.contacts?.phone, stored)
    return phone ? [phone] : []
  })
  if (draft instanceof Response) return draft
  const problems = [
    ...unknownFields(body, draft, SENT_BACK_FROM_READ).map((field) => ({ field, message: 'is not a field of a point (check its spelling against the schema)' })),
    ...comuneProblems(draft, gazetteer),
    ...hiddenTextProblems(draft, stored),
    // A verification dated ahead would hide "not verified for 90 days" for as long as it is ahead.
    ...(draft.last_verified_at !== null && Date.parse(draft.last_verified_at) > now().getTime() + VERIFIED_CLOCK_SKEW_MS
      ? [{ field: 'last_verified_at', message: 'is in the future: a point is verified on or before the day it is saved' }]
      : []),
  ]
  if (problems.length === 0) return draft
  return problem(c, 'invalidParameter', `The point is not valid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems)
}

/**
 * The 400 for what this write adds or changes by a slip (a phone that is no number, a stop before
 * today, a site far from its comune), once the author is known to reach it: a place out of reach
 * is a 403 first.
 */
function placeSlips(c: Context, draft: PointDraft, stored: PointRecord | null, { gazetteer, now }: Pick<AdminRouteDeps, 'gazetteer' | 'now'>): Response | null {
  const phone = newPhoneProblem(draft.contacts.phone, stored)
  const problems = [...(phone ? [phone] : []), ...slipsInWrite(draft, stored, gazetteer, toRomeWallClock(now()).date)]
  return problems.length === 0 ? null : problem(c, 'invalidParameter', `The point is not valid: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems)
}

export const describeAdminPointsRoutes: DescribeRoutes = async () => {
  const { PointRecordSchema } = await import('../../../shared/schemas/point.ts')
  const { HistorySchema } = await import('../../../shared/schemas/history-view.ts')
  const security = [{ operatorToken: [] }]
  const record = (description: string) => ({ content: { 'application/json': { schema: PointRecordSchema } }, headers: { ETag: { description: 'The version, for the next If-Match', schema: { type: 'string' as const } } }, description })
  const common = {
    401: await problemResponse('No access token, or one that is expired, for another audience or not signed by our identity provider'),
    403: await problemResponse('Your role does not reach this point, or this change would move it out of your reach'),
  }
  const versioned = {
    404: await problemResponse('No point has this id'),
    412: await problemResponse('Someone saved a newer version: the ETag header names it'),
    428: await problemResponse('If-Match is missing'),
  }
  const badBody = await problemResponse('The body is not a valid point (every field named), or not JSON')
  const routes: RouteConfig[] = [
    { ...createPointRoute, tags: ['operators'], security, summary: 'Create a point (region editors and national admins)', responses: { 201: record('The point as stored, version 1'), 400: badBody, ...common, 409: await problemResponse('A point with this id exists'), 415: await problemResponse('The body is not JSON') } },
    {
      ...myPointsRoute,
      tags: ['operators'],
      security,
      summary: 'The points you answer for, with what needs attention (open reports, not verified for 90 days, under 24 h a week, unreadable hours)',
      responses: { 200: { content: { 'application/json': { schema: (await import('../../../shared/schemas/my-points-view.ts')).MyPointsSchema } }, description: 'Your points, by comune' }, 400: await problemResponse('region missing (national admins) or not yours'), ...common },
    },
    { ...readPointRoute, tags: ['operators'], security, summary: 'The point as stored now, with its version as ETag', responses: { 200: record('The stored point'), ...common, 404: versioned[404] } },
    { ...replacePointRoute, tags: ['operators'], security, summary: 'Replace a point (If-Match required)', responses: { 200: record('The new version'), 400: badBody, ...common, ...versioned } },
    { ...patchPointRoute, tags: ['operators'], security, summary: 'Change some fields (JSON Merge Patch, RFC 7396; If-Match required)', responses: { 200: record('The new version'), 400: badBody, ...common, ...versioned } },
    { ...closePointRoute, tags: ['operators'], security, summary: 'Close a point with a reason (status closed; nothing is deleted)', responses: { 200: record('The closed point'), 400: badBody, ...common, ...versioned } },
    { ...verifyPointRoute, tags: ['operators'], security, summary: '"Verified today": sets last_verified_at and nothing else', responses: { 200: record('The new version'), ...common, ...versioned } },
    { ...historyRoute, tags: ['operators'], security, summary: "The point's versions, newest first: who, when, what changed", responses: { 200: { content: { 'application/json': { schema: HistorySchema } }, description: 'Up to 100 versions' }, ...common, 404: versioned[404] } },
  ]
  return routes
}
