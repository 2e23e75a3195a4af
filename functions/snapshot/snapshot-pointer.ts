import { z } from 'zod'

/**
 * The small object that says which snapshot is current. The indexer writes the snapshot under a
 * new key first and moves this pointer last, so a reader never sees a half-written snapshot:
 * either the old key or the new one, each complete.
 */
export const SnapshotPointer = z.object({
  key: z.string().min(1),
  registryVersion: z.number().int().nonnegative(),
  builtAt: z.string(),
  bytes: z.number().int().nonnegative(),
  pointCount: z.number().int().nonnegative(),
  siteCount: z.number().int().nonnegative(),
  /** Stored items left out as invalid; absent in pointers written before it existed. */
  invalidItems: z.number().int().nonnegative().default(0),
  /**
   * Where the snapshot's records start (snapshot-codec.ts `coreBytes`): a reader may fetch the
   * bytes before it and the records by range. Absent in pointers written before it existed.
   */
  coreBytes: z.number().int().nonnegative().optional(),
})
export type SnapshotPointer = z.infer<typeof SnapshotPointer>

/** Where the snapshot bucket keeps things: one place, shared by the indexer, the API and the stack. */
export const SNAPSHOT_LAYOUT = {
  pointerKey: 'snapshots/current.json',
  snapshotPrefix: 'snapshots/v',
  /**
   * Snapshots kept besides the current one: an API instance mid-load never loses its object, and
   * one serving a large snapshot's records by range (they stay in S3) keeps reading them until its
   * next pointer check (≤ 30 s) moves it on; if its object is pruned first, record reads answer
   * 503 records-unavailable meanwhile.
   */
  keepPrevious: 2,
} as const

export function snapshotKey(registryVersion: number, builtAt: string): string {
  // Zero-padded so the keys sort by version; the build time keeps two rebuilds of one version apart.
  return `${SNAPSHOT_LAYOUT.snapshotPrefix}${String(registryVersion).padStart(12, '0')}-${builtAt.replace(/[:.]/g, '')}.pvsn`
}

/**
 * Beyond this many bytes after the core (point records, search text, coverage facts) the rest
 * stays in S3: an API instance reads the snapshot's core (index, tables, ids, the records'
 * offsets: ~80 MiB at a million sites) and the rest by range when an answer needs it
 * (snapshot-codec.ts, ranged-record-store.ts). Below it the whole snapshot is one read, as for
 * today's registry (3,000 points, ~4 MiB). 64 MiB is some 50,000 points: past it a whole read
 * would grow the cold start and the memory with bytes most instances never serve.
 */
export const SPLIT_RECORDS_ABOVE_BYTES = 64 * 1024 * 1024

/**
 * The bytes of the snapshot an API instance reads when it loads: all of them, or its core only.
 * Always as a range, so that a reader may fetch a large one as parts at once (s3-signed-get.ts).
 */
export function snapshotReadPlan(pointer: Pick<SnapshotPointer, 'bytes' | 'coreBytes'>, splitAbove = SPLIT_RECORDS_ABOVE_BYTES): { coreOnly: boolean; range: { start: number; end: number } } {
  const { bytes, coreBytes } = pointer
  const coreOnly = coreBytes !== undefined && coreBytes > 0 && bytes - coreBytes > splitAbove
  return { coreOnly, range: { start: 0, end: coreOnly ? coreBytes : bytes } }
}
