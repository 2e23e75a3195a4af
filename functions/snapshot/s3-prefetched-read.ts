import type { ByteRange, ReadS3Object } from './s3-object-reader.ts'
import { snapshotReadPlan, SPLIT_RECORDS_ABOVE_BYTES } from './snapshot-pointer.ts'

export interface PrefetchedSnapshotReads {
  /** Serves each prefetched object once, to its first reader; any other read goes straight to S3. */
  readonly readObject: ReadS3Object
  /** Settles when the pointer has arrived (or failed) and the snapshot it names is in flight. */
  readonly pointerSettled: Promise<void>
}

/**
 * The key a pointer names and the part of it the snapshot source will read (`snapshotReadPlan`),
 * only to start fetching it early: the snapshot source validates the pointer itself.
 */
function readNamedBy(pointerBytes: Uint8Array, splitAbove: number): { key: string; range: ByteRange } | undefined {
  try {
    const { key, bytes, coreBytes } = JSON.parse(new TextDecoder().decode(pointerBytes)) as Record<string, unknown>
    if (typeof key !== 'string' || !key || typeof bytes !== 'number') return undefined
    return { key, range: snapshotReadPlan({ bytes, ...(typeof coreBytes === 'number' ? { coreBytes } : {}) }, splitAbove).range }
  } catch {
    return undefined
  }
}

const readId = (key: string, range: ByteRange | undefined): string => (range ? `${key}#${range.start}-${range.end}` : key)

/**
 * Starts reading the snapshot pointer now, and the snapshot it names (whole, or its core) as soon
 * as the pointer arrives. The API Lambda's cold start calls it before evaluating the app's modules, so the two
 * S3 round trips overlap that work instead of following it. Failures are left for the snapshot
 * source to meet (and report) when it reads the same objects.
 */
export function prefetchSnapshotReads(read: ReadS3Object, pointerKey: string, splitAbove = SPLIT_RECORDS_ABOVE_BYTES): PrefetchedSnapshotReads {
  const early = new Map<string, Promise<Uint8Array | undefined>>()
  const start = (key: string, range?: ByteRange): Promise<Uint8Array | undefined> => {
    const reading = read(key, range)
    reading.catch(() => {}) // handled by whoever takes it from `early`
    early.set(readId(key, range), reading)
    return reading
  }
  const pointerSettled = start(pointerKey).then(
    (bytes) => {
      const named = bytes && readNamedBy(bytes, splitAbove)
      if (named) start(named.key, named.range)
    },
    () => undefined,
  )
  const readObject: ReadS3Object = (key, range) => {
    const id = readId(key, range)
    const prefetched = early.get(id)
    if (!prefetched) return read(key, range)
    early.delete(id)
    return prefetched
  }
  return { readObject, pointerSettled }
}
