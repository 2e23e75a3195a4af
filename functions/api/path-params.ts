import { z } from 'zod'
import { ReportIdSchema } from '../../shared/schemas/report.ts'

/** `{id}` of a point in a path, as every route that names one takes it. */
export const PointIdParams = z.object({ id: z.string().min(1).max(120).meta({ param: { name: 'id', in: 'path' }, example: 'demo-09-0001' }) })

/** `{id}` and `{reportId}`: one citizen's report about a point. */
export const ReportParams = PointIdParams.extend({ reportId: ReportIdSchema.meta({ param: { name: 'reportId', in: 'path' }, example: 'k3m9x2q7a4b5' }) })
