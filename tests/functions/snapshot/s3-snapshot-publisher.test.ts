import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deserializeSnapshot } from '../../../shared/geo/snapshot-codec.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { S3SnapshotPublisher } from '../../../functions/snapshot/s3-snapshot-publisher.ts'
import { SNAPSHOT_LAYOUT, snapshotKey } from '../../../functions/snapshot/snapshot-pointer.ts'
import { generateRegistry } from '../../shared/geo/fixtures.ts'
import { startLocalS3, type LocalS3 } from './local-s3.ts'

const records = generateRegistry({ points: 30, seed: 7, today: '2026-11-23' })
const snapshotAt = (registryVersion: number, minute: number) =>
  buildSnapshot(records, { registryVersion, builtAt: new Date(Date.UTC(2026, 10, 23, 8, minute)) })

describe('S3SnapshotPublisher', () => {
  let s3: LocalS3
  beforeAll(async () => {
    s3 = await startLocalS3()
  })
  afterAll(() => s3.close())

  it('writes the snapshot under a key of its own and then points the pointer at it', async () => {
    const publisher = new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket, pointerKey: 'first/current.json' })
    expect(await publisher.current()).toBeUndefined()
    const snapshot = snapshotAt(3, 0)
    const outcome = await publisher.publish(snapshot)

    expect(outcome.published).toBe(true)
    expect(outcome.pointer).toMatchObject({ key: snapshotKey(3, snapshot.builtAt), registryVersion: 3, pointCount: 30, siteCount: snapshot.siteCount })
    expect(await publisher.current()).toEqual(outcome.pointer)
    const object = await s3.client().send(new GetObjectCommand({ Bucket: s3.bucket, Key: outcome.pointer.key }))
    const bytes = await object.Body!.transformToByteArray()
    expect(bytes.byteLength).toBe(outcome.pointer.bytes)
    const loaded = deserializeSnapshot(bytes)
    expect(loaded.registryVersion).toBe(3)
    expect(loaded.pointIds).toEqual(snapshot.pointIds)
  })

  it('never moves the pointer back to an older registry version', async () => {
    const publisher = new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket, pointerKey: 'race/current.json' })
    await publisher.publish(snapshotAt(9, 1))
    const late = await publisher.publish(snapshotAt(8, 2))
    expect(late).toMatchObject({ published: false, reason: 'the pointer is already at registry version 9' })
    expect((await publisher.current())?.registryVersion).toBe(9)
  })

  it('keeps the current snapshot and the two before it, and deletes older ones', async () => {
    const local = await startLocalS3('prune-bucket')
    try {
      const publisher = new S3SnapshotPublisher({ s3: local.client(), bucket: local.bucket })
      const published = []
      for (let version = 1; version <= 5; version++) published.push((await publisher.publish(snapshotAt(version, version))).pointer.key)
      const page = await local.client().send(new ListObjectsV2Command({ Bucket: local.bucket, Prefix: SNAPSHOT_LAYOUT.snapshotPrefix }))
      expect((page.Contents ?? []).map((o) => o.Key).sort()).toEqual(published.slice(2))
    } finally {
      await local.close()
    }
  })

  it('refuses to start without a bucket', () => {
    expect(() => new S3SnapshotPublisher({ s3: s3.client(), bucket: '' })).toThrow('S3SnapshotPublisher: bucket is required')
  })
})
