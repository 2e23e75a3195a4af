import type { ChangeKind } from './registry/point-changes.ts'
import type { PointDraft, PointRecord } from './schemas/point.ts'
import type { KeptValue } from './registry/kept-values.ts'

/**
 * The registry as the rest of the system sees it. `functions/repository/dynamodb-registry.ts`
 * fulfils it; nothing else knows DynamoDB exists.
 */

export interface RegistryVersion {
  /** Increases on every write that changed something. 0 for an empty, never-written registry. */
  readonly version: number
  readonly updatedAt: string | null
  /**
   * Writes that began and have not ended: a writer in progress, or one that crashed between its
   * item writes and its version bump. The next write recovers the crashed ones (see `WriteMark`).
   * There is deliberately no point count here: a counter can be skipped by a crash, so counts
   * come from the data (the snapshot).
   */
  readonly openWrites: readonly WriteMark[]
  /**
   * The last write ticket drawn. Every write draws the next one when it begins, and every point
   * it stores carries it: the change feed's order. Readers know that every ticket up to this one,
   * except those of the open writes, is fully stored (see `changesHorizon`).
   */
  readonly writeSeq: number
}

/** A writer's note, left on the version item before it writes items and removed by its final bump. */
export interface WriteMark {
  readonly token: string
  readonly startedAt: string
  readonly host: string
  readonly pid: number
  /** The write ticket it drew: the points it stores carry it. */
  readonly ticket: number
}

/** A stored item that is not a valid point record: skipped by readers, reported with its key. */
export interface InvalidItem {
  readonly key: string
  readonly reason: string
}

export interface RegistryContents {
  /** Every valid point, in no particular order (the snapshot builder's input). */
  readonly records: PointRecord[]
  /**
   * Items that failed the record schema (written by hand, by an older version, by a bug): one of
   * them must not stop every snapshot, so they are set aside here for the caller to count and log.
   */
  readonly invalid: InvalidItem[]
  /** Each valid point's write ticket (0 for items stored before tickets existed): the change feed's order. */
  readonly changeSeq: ReadonlyMap<string, number>
}

/** One page of a scan of the registry: `changeSeq[i]` is `records[i]`'s write ticket. */
export interface RegistryPage {
  readonly records: readonly PointRecord[]
  readonly invalid: readonly InvalidItem[]
  readonly changeSeq: readonly number[]
}

/** An active point as an import matches it against its file: the same id in two datasets is two points. */
export interface PointSourceEntry {
  readonly id: string
  readonly source: { readonly dataset: string; readonly original_id: string }
}

/** `kept_closed`: the file would reopen a point the region closed; it stays closed (see ImportNotice). */
export type ImportOutcome = 'created' | 'updated' | 'unchanged' | 'kept_closed'

/**
 * What an import did not do silently: a point kept closed although the file says it is open, and
 * a point whose last change, made by an operator, the file's version replaced. Named with who made
 * that decision or change, when, and why.
 */
export interface ImportNotice {
  readonly id: string
  readonly kind: 'kept_closed' | 'replaced_operator_change'
  readonly by: string
  readonly at: string
  readonly reason: string | null
}

export interface ImportResult {
  readonly created: number
  readonly updated: number
  readonly unchanged: number
  /** Rows whose write failed for good (after retries), with the reason; the others are stored. */
  readonly failed: ReadonlyArray<{ id: string; reason: string }>
  readonly outcomes: ReadonlyMap<string, ImportOutcome>
  /** Interrupted writes of crashed writers found and closed by this import (their data re-announced). */
  readonly recoveredWrites: number
  readonly notices: readonly ImportNotice[]
  /** What the store pushed back and was retried: throttled or failed requests, and items a batch call left unprocessed. */
  readonly retried: RetryCounts
}

export interface RetryCounts {
  readonly requests: number
  readonly unprocessedItems: number
}

/**
 * Who made a write, as its history keeps it: an operator signed in through OpenID Connect (`id` =
 * the provider's subject), or a process run from the command line (an import, the demo seed).
 */
export interface Author {
  readonly id: string
  /** What a person reads in the history: an e-mail address, or the process's user and host. */
  readonly name: string
}

/** What a write says about itself, beyond the new content. */
export interface WriteNote {
  readonly author: Author
  /** Why: required by the write API when a point is closed; free text otherwise. */
  readonly reason?: string | undefined
}

/**
 * One version of a point as its history keeps it: the record as written, who wrote it, when,
 * what kind of change it was and which top-level fields it changed from the version before.
 */
export interface HistoryEntry {
  readonly id: string
  readonly version: number
  readonly at: string
  readonly author: Author
  readonly change: ChangeKind
  readonly changed: readonly string[]
  readonly reason: string | null
  readonly record: PointRecord
}

/** A set of points an operator answers for: a region's, or an operator's (by the slug of its name). */
export type PointArea = { readonly region: string } | { readonly operator: string }

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
  /** Several points at once (in batches, not one read each): those that exist, by id. */
  getPoints(ids: readonly string[]): Promise<Map<string, PointRecord>>
  /**
   * Creates (expectedVersion null) or replaces (expectedVersion = the version read) one point.
   * Throws VersionConflictError when someone else wrote first: no lost update.
   */
  putPoint(draft: PointDraft, expectedVersion: number | null, note?: WriteNote): Promise<PointRecord>
  /**
   * Upserts many drafts, idempotently: identical content is left untouched. With `dryRun` it
   * only compares with what is stored and says what it would create, update or leave unchanged.
   * Every created or updated point gets its history entry, under `author` (default: the registry's).
   * `kept`, by point id: values its file had but could not be read, which a stored point keeps.
   */
  importPoints(drafts: readonly PointDraft[], options?: { dryRun?: boolean; author?: Author; kept?: ReadonlyMap<string, readonly KeptValue[]> }): Promise<ImportResult>
  /** The points of a region or of an operator, as stored now (the operators' console lists them). */
  listPoints(area: PointArea): Promise<PointRecord[]>
  /** A point's versions, newest first, at most `limit` (each with the record as it was written). */
  getHistory(id: string, options?: { limit?: number }): Promise<HistoryEntry[]>
  /** Every stored point, each validated: the valid records and the items set aside. */
  readAll(): Promise<RegistryContents>
  /**
   * The same, a page at a time as the scan reads it, so a caller can let go of each page (the
   * indexer at national scale cannot hold every record: snapshot-file-builder.ts).
   */
  scanPoints(): AsyncIterable<RegistryPage>
  /**
   * The active points of these datasets, each as its id and source, in no order: what an import
   * needs to name the points its file leaves out, without reading and validating whole records.
   */
  activePointSources(datasets: ReadonlySet<string>): Promise<PointSourceEntry[]>
  /** Whether any point is stored, valid or not (whatever the version item says). */
  hasAnyPoint(): Promise<boolean>
  getVersion(): Promise<RegistryVersion>
  /**
   * Closes the open writes of writers that are gone (crashed or killed), moving the version on so
   * that readers pick up whatever they wrote before dying. Returns how many it closed.
   */
  recoverInterruptedWrites(): Promise<number>
}
