import type { Snapshot } from '../../shared/geo/snapshot.ts'

/**
 * Where the API gets the registry snapshot it answers from. Locally it is rebuilt in-process
 * when the registry version moves; on AWS it is loaded from S3. Either way a query only ever
 * sees a whole snapshot: a new one replaces the old in one assignment.
 */
export interface SnapshotSource {
  /** The snapshot to answer from now; undefined until the first one is ready. */
  current(): Snapshot | undefined
  /** How the snapshot compares with its source of truth, for `/healthz`. */
  freshness(): SnapshotFreshness
}

/**
 * What a snapshot source knows about being behind. The source of truth is the registry table
 * locally, and on AWS the pointer the indexer publishes (the function cannot read the table).
 */
export interface SnapshotFreshness {
  /** The registry version the source of truth was last seen at; null before the first answer. */
  readonly sourceVersion: number | null
  /** When the source of truth last answered. */
  readonly checkedAt: Date | null
  /**
   * Since when the snapshot served has been behind its source, or the source has not answered;
   * null while it is known to be up to date.
   */
  readonly behindSince: Date | null
  /** The last failure to check or rebuild, if the last attempt failed. */
  readonly lastError: string | null
}

/** Tracks freshness for a source: it reports what it saw, this keeps the dates straight. */
export class FreshnessTracker {
  private state: SnapshotFreshness = { sourceVersion: null, checkedAt: null, behindSince: null, lastError: null }

  constructor(private readonly now: () => Date = () => new Date()) {}

  get(): SnapshotFreshness {
    return this.state
  }

  /** The source answered: at `sourceVersion`, while the snapshot served is at `servedVersion`. */
  sawSource(sourceVersion: number, servedVersion: number | undefined): void {
    const now = this.now()
    const behind = servedVersion !== sourceVersion
    this.state = { sourceVersion, checkedAt: now, lastError: null, behindSince: behind ? (this.state.behindSince ?? now) : null }
  }

  /** The served snapshot now covers `servedVersion`. */
  served(servedVersion: number): void {
    if (this.state.sourceVersion !== null && servedVersion >= this.state.sourceVersion) this.state = { ...this.state, behindSince: null }
  }

  failed(error: unknown): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    this.state = { ...this.state, lastError: message, behindSince: this.state.behindSince ?? this.now() }
  }
}

/** A source whose snapshot is its own truth (built in memory by the caller): never behind. */
export function inMemorySnapshotSource(initial: Snapshot): SnapshotSource & { swap(next: Snapshot): void } {
  let current = initial
  return {
    current: () => current,
    swap: (next) => void (current = next),
    freshness: () => ({ sourceVersion: current.registryVersion, checkedAt: new Date(current.builtAt), behindSince: null, lastError: null }),
  }
}
