import type { Author } from './registry-port.ts'
import type { ReportCategory, ReportStatus } from './vocabulary.ts'

/**
 * Citizens' reports as the rest of the system sees them; `functions/repository/dynamodb-reports.ts`
 * keeps them in the journal table.
 */
export interface CitizenReport {
  readonly id: string
  readonly pointId: string
  readonly category: ReportCategory
  readonly text: string | null
  readonly status: ReportStatus
  readonly createdAt: string
  /** The point's region and operator when the report was filed: who may see it, without reading the point. */
  readonly region: string | null
  readonly operatorKey: string
  readonly resolution: { readonly by: Author; readonly at: string; readonly note: string } | null
}

export class ReportAlreadyClosedError extends Error {
  constructor(readonly report: CitizenReport) {
    super(`report ${report.id} is already ${report.status}`)
    this.name = 'ReportAlreadyClosedError'
  }
}

export interface Reports {
  file(report: CitizenReport): Promise<void>
  get(pointId: string, id: string): Promise<CitizenReport | null>
  /** Every open report, oldest first (few at any time: operators close them). */
  listOpen(): Promise<CitizenReport[]>
  /** A point's reports, newest first, open and closed. */
  listForPoint(pointId: string): Promise<CitizenReport[]>
  /** Closes an open report; throws ReportAlreadyClosedError when someone closed it first. */
  close(pointId: string, id: string, outcome: 'resolved' | 'dismissed', resolution: { by: Author; at: string; note: string }): Promise<CitizenReport>
  /**
   * Counts one report for a client in the current window; false when the client has used its
   * allowance (`limit` per window). `clientKey` is already pseudonymous (a keyed hash).
   */
  takeReportSlot(clientKey: string, window: string, limit: number): Promise<boolean>
}
