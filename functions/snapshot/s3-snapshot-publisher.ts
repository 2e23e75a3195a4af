import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { serializeSnapshot, snapshotFileSummary } from '../../shared/geo/snapshot-codec.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { ReadS3Object } from './s3-object-reader.ts'
import { sdkObjectReader } from './s3-sdk-object-reader.ts'
import { readPointerObject } from './s3-snapshot-pointer-reader.ts'
import { SNAPSHOT_LAYOUT, snapshotKey, type SnapshotPointer } from './snapshot-pointer.ts'

export interface S3SnapshotPublisherOptions {
  readonly s3: S3Client
  readonly bucket: string
  /** @default SNAPSHOT_LAYOUT.pointerKey */
  readonly pointerKey?: string
  /** A snapshot file larger than this goes up in parts of this size (S3's least: 5 MiB). @default SNAPSHOT_PART_BYTES */
  readonly partBytes?: number
}

/**
 * Parts of a snapshot file's upload: a national file (~1 GB) as one PUT would be one request of
 * minutes that a single network error undoes whole; in parts, each is retried on its own and four
 * travel at once. Today's (~4 MB) stays one PUT. The parts are views of the file, not copies.
 */
export const SNAPSHOT_PART_BYTES = 16 * 2 ** 20
const SNAPSHOT_PARTS_IN_FLIGHT = 4

export type PublishOutcome =
  | { readonly published: true; readonly pointer: SnapshotPointer }
  | { readonly published: false; readonly reason: string; readonly pointer: SnapshotPointer }

/**
 * Writes a snapshot to S3 under a key of its own, then moves the pointer to it, then prunes old
 * snapshots. Never moves the pointer backwards: a rebuild that raced a newer one is dropped.
 */
export class S3SnapshotPublisher {
  private readonly s3: S3Client
  private readonly readObject: ReadS3Object
  private readonly bucket: string
  private readonly pointerKey: string
  private readonly partBytes: number

  constructor({ s3, bucket, pointerKey = SNAPSHOT_LAYOUT.pointerKey, partBytes = SNAPSHOT_PART_BYTES }: S3SnapshotPublisherOptions) {
    if (!bucket) throw new Error('S3SnapshotPublisher: bucket is required')
    this.s3 = s3
    this.partBytes = partBytes
    this.readObject = sdkObjectReader(s3, bucket)
    this.bucket = bucket
    this.pointerKey = pointerKey
  }

  /** The pointer as it is now; undefined before the first publication. */
  current(): Promise<SnapshotPointer | undefined> {
    return readPointerObject(this.readObject, this.bucket, this.pointerKey)
  }

  publish(snapshot: Snapshot): Promise<PublishOutcome> {
    return this.publishIfNewer(snapshot.registryVersion, () => serializeSnapshot(snapshot))
  }

  /**
   * The same, for a snapshot file already written (a streamed build: snapshot-file-builder.ts).
   * `beforePointer` runs once the file is stored and before the pointer moves to it: what must be
   * complete when readers see the snapshot (the open-data files). If it throws, the pointer stays
   * where it was, so the retry rebuilds instead of finding the version published already.
   */
  publishFile(bytes: Uint8Array, { beforePointer }: { beforePointer?: () => Promise<void> } = {}): Promise<PublishOutcome> {
    return this.publishIfNewer(snapshotFileSummary(bytes).registryVersion, () => bytes, beforePointer)
  }

  /** Writes the file of `registryVersion` (made only once the pointer is known not to be past it). */
  private async publishIfNewer(registryVersion: number, file: () => Uint8Array, beforePointer?: () => Promise<void>): Promise<PublishOutcome> {
    const before = await this.current()
    if (before && before.registryVersion > registryVersion) {
      return { published: false, reason: `the pointer is already at registry version ${before.registryVersion}`, pointer: before }
    }
    const bytes = file()
    const summary = snapshotFileSummary(bytes)
    const pointer: SnapshotPointer = {
      key: snapshotKey(summary.registryVersion, summary.builtAt),
      registryVersion: summary.registryVersion,
      builtAt: summary.builtAt,
      bytes: bytes.byteLength,
      pointCount: summary.pointCount,
      siteCount: summary.siteCount,
      invalidItems: summary.invalidItems,
      coreBytes: summary.coreBytes,
    }
    // A failed part aborts the upload (lib-storage's default), so no half-written file waits for the bucket's rules.
    await new Upload({
      client: this.s3,
      params: { Bucket: this.bucket, Key: pointer.key, Body: bytes, ContentType: 'application/vnd.puntovicino.snapshot' },
      partSize: this.partBytes,
      queueSize: SNAPSHOT_PARTS_IN_FLIGHT,
    }).done()
    await beforePointer?.()
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.pointerKey,
        Body: JSON.stringify(pointer),
        ContentType: 'application/json',
        // Readers poll it; no intermediary may hold an old pointer.
        CacheControl: 'no-store',
      }),
    )
    await this.prune(pointer.key)
    return { published: true, pointer }
  }

  /** Deletes all but the newest snapshots; bucket versioning and its lifecycle rule keep them 30 more days. */
  private async prune(currentKey: string): Promise<void> {
    const keys: string[] = []
    let token: string | undefined
    do {
      const page = await this.s3.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: SNAPSHOT_LAYOUT.snapshotPrefix, ContinuationToken: token }))
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key)
      token = page.NextContinuationToken
    } while (token)
    const stale = keys
      .filter((key) => key !== currentKey)
      .sort()
      .reverse()
      .slice(SNAPSHOT_LAYOUT.keepPrevious)
    if (stale.length === 0) return
    await this.s3.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: stale.map((Key) => ({ Key })), Quiet: true } }))
  }
}
