import { z } from 'zod'
import { REPORT_CATEGORIES, REPORT_STATUSES } from '../vocabulary.ts'

/**
 * Citizens' reports ("Segnala un errore"): what is wrong with a point, and an optional short text.
 * No personal data is asked; the form says so. `website` is a honeypot: a field people never see
 * (it is hidden, and labelled "leave empty" for anyone who meets it), which form-filling bots do.
 */
/** A report's id: 12 letters and digits of RFC 4648 base32 (easy to read aloud or copy). */
export const ReportIdSchema = z.string().regex(/^[a-z2-7]{12}$/, 'is not a report id')

export const ReportRequestSchema = z
  .object({
    category: z.enum(REPORT_CATEGORIES).meta({ description: 'hours, address, closed, contacts, services or other' }),
    text: z.string().trim().max(500, 'at most 500 characters').optional().meta({ description: 'What is wrong, in a few words (optional; no personal data)' }),
    website: z.string().max(0, 'must be left empty (it is a trap for automated spam)').optional().meta({ description: 'Leave empty' }),
  })
  .strict()
  .meta({ id: 'ReportRequest' })
export type ReportRequest = z.infer<typeof ReportRequestSchema>

export const ReportStatusViewSchema = z
  .object({
    id: z.string(),
    point_id: z.string(),
    category: z.enum(REPORT_CATEGORIES),
    status: z.enum(REPORT_STATUSES),
    created_at: z.iso.datetime({ offset: true }),
    closed_at: z.iso.datetime({ offset: true }).nullable().meta({ description: 'When an operator resolved or dismissed it' }),
  })
  .meta({ id: 'ReportStatus', description: 'What a citizen sees of their report: its state, never who handled it' })
export type ReportStatusView = z.infer<typeof ReportStatusViewSchema>

export const OperatorReportViewSchema = z
  .object({
    id: z.string(),
    point_id: z.string(),
    category: z.enum(REPORT_CATEGORIES),
    text: z.string().nullable(),
    status: z.enum(REPORT_STATUSES),
    created_at: z.iso.datetime({ offset: true }),
    resolution: z.object({ by: z.string().meta({ description: "The operator's name" }), at: z.iso.datetime({ offset: true }), note: z.string() }).nullable(),
  })
  .meta({ id: 'OperatorReport', description: "A report as operators see it: the citizen's text included" })
export type OperatorReportView = z.infer<typeof OperatorReportViewSchema>

export const ResolutionRequestSchema = z
  .object({
    outcome: z.enum(['resolved', 'dismissed']).meta({ description: 'resolved: the point was corrected; dismissed: nothing to correct' }),
    note: z.string().trim().min(3, 'say what was done (at least 3 characters)').max(500),
  })
  .strict()
  .meta({ id: 'ResolutionRequest' })
