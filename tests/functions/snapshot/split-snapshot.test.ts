import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../functions/api/app.ts'
import { readDocsAssetFromPackage } from '../../../functions/local/docs-assets.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import type { ByteRange, ReadS3Object } from '../../../functions/snapshot/s3-object-reader.ts'
import { prefetchSnapshotReads } from '../../../functions/snapshot/s3-prefetched-read.ts'
import { S3SnapshotPublisher } from '../../../functions/snapshot/s3-snapshot-publisher.ts'
import { S3SnapshotSource } from '../../../functions/snapshot/s3-snapshot-source.ts'
import { snapshotReadPlan, type SnapshotPointer } from '../../../functions/snapshot/snapshot-pointer.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { CURSOR_SECRET, FIXED_NOW, createApiFixture } from '../api/support/app-fixture.ts'
import { startLocalS3, type LocalS3 } from './local-s3.ts'
import type { PointRecord } from '../../../shared/schemas/point.ts'

/**
 * A registry too large to read whole (issue 12, national scale): the API instance reads the
 * snapshot's core from S3 and each record by range when an answer needs it. Here the split is
 * forced on the demo registry (3,000 points) and every kind of answer is compared, byte for byte,
 * with the same app over the whole snapshot in memory.
 */
const whole = createApiFixture()
const pointerKey = 'split/current.json'

let s3: LocalS3
let pointer: SnapshotPointer
const reads: Array<{ key: string; range?: ByteRange }> = []
let failRanges = false
let split: ReturnType<typeof createApp>
let source: S3SnapshotSource

beforeAll(async () => {
  s3 = await startLocalS3()
  const outcome = await new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket, pointerKey }).publish(whole.snapshot)
  pointer = outcome.pointer
  const signed = s3.reader()
  const counted: ReadS3Object = (key, range) => {
    reads.push({ key, ...(range ? { range } : {}) })
    if (failRanges && range && range.start > 0) return Promise.reject(new Error('SlowDown'))
    return signed(key, range)
  }
  // A bound of 500 decoded records: the whole-registry answers (coverage, sitemap) pass over
  // more than that, as they would over a million.
  source = new S3SnapshotSource({ readObject: counted, bucket: s3.bucket, pointerKey, splitRecordsAbove: 0, keepDecodedRecords: 500 })
  await source.refreshIfDue()
  split = createApp({ snapshots: source, gazetteer: createGazetteer(loadComuni()), cursorSecret: CURSOR_SECRET, readDocsAsset: readDocsAssetFromPackage, now: () => FIXED_NOW, log: () => {} })
}, 60_000)
afterAll(() => s3?.close())

const someIds = () => whole.records.filter((_, i) => i % 397 === 0).map((r) => r.id)

describe('a snapshot whose records stay in S3', () => {
  it('is loaded from its core alone: one ranged read that ends where the records start', () => {
    expect(pointer.coreBytes).toBeGreaterThan(0)
    expect(pointer.coreBytes).toBeLessThan(pointer.bytes)
    expect(reads.filter((r) => r.key === pointer.key)).toEqual([{ key: pointer.key, range: { start: 0, end: pointer.coreBytes } }])
    expect(source.current()?.records.has(0)).toBe(false)
  })

  it('gives every answer the whole snapshot gives, byte for byte', async () => {
    const id = someIds()[1]!
    const paths = [
      '/v1/points?near=43.7696,11.2558&limit=10',
      '/v1/points?near=45.07,7.69&service=spid&limit=10&view=compact',
      '/v1/points?near=41.9,12.5&open_at=2026-11-03T18:30:00%2B01:00&limit=20',
      '/v1/points?near=40.85,14.27&open_at=2026-11-08T03:00:00%2B01:00&limit=5',
      '/v1/points?region=09&limit=50',
      '/v1/points?province=TO&open_now=true&limit=30',
      '/v1/points?q=biblioteca&limit=25',
      ...someIds().map((id) => `/v1/points/${id}`),
      `/v1/points/${id}.ics`,
      '/v1/points/pv-nessuno',
      '/v1/points.csv?region=12&limit=500',
      '/v1/points.geojson?limit=200',
      '/v1/points.geojson?bbox=11,43,12,44&limit=100',
      '/v1/points.geojson?near=41.9,12.5&limit=20',
      '/v1/points.csv?near=41.1,16.87&radius_km=20&limit=100',
      '/v1/points.csv?near=45.46,9.19&open_at=2026-11-03T21:00:00%2B01:00&limit=50',
      '/v1/changes?limit=100',
      '/v1/coverage',
      '/v1/coverage?region=09',
      '/v1/coverage/points.csv?region=01',
      '/v1/coverage/gaps?region=03',
      '/v1/regions',
      `/punti/${id}`,
      '/comuni/firenze',
      '/sitemap-punti-1.xml',
    ]
    for (const path of paths) {
      const [expected, got] = await Promise.all([whole.get(path), split.request(`http://localhost${path}`)])
      expect(got.status, path).toBe(expected.status)
      expect(await got.text(), path).toBe(await expected.text())
    }
    // The answers came through ranged reads of the records, not from a whole object.
    const recordReads = reads.filter((r) => r.key === pointer.key && r.range && r.range.start >= pointer.coreBytes!)
    expect(recordReads.length).toBeGreaterThan(10)
    expect(reads.filter((r) => r.key === pointer.key && !r.range)).toEqual([])
  })

  it('answers 503 with Retry-After, not 500, when the records cannot be read', async () => {
    failRanges = true
    try {
      const fresh = new S3SnapshotSource({ readObject: (key, range) => s3.reader()(key, range).then((b) => (failRanges && range && range.start > 0 ? Promise.reject(new Error('SlowDown')) : b)), bucket: s3.bucket, pointerKey, splitRecordsAbove: 0 })
      await fresh.refreshIfDue()
      const app = createApp({ snapshots: fresh, gazetteer: createGazetteer(loadComuni()), cursorSecret: CURSOR_SECRET, readDocsAsset: readDocsAssetFromPackage, now: () => FIXED_NOW, log: () => {} })
      for (const path of ['/v1/points?near=43.7696,11.2558&limit=10', `/v1/points/${someIds()[2]}`, '/v1/coverage/points.csv?region=09']) {
        const response = await app.request(`http://localhost${path}`)
        expect(response.status, path).toBe(503)
        expect(response.headers.get('retry-after'), path).toBe('5')
        expect(await response.json(), path).toMatchObject({ type: expect.stringMatching(/#records-unavailable$/), status: 503 })
      }
    } finally {
      failRanges = false
    }
  })

  it("answers coverage from the facts stored for the snapshot's day and the next, reading no record", async () => {
    const ranges: ByteRange[] = []
    // Records cannot be read here: only the core and the facts (read ranges are noted).
    const noRecords = (day: number) => {
      const source = new S3SnapshotSource({ readObject: (key, range) => (key === pointer.key && range && ranges.push(range), s3.reader()(key, range)), bucket: s3.bucket, pointerKey, splitRecordsAbove: 0, keepDecodedRecords: 1 })
      const at = new Date(FIXED_NOW.getTime() + day * 86_400_000)
      const app = (snapshots: typeof source | typeof whole.source) => createApp({ snapshots, gazetteer: createGazetteer(loadComuni()), cursorSecret: CURSOR_SECRET, readDocsAsset: readDocsAssetFromPackage, now: () => at, log: () => {} })
      return { source, split: app(source), fromRecords: app(whole.source) }
    }
    for (const day of [0, 1]) {
      const { source, split, fromRecords } = noRecords(day)
      await source.refreshIfDue()
      expect(source.current()!.coverageFacts?.days).toEqual(['2026-11-03', '2026-11-04'])
      ranges.length = 0
      for (const path of ['/v1/coverage', '/v1/coverage?region=12', '/v1/coverage/gaps', '/v1/regions', '/v1/coverage/comuni.csv?province=PG']) {
        const [expected, got] = await Promise.all([fromRecords.request(`http://localhost${path}`), split.request(`http://localhost${path}`)])
        expect(got.status, `${path} day +${day}`).toBe(200)
        expect(await got.text(), `${path} day +${day}`).toBe(await expected.text())
      }
      // Past the core, one read: that day's facts (the core's own read starts at 0).
      expect(ranges.filter((r) => r.start > 0), `day +${day}`).toHaveLength(1)
    }
    // Two days on without a rebuild: from the records, which this store fails to read.
    const failing = new S3SnapshotSource({ readObject: (key, range) => (range && range.start > 0 ? Promise.reject(new Error('SlowDown')) : s3.reader()(key, range)), bucket: s3.bucket, pointerKey, splitRecordsAbove: 0 })
    await failing.refreshIfDue()
    const later = createApp({ snapshots: failing, gazetteer: createGazetteer(loadComuni()), cursorSecret: CURSOR_SECRET, readDocsAsset: readDocsAssetFromPackage, now: () => new Date(FIXED_NOW.getTime() + 2 * 86_400_000), log: () => {} })
    expect((await later.request('http://localhost/v1/coverage')).status).toBe(503)
  })

  it("reads only the area's records for its per-point hours CSV, not the whole registry's", async () => {
    const ranges: ByteRange[] = []
    const counted = new S3SnapshotSource({ readObject: (key, range) => (key === pointer.key && range && range.start > 0 && ranges.push(range), s3.reader()(key, range)), bucket: s3.bucket, pointerKey, splitRecordsAbove: 0 })
    await counted.refreshIfDue()
    const app = createApp({ snapshots: counted, gazetteer: createGazetteer(loadComuni()), cursorSecret: CURSOR_SECRET, readDocsAsset: readDocsAssetFromPackage, now: () => FIXED_NOW, log: () => {} })
    for (const [path, inArea] of [['/v1/coverage/points.csv?region=01', (r: PointRecord) => r.region?.istat === '01'], ['/v1/coverage/points.csv?province=PG', (r: PointRecord) => r.province === 'PG']] as const) {
      ranges.length = 0
      const [expected, got] = await Promise.all([whole.get(path), app.request(`http://localhost${path}`)])
      expect(got.status, path).toBe(200)
      expect(await got.text(), path).toBe(await expected.text())
      // Past the core: the day's coverage facts and the records of the area's points, no others.
      const readShare = ranges.reduce((sum, r) => sum + r.end - r.start, 0) / (pointer.bytes - pointer.coreBytes!)
      const areaShare = whole.records.filter(inArea).length / whole.records.length
      expect(readShare, path).toBeLessThan(areaShare * 1.5 + 0.03)
    }
  })

  it('answers 422 query-too-broad, not 500, when an answer needs more records than an instance keeps', async () => {
    const tiny = new S3SnapshotSource({ readObject: s3.reader(), bucket: s3.bucket, pointerKey, splitRecordsAbove: 0, keepDecodedRecords: 5 })
    await tiny.refreshIfDue()
    const app = createApp({ snapshots: tiny, gazetteer: createGazetteer(loadComuni()), cursorSecret: CURSOR_SECRET, readDocsAsset: readDocsAssetFromPackage, now: () => FIXED_NOW, log: () => {} })
    const response = await app.request('http://localhost/v1/points?region=09&limit=50')
    expect(response.status).toBe(422)
    expect(await response.json()).toMatchObject({ type: expect.stringMatching(/#query-too-broad$/), detail: expect.stringContaining('narrow it') })
    // What fits still answers.
    expect((await app.request('http://localhost/v1/points?region=09&limit=3')).status).toBe(200)
  })

  it('is started early by the cold start as the source will read it: the core, by range', async () => {
    const started: Array<{ key: string; range?: ByteRange }> = []
    const signed = s3.reader()
    const prefetch = prefetchSnapshotReads((key, range) => (started.push({ key, ...(range ? { range } : {}) }), signed(key, range)), pointerKey, 0)
    await prefetch.pointerSettled
    expect(started).toEqual([{ key: pointerKey }, { key: pointer.key, range: { start: 0, end: pointer.coreBytes } }])
    const early = new S3SnapshotSource({ readObject: prefetch.readObject, bucket: s3.bucket, pointerKey, splitRecordsAbove: 0 })
    await early.refreshIfDue()
    expect(early.current()?.pointCount).toBe(whole.snapshot.pointCount)
    // Served from the prefetch: no second read of the pointer or of the core.
    expect(started).toHaveLength(2)
  })

  it('reads small snapshots whole, and snapshots of pointers written before coreBytes existed', () => {
    const whole = { coreOnly: false, range: { start: 0, end: pointer.bytes } }
    expect(snapshotReadPlan({ bytes: pointer.bytes, coreBytes: pointer.coreBytes })).toEqual(whole)
    expect(snapshotReadPlan({ bytes: pointer.bytes, coreBytes: pointer.coreBytes }, 0)).toEqual({ coreOnly: true, range: { start: 0, end: pointer.coreBytes } })
    expect(snapshotReadPlan({ bytes: pointer.bytes }, 0)).toEqual(whole)
  })
})
