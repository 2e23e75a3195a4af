import type { Snapshot } from '../../shared/geo/snapshot.ts'

/**
 * Where the API gets the registry snapshot it answers from. Locally it is rebuilt in-process
 * when the registry version moves; on AWS it is loaded from S3. Either way a query only ever
 * sees a whole snapshot: a new one replaces the old in one assignment.
 */
export interface SnapshotSource {
  /** The snapshot to answer from now; undefined until the first one is ready. */
  current(): Snapshot | undefined
}
