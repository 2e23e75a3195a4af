import type { RouteConfig } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { z } from 'zod'
import { answersFor, operatorKey } from '../../../shared/access/roles.ts'
import type { Registry } from '../../../shared/registry-port.ts'
import type { PointRecord } from '../../../shared/schemas/point.ts'
import { ReportAlreadyClosedError, type CitizenReport, type Reports } from '../../../shared/reports-port.ts'
import { OperatorReportViewSchema, ResolutionRequestSchema, type OperatorReportView } from '../../../shared/schemas/report.ts'
import { honoPath, problemResponse, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import type { AdminEnv } from '../middleware/operator-auth.ts'
import { problem } from '../problem.ts'
import { parsedBody } from '../json-body.ts'
import { PointIdParams, ReportParams } from '../path-params.ts'
import { NoQuerySchema, validRequest } from '../request-validator.ts'

/**
 * Citizens' reports as operators see them: the open ones of the points they answer for (who may
 * change a point answers its reports), a point's reports, and closing one with a note.
 */
export interface AdminReportRouteDeps {
  readonly reports: Reports
  /** Who answers a report is who answers for its point now, not when it was filed. */
  readonly registry: Pick<Registry, 'getPoint' | 'getPoints'>
  readonly now: () => Date
}


export const openReportsRoute = { method: 'get', path: '/v1/admin/reports', request: { query: NoQuerySchema } } as const satisfies ApiRoute
export const pointReportsRoute = { method: 'get', path: '/v1/admin/points/{id}/reports', request: { params: PointIdParams, query: NoQuerySchema } } as const satisfies ApiRoute
export const closeReportRoute = {
  method: 'post',
  path: '/v1/admin/points/{id}/reports/{reportId}/resolution',
  request: { params: ReportParams, body: { content: { 'application/json': { schema: ResolutionRequestSchema } }, required: true } },
} as const satisfies ApiRoute

/** The report as operators see it: everything, the citizen's text included. */
const operatorView = (r: CitizenReport): OperatorReportView => ({
  id: r.id,
  point_id: r.pointId,
  category: r.category,
  text: r.text,
  status: r.status,
  created_at: r.createdAt,
  resolution: r.resolution ? { by: r.resolution.by.name, at: r.resolution.at, note: r.resolution.note } : null,
})

export function adminReportRoutes(deps: AdminReportRouteDeps) {
  const routes = new Hono<AdminEnv>()
  // A report's point as it is now: its operator or region may have changed since the report was
  // filed. A point no longer stored is answered for as the report recorded it.
  const answersForPoint = (c: { var: AdminEnv['Variables'] }, point: PointRecord) => answersFor(c.var.identity.roles, point.region?.istat ?? null, operatorKey(point.operator))
  const answers = (c: { var: AdminEnv['Variables'] }, point: PointRecord | null, r: CitizenReport) =>
    point ? answersForPoint(c, point) : answersFor(c.var.identity.roles, r.region, r.operatorKey)

  routes.get(honoPath(openReportsRoute), validRequest('query', NoQuerySchema), async (c) => {
    const open = await deps.reports.listOpen()
    // In batches: every open report's point, however many there are, without one read each.
    const points = await deps.registry.getPoints(open.map((r) => r.pointId))
    const mine = open.filter((r) => answers(c, points.get(r.pointId) ?? null, r))
    return c.json({ items: mine.map(operatorView) }, 200, { 'Cache-Control': 'no-store' })
  })

  routes.get(honoPath(pointReportsRoute), validRequest('param', PointIdParams), validRequest('query', NoQuerySchema), async (c) => {
    const { id } = c.req.valid('param')
    const [point, reports] = await Promise.all([deps.registry.getPoint(id), deps.reports.listForPoint(id)])
    if (!point && reports.length === 0) return problem(c, 'notFound', `No point has id "${id}".`)
    if (point && !answersForPoint(c, point)) return problem(c, 'forbidden', 'This point is not one you answer for.')
    return c.json({ items: reports.filter((r) => answers(c, point, r)).map(operatorView) }, 200, { 'Cache-Control': 'no-store' })
  })

  routes.post(honoPath(closeReportRoute), validRequest('param', ReportParams), async (c) => {
    const { id, reportId } = c.req.valid('param')
    const [report, point] = await Promise.all([deps.reports.get(id, reportId), deps.registry.getPoint(id)])
    if (!report) return problem(c, 'notFound', `No report ${reportId} for point "${id}".`)
    if (!answers(c, point, report)) return problem(c, 'forbidden', 'This report is about a point you do not answer for.')
    const resolution = await parsedBody(c, ResolutionRequestSchema, 'The resolution')
    if (resolution instanceof Response) return resolution
    try {
      const { identity } = c.var
      const closed = await deps.reports.close(id, reportId, resolution.outcome, { by: { id: identity.id, name: identity.name }, at: deps.now().toISOString(), note: resolution.note })
      return c.json(operatorView(closed), 200)
    } catch (error) {
      if (error instanceof ReportAlreadyClosedError) return problem(c, 'alreadyClosed', `Report ${reportId} was already ${error.report.status} by ${error.report.resolution?.by.name ?? 'someone'}: ${error.report.resolution?.note ?? ''}`)
      throw error
    }
  })
  return routes
}

export const describeAdminReportRoutes: DescribeRoutes = async () => {
  const security = [{ operatorToken: [] }]
  const list = { content: { 'application/json': { schema: z.object({ items: z.array(OperatorReportViewSchema) }) } }, description: 'Reports' }
  const unauthorized = await problemResponse('No valid access token')
  const routes: RouteConfig[] = [
    { ...openReportsRoute, tags: ['operators'], security, summary: 'Open citizens’ reports of the points you answer for, oldest first', responses: { 200: list, 401: unauthorized } },
    {
      ...pointReportsRoute,
      tags: ['operators'],
      security,
      summary: "A point's reports, newest first (those who answer for the point now see them, whoever ran it when they were filed)",
      responses: { 200: list, 401: unauthorized, 403: await problemResponse('The point is not one you answer for'), 404: await problemResponse('No such point') },
    },
    {
      ...closeReportRoute,
      tags: ['operators'],
      security,
      summary: 'Resolve (the point was corrected) or dismiss a report, with a note',
      responses: {
        200: { content: { 'application/json': { schema: OperatorReportViewSchema } }, description: 'The closed report' },
        400: await problemResponse('outcome or note missing or malformed'),
        401: unauthorized,
        403: await problemResponse('The report is about a point you do not answer for'),
        404: await problemResponse('No such report'),
        409: await problemResponse('Someone closed it first'),
      },
    },
  ]
  return routes
}
