import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deserializeSnapshot, serializeSnapshot } from '../../../shared/geo/snapshot-codec.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { S3SnapshotPublisher } from '../../../functions/snapshot/s3-snapshot-publisher.ts'
import { SNAPSHOT_LAYOUT, snapshotKey } from '../../../functions/snapshot/snapshot-pointer.ts'
import { generateRegistry } from '../../shared/geo/fixtures.ts'
import { refuseUploadParts, startLocalS3, type LocalS3 } from './local-s3.ts'

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

  describe('a file of several parts', () => {
    // Over 5 MiB, S3's least part: two parts of 5 MiB and the rest.
    const large = serializeSnapshot(buildSnapshot(generateRegistry({ points: 9000, seed: 3, today: '2026-11-23' }), { registryVersion: 21, builtAt: new Date('2026-11-23T09:00:00Z') }))
    const partBytes = 5 * 2 ** 20

    it('goes up in parts and reads back the same', async () => {
      expect(large.byteLength).toBeGreaterThan(2 * partBytes)
      const commands: string[] = []
      const client = s3.client()
      client.middlewareStack.add((next, context) => (args) => (commands.push(context.commandName ?? ''), next(args)), { step: 'initialize', name: 'countCommands' })
      const outcome = await new S3SnapshotPublisher({ s3: client, bucket: s3.bucket, pointerKey: 'parts/current.json', partBytes }).publishFile(large)
      expect(commands.filter((name) => name === 'UploadPartCommand')).toHaveLength(3)
      const stored = await (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: outcome.pointer.key }))).Body!.transformToByteArray()
      expect(Buffer.from(stored).equals(Buffer.from(large))).toBe(true)
    }, 60_000)

    it('fails with S3\'s own error when a part fails, aborts the upload and leaves the pointer where it was', async () => {
      const client = s3.client()
      // The fault: the second part is refused.
      const ended = refuseUploadParts(client, (part) => part.PartNumber === 2)
      const publisher = new S3SnapshotPublisher({ s3: client, bucket: s3.bucket, pointerKey: 'failing/current.json', partBytes })
      await publisher.publish(snapshotAt(20, 5))
      const before = await publisher.current()
      let openData = 0
      await expect(publisher.publishFile(large, { beforePointer: async () => void openData++ })).rejects.toThrow('SlowDown: injected on part 2')
      expect(ended.filter((command) => command.startsWith('AbortMultipartUploadCommand'))).toEqual([`AbortMultipartUploadCommand ${snapshotKey(21, '2026-11-23T09:00:00.000Z')}`])
      expect(openData).toBe(0)
      expect(await publisher.current()).toEqual(before)
    }, 60_000)
  })

  it('refuses to start without a bucket', () => {
    expect(() => new S3SnapshotPublisher({ s3: s3.client(), bucket: '' })).toThrow('S3SnapshotPublisher: bucket is required')
  })
})
