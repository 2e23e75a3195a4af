import { deserializeSnapshot } from '../../shared/geo/snapshot-codec.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { ReadS3Object } from './s3-object-reader.ts'
import { readPointerObject } from './s3-snapshot-pointer-reader.ts'
import { SNAPSHOT_LAYOUT, snapshotReadPlan, type SnapshotPointer } from './snapshot-pointer.ts'
import { FreshnessTracker, type SnapshotFreshness, type SnapshotSource } from './snapshot-source.ts'

export interface S3SnapshotSourceOptions {
  /**
   * How to read S3: the deployed function passes a signed GET without the SDK
   * (`s3-signed-get.ts`); tests and tools may wrap an SDK client (`s3-sdk-object-reader.ts`).
   * Never an SDK client here: esbuild's code splitting put the SDK's shared modules in a chunk
   * every cold start loaded, even behind a dynamic import the function never took.
   */
  readonly readObject: ReadS3Object
  readonly bucket: string
  /** @default SNAPSHOT_LAYOUT.pointerKey */
  readonly pointerKey?: string
  /** The pointer is read again at most this often. @default 30000 */
  readonly recheckEveryMs?: number
  /** Milliseconds clock; injected by tests so they need not wait 30 s. @default Date.now */
  readonly now?: () => number
  readonly onLoaded?: (pointer: SnapshotPointer, loadMs: number) => void
  /** A failed check keeps the snapshot already loaded; this hears about it. */
  readonly onError?: (error: unknown) => void
  /** Records beyond this many bytes stay in S3, read by range (`snapshotReadPlan`). @default SPLIT_RECORDS_ABOVE_BYTES */
  readonly splitRecordsAbove?: number
  /** How many decoded records a snapshot whose records stay in S3 keeps. @default DECODED_RECORDS_KEPT */
  readonly keepDecodedRecords?: number
  /** How long one answer may spend fetching records that stay in S3 (PointRecordStore.fetchBudgetMs). @default RECORDS_BUDGET_MS */
  readonly fetchBudgetMs?: () => number | undefined
}

/**
 * The API's snapshot source on AWS: loads the current snapshot from S3 on the first request of
 * an instance (cold start) and checks the small pointer object at most every `recheckEveryMs`.
 * It never touches DynamoDB. The handler awaits `refreshIfDue()` before each request, because
 * Lambda freezes an instance between invocations and a background timer would not run.
 */
export class S3SnapshotSource implements SnapshotSource {
  private readonly readObject: ReadS3Object
  private readonly bucket: string
  private readonly pointerKey: string
  private readonly recheckEveryMs: number
  private readonly now: () => number
  private snapshot: Snapshot | undefined
  private loadedKey: string | undefined
  private lastCheckAt = Number.NEGATIVE_INFINITY
  private checking: Promise<void> | undefined
  private readonly tracker: FreshnessTracker

  constructor(private readonly options: S3SnapshotSourceOptions) {
    if (!options.bucket) throw new Error('S3SnapshotSource: bucket is required')
    if (options.recheckEveryMs !== undefined && !(options.recheckEveryMs >= 0)) {
      throw new Error(`S3SnapshotSource: recheckEveryMs must be a number ≥ 0, got ${options.recheckEveryMs}`)
    }
    if (typeof options.readObject !== 'function') throw new Error('S3SnapshotSource: readObject is required')
    this.readObject = options.readObject
    this.bucket = options.bucket
    this.pointerKey = options.pointerKey ?? SNAPSHOT_LAYOUT.pointerKey
    this.recheckEveryMs = options.recheckEveryMs ?? 30_000
    this.now = options.now ?? Date.now
    this.tracker = new FreshnessTracker(() => new Date(this.now()))
  }

  current(): Snapshot | undefined {
    return this.snapshot
  }

  freshness(): SnapshotFreshness {
    return this.tracker.get()
  }

  /**
   * Reads the pointer when the last check is older than the interval (or never happened) and
   * loads the snapshot it names if that is a new one. Concurrent callers share one check. A
   * failure is reported to onError and the loaded snapshot stays in service; the next check
   * waits a full interval, so an S3 outage does not add a failing call to every request.
   */
  refreshIfDue(): Promise<void> {
    if (this.now() - this.lastCheckAt < this.recheckEveryMs) return Promise.resolve()
    this.checking ??= this.check().finally(() => {
      this.checking = undefined
    })
    return this.checking
  }

  private async check(): Promise<void> {
    this.lastCheckAt = this.now()
    try {
      const pointer = await readPointerObject(this.readObject, this.bucket, this.pointerKey)
      if (!pointer) return
      this.tracker.sawSource(pointer.registryVersion, this.snapshot?.registryVersion)
      if (pointer.key === this.loadedKey) return
      const started = performance.now()
      const next = await this.load(pointer)
      // One assignment: a request in flight keeps the snapshot it started with.
      this.snapshot = next
      this.loadedKey = pointer.key
      this.tracker.served(next.registryVersion)
      this.options.onLoaded?.(pointer, performance.now() - started)
    } catch (error) {
      this.tracker.failed(error)
      if (this.options.onError) this.options.onError(error)
      else throw error
    }
  }

  /** The snapshot the pointer names: read whole, or its core only with its records read by range. */
  private async load(pointer: SnapshotPointer): Promise<Snapshot> {
    const plan = snapshotReadPlan(pointer, this.options.splitRecordsAbove)
    const key = pointer.key
    const bytes = await this.readObject(key, plan.range)
    if (!bytes) throw new Error(`snapshot s3://${this.bucket}/${key}, named by the pointer ${this.pointerKey}, does not exist`)
    if (!plan.coreOnly) return deserializeSnapshot(bytes)
    const readObject = this.readObject
    return deserializeSnapshot(bytes, {
      tail: {
        read: async (start, end) => {
          const range = await readObject(key, { start, end })
          // Snapshots are kept a while after the pointer moves on (SNAPSHOT_LAYOUT.keepPrevious).
          if (!range) throw new Error(`snapshot s3://${this.bucket}/${key} is gone; the next pointer check loads the current one`)
          return range
        },
        records: { keep: this.options.keepDecodedRecords, fetchBudgetMs: this.options.fetchBudgetMs },
      },
    })
  }
}
