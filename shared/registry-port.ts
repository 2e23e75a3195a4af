import type { PointDraft, PointRecord } from './schemas/point.ts'

/**
 * The registry as the rest of the system sees it. `functions/repository/dynamodb-registry.ts`
 * fulfils it; nothing else knows DynamoDB exists.
 */

export interface RegistryVersion {
  /** Increases on every write that changed something. 0 for an empty, never-written registry. */
  readonly version: number
  readonly updatedAt: string | null
  /** Number of point records. */
  readonly size: number
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged'

export interface ImportResult {
  readonly created: number
  readonly updated: number
  readonly unchanged: number
  /** Rows whose write failed for good (after retries), with the reason; the others are stored. */
  readonly failed: ReadonlyArray<{ id: string; reason: string }>
  readonly outcomes: ReadonlyMap<string, ImportOutcome>
}

export class VersionConflictError extends Error {
  constructor(
    readonly id: string,
    readonly expectedVersion: number | null,
  ) {
    super(
      expectedVersion === null
        ? `point ${id} already exists (expected to create it)`
        : `point ${id} was changed by someone else (expected version ${expectedVersion})`,
    )
    this.name = 'VersionConflictError'
  }
}

export interface Registry {
  getPoint(id: string): Promise<PointRecord | null>
  /**
   * Creates (expectedVersion null) or replaces (expectedVersion = the version read) one point.
   * Throws VersionConflictError when someone else wrote first: no lost update.
   */
  putPoint(draft: PointDraft, expectedVersion: number | null): Promise<PointRecord>
  /**
   * Upserts many drafts, idempotently: identical content is left untouched. With `dryRun` it
   * only compares with what is stored and says what it would create, update or leave unchanged.
   */
  importPoints(drafts: readonly PointDraft[], options?: { dryRun?: boolean }): Promise<ImportResult>
  /** Every point, in no particular order (the snapshot builder's input). */
  listAll(): Promise<PointRecord[]>
  getVersion(): Promise<RegistryVersion>
}
