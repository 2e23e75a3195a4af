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
})
export type SnapshotPointer = z.infer<typeof SnapshotPointer>

/** Where the snapshot bucket keeps things: one place, shared by the indexer, the API and the stack. */
export const SNAPSHOT_LAYOUT = {
  pointerKey: 'snapshots/current.json',
  snapshotPrefix: 'snapshots/v',
  /** Snapshots kept besides the current one, so an API instance mid-load never loses its object. */
  keepPrevious: 2,
} as const

export function snapshotKey(registryVersion: number, builtAt: string): string {
  // Zero-padded so the keys sort by version; the build time keeps two rebuilds of one version apart.
  return `${SNAPSHOT_LAYOUT.snapshotPrefix}${String(registryVersion).padStart(12, '0')}-${builtAt.replace(/[:.]/g, '')}.pvsn`
}
