import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { S3SnapshotPublisher } from '../../../functions/snapshot/s3-snapshot-publisher.ts'
import { S3SnapshotSource } from '../../../functions/snapshot/s3-snapshot-source.ts'
import { sdkObjectReader } from '../../../functions/snapshot/s3-sdk-object-reader.ts'
import { generateRegistry } from '../../shared/geo/fixtures.ts'
import { startLocalS3, type LocalS3 } from './local-s3.ts'

const records = generateRegistry({ points: 40, seed: 3, today: '2026-11-23' })
const snapshotOf = (registryVersion: number, count = records.length) =>
  buildSnapshot(records.slice(0, count), { registryVersion, builtAt: new Date(Date.UTC(2026, 10, 23, 8, registryVersion)) })

/** A clock the test moves by hand: the 30-second rule is checked without waiting 30 seconds. */
function manualClock(start = 1_000_000) {
  let t = start
  return { now: () => t, advance: (ms: number) => void (t += ms) }
}

describe('S3SnapshotSource', () => {
  let s3: LocalS3
  let scenario = 0
  beforeAll(async () => {
    s3 = await startLocalS3()
  })
  afterAll(() => s3.close())

  /** Each case gets its own pointer key in the shared bucket. */
  function setup(overrides: Partial<ConstructorParameters<typeof S3SnapshotSource>[0]> = {}) {
    const pointerKey = `case-${++scenario}/current.json`
    const client = s3.client()
    const clock = manualClock()
    const errors: unknown[] = []
    const source = new S3SnapshotSource({ readObject: sdkObjectReader(client, s3.bucket), bucket: s3.bucket, pointerKey, now: clock.now, onError: (e) => errors.push(e), ...overrides })
    const publisher = new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket, pointerKey })
    return { source, publisher, clock, errors, client, pointerKey }
  }

  it('has no snapshot, and no error, while nothing was ever published', async () => {
    const { source, errors } = setup()
    await source.refreshIfDue()
    expect(source.current()).toBeUndefined()
    expect(errors).toEqual([])
  })

  it('loads the snapshot the pointer names on the first refresh', async () => {
    const { source, publisher } = setup()
    await publisher.publish(snapshotOf(4))
    await source.refreshIfDue()
    expect(source.current()?.registryVersion).toBe(4)
    expect(source.current()?.pointCount).toBe(40)
  })

  it('reads the pointer again only after 30 seconds, then serves the new snapshot', async () => {
    const { source, publisher, clock } = setup()
    await publisher.publish(snapshotOf(1, 10))
    await source.refreshIfDue()
    await publisher.publish(snapshotOf(2, 20))

    clock.advance(29_999)
    await source.refreshIfDue()
    expect(source.current()?.registryVersion).toBe(1)

    clock.advance(1)
    await source.refreshIfDue()
    expect(source.current()?.registryVersion).toBe(2)
    expect(source.current()?.pointCount).toBe(20)
  })

  it('makes one pointer request for concurrent callers and none while the pointer is unchanged', async () => {
    const { source, publisher, clock, client } = setup()
    await publisher.publish(snapshotOf(1, 5))
    const send = vi.spyOn(client, 'send')
    await Promise.all([source.refreshIfDue(), source.refreshIfDue(), source.refreshIfDue()])
    expect(send).toHaveBeenCalledTimes(2) // the pointer, then the snapshot
    clock.advance(30_000)
    await source.refreshIfDue()
    expect(send).toHaveBeenCalledTimes(3) // the pointer only: same key, nothing to load
  })

  it('keeps serving the loaded snapshot when S3 fails at the pointer check, and waits a full interval to retry', async () => {
    const { source, publisher, clock, client, errors } = setup()
    await publisher.publish(snapshotOf(6))
    await source.refreshIfDue()

    const outage = mockClient(client)
    outage.on(GetObjectCommand).rejects(Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' }))
    await publisher.publish(snapshotOf(7))
    clock.advance(30_000)
    await source.refreshIfDue()
    expect(source.current()?.registryVersion).toBe(6)
    expect(errors).toHaveLength(1)
    expect((errors[0] as Error).name).toBe('ServiceUnavailable')
    // What /healthz reads: cut off from the pointer since this check, the last error kept.
    expect(source.freshness()).toMatchObject({ sourceVersion: 6, behindSince: new Date(clock.now()), lastError: 'ServiceUnavailable: Service Unavailable' })

    await source.refreshIfDue() // within the interval: no new call while S3 is down
    expect(outage.commandCalls(GetObjectCommand)).toHaveLength(1)

    outage.restore()
    clock.advance(30_000)
    await source.refreshIfDue()
    expect(source.current()?.registryVersion).toBe(7)
    expect(source.freshness()).toMatchObject({ sourceVersion: 7, behindSince: null, lastError: null })
  })

  it('reports a pointer that is not a pointer, naming the field, and keeps the old snapshot', async () => {
    const { source, publisher, clock, errors, pointerKey } = setup()
    await publisher.publish(snapshotOf(2))
    await source.refreshIfDue()
    await s3.client().send(new PutObjectCommand({ Bucket: s3.bucket, Key: pointerKey, Body: JSON.stringify({ key: 'x', registryVersion: -1 }) }))
    clock.advance(30_000)
    await source.refreshIfDue()
    expect(source.current()?.registryVersion).toBe(2)
    expect(String(errors[0])).toContain(`snapshot pointer s3://${s3.bucket}/${pointerKey}: registryVersion`)
  })

  it('rejects a missing bucket and a negative interval with their names', () => {
    const client = new S3Client({ region: 'eu-south-1' })
    expect(() => new S3SnapshotSource({ readObject: sdkObjectReader(client, ''), bucket: '' })).toThrow('S3SnapshotSource: bucket is required')
    expect(() => new S3SnapshotSource({ readObject: sdkObjectReader(client, 'b'), bucket: 'b', recheckEveryMs: -5 })).toThrow('S3SnapshotSource: recheckEveryMs must be a number ≥ 0, got -5')
  })
})
