import type { ReadS3Object } from './s3-object-reader.ts'

export interface PrefetchedSnapshotReads {
  /** Serves each prefetched object once, to its first reader; any other read goes straight to S3. */
  readonly readObject: ReadS3Object
  /** Settles when the pointer has arrived (or failed) and the snapshot it names is in flight. */
  readonly pointerSettled: Promise<void>
}

/** The key a pointer names, only to start fetching it early: the snapshot source validates the pointer itself. */
function keyNamedBy(pointerBytes: Uint8Array): string | undefined {
  try {
    const key: unknown = JSON.parse(new TextDecoder().decode(pointerBytes)).key
    return typeof key === 'string' && key ? key : undefined
  } catch {
    return undefined
  }
}

/**
 * Starts reading the snapshot pointer now, and the snapshot it names as soon as the pointer
 * arrives. The API Lambda's cold start calls it before evaluating the app's modules, so the two
 * S3 round trips overlap that work instead of following it. Failures are left for the snapshot
 * source to meet (and report) when it reads the same objects.
 */
export function prefetchSnapshotReads(read: ReadS3Object, pointerKey: string): PrefetchedSnapshotReads {
  const early = new Map<string, Promise<Uint8Array | undefined>>()
  const start = (key: string): Promise<Uint8Array | undefined> => {
    const reading = read(key)
    reading.catch(() => {}) // handled by whoever takes it from `early`
    early.set(key, reading)
    return reading
  }
  const pointerSettled = start(pointerKey).then(
    (bytes) => {
      const key = bytes && keyNamedBy(bytes)
      if (key) start(key)
    },
    () => undefined,
  )
  const readObject: ReadS3Object = (key) => {
    const prefetched = early.get(key)
    if (!prefetched) return read(key)
    early.delete(key)
    return prefetched
  }
  return { readObject, pointerSettled }
}
