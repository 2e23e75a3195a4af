import type { RouteConfig } from '@hono/zod-openapi'
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createHmac, randomBytes } from 'node:crypto'
import { operatorKey } from '../../../shared/access/roles.ts'
import type { Registry } from '../../../shared/registry-port.ts'
import type { CitizenReport, Reports } from '../../../shared/reports-port.ts'
import { ReportRequestSchema, type ReportStatusView } from '../../../shared/schemas/report.ts'
import { honoPath, problemResponse, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import { problem } from '../problem.ts'
import { parsedBody } from '../json-body.ts'
import { PointIdParams, ReportParams } from '../path-params.ts'
import { NoQuerySchema, validRequest } from '../request-validator.ts'
import { clientNetwork } from '../client-network.ts'

/**
 * "Segnala un errore": a citizen tells us what is wrong with a point, without signing in and
 * without giving any personal data; they get a report id to come back to. Served by the write
 * app (the only one that may write), limited per client: the client's address is never stored,
 * only a keyed hash of it, in a counter that expires.
 */
export interface ReportRouteDeps {
  readonly registry: Pick<Registry, 'getPoint'>
  readonly reports: Reports
  readonly now: () => Date
  /** The caller's address as the platform knows it (CloudFront's viewer address on AWS, the socket locally). */
  readonly clientAddress: (c: Context) => string
  /** Keys the hash of addresses, so the counters cannot be turned back into addresses. */
  readonly clientKeySecret: () => string
  /** Reports one client may file per hour. @default 5 */
  readonly reportsPerHour?: number
}


export const fileReportRoute = {
  method: 'post',
  path: '/v1/points/{id}/reports',
  request: { params: PointIdParams, body: { content: { 'application/json': { schema: ReportRequestSchema } }, required: true } },
} as const satisfies ApiRoute
export const reportStatusRoute = { method: 'get', path: '/v1/points/{id}/reports/{reportId}', request: { params: ReportParams, query: NoQuerySchema } } as const satisfies ApiRoute

/** What a citizen may see of a report: its state, never the text or who handled it. */
export const statusView = (r: CitizenReport): ReportStatusView => ({ id: r.id, point_id: r.pointId, category: r.category, status: r.status, created_at: r.createdAt, closed_at: r.resolution?.at ?? null })

/** 12 letters and digits of RFC 4648 base32: easy to read aloud or copy, 60 random bits. */
function newReportId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567'
  return [...randomBytes(12)].map((b) => alphabet[b & 31]).join('')
}

export function reportRoutes(deps: ReportRouteDeps) {
  const routes = new Hono()
  const perHour = deps.reportsPerHour ?? 5
  routes.post(
    honoPath(fileReportRoute),
    bodyLimit({ maxSize: 8 * 1024, onError: (c) => problem(c, 'invalidParameter', 'The report is over 8 KB.', [{ field: '(body)', message: 'too large' }]) }),
    validRequest('param', PointIdParams),
    async (c) => {
      const { id } = c.req.valid('param')
      const request = await parsedBody(c, ReportRequestSchema, 'The report')
      if (request instanceof Response) return request
      const point = await deps.registry.getPoint(id)
      if (!point) return problem(c, 'notFound', `No point has id "${id}".`)
      const now = deps.now()
      const clientKey = createHmac('sha256', deps.clientKeySecret()).update(clientNetwork(deps.clientAddress(c))).digest('base64url').slice(0, 22)
      const hour = now.toISOString().slice(0, 13)
      if (!(await deps.reports.takeReportSlot(clientKey, hour, perHour))) {
        c.header('Retry-After', String(3600 - (Math.floor(now.getTime() / 1000) % 3600)))
        return problem(c, 'tooManyRequests', `At most ${perHour} reports an hour from one connection: thank you, try again later.`)
      }
      const report: CitizenReport = {
        id: newReportId(),
        pointId: point.id,
        category: request.category,
        text: request.text ? request.text : null,
        status: 'open',
        createdAt: now.toISOString(),
        region: point.region?.istat ?? null,
        operatorKey: operatorKey(point.operator),
        resolution: null,
      }
      await deps.reports.file(report)
      return c.json(statusView(report), 201, { Location: `/v1/points/${encodeURIComponent(point.id)}/reports/${report.id}`, 'Cache-Control': 'no-store' })
    },
  )
  routes.get(honoPath(reportStatusRoute), validRequest('param', ReportParams), validRequest('query', NoQuerySchema), async (c) => {
    const { id, reportId } = c.req.valid('param')
    const report = await deps.reports.get(id, reportId)
    if (!report) return problem(c, 'notFound', `No report ${reportId} for point "${id}".`)
    return c.json(statusView(report), 200, { 'Cache-Control': 'no-store' })
  })
  return routes
}

export const describeReportRoutes: DescribeRoutes = async () => {
  const { ReportStatusViewSchema } = await import('../../../shared/schemas/report.ts')
  const status = (description: string) => ({ content: { 'application/json': { schema: ReportStatusViewSchema } }, description })
  const routes: RouteConfig[] = [
    {
      ...fileReportRoute,
      tags: ['points'],
      summary: '"Segnala un errore": tell the operators what is wrong with a point (no sign-in, no personal data)',
      responses: {
        201: status('The report, with the id to check it later (Location)'),
        400: await problemResponse('The category is unknown, the text too long, or the hidden field was filled'),
        404: await problemResponse('No point has this id'),
        415: await problemResponse('The body is not JSON'),
        429: await problemResponse('Too many reports from this connection this hour (Retry-After)'),
      },
    },
    {
      ...reportStatusRoute,
      tags: ['points'],
      summary: "A report's state: open, resolved or dismissed",
      responses: { 200: status('The report'), 400: await problemResponse('The report id is malformed'), 404: await problemResponse('No such report for this point') },
    },
  ]
  return routes
}
