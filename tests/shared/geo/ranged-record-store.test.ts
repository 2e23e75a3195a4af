import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { changesAfter } from '../../../shared/geo/change-feed.ts'
import { RecordsNotLoaded, RecordsUnavailable, TooManyRecordsNeeded, withRecords } from '../../../shared/geo/point-record-store.ts'
import { getPoint, matchingPlaces, nearestPlaces, queryList, queryNearest, type PointHit } from '../../../shared/geo/query.ts'
import type { RangedRecordsOptions } from '../../../shared/geo/ranged-record-store.ts'
import { deserializeSnapshot, serializeSnapshot, snapshotCoreBytes } from '../../../shared/geo/snapshot-codec.ts'
import { buildSnapshot, type Snapshot } from '../../../shared/geo/snapshot.ts'
import { generateRegistry } from './fixtures.ts'
import { filterArbitrary, nearArbitrary } from './query-arbitraries.ts'

const TODAY = '2026-11-20'
const records = generateRegistry({ points: 1500, seed: 23, today: TODAY })
const changeSeq = new Map(records.map((r, i) => [r.id, (i * 7919) % records.length]))
const whole = buildSnapshot(records, { registryVersion: 7, builtAt: new Date(`${TODAY}T10:00:00Z`), changeSeq, changesHorizon: records.length })
const bytes = serializeSnapshot(whole)
const coreBytes = snapshotCoreBytes(bytes)

/** The snapshot from its core alone, its records read from `bytes` by range, every read counted. */
function split(options: RangedRecordsOptions = {}): { snapshot: Snapshot; reads: Array<[number, number]> } {
  const reads: Array<[number, number]> = []
  const snapshot = deserializeSnapshot(bytes.slice(0, coreBytes), {
    tail: {
      read: async (start, end) => {
        reads.push([start - coreBytes, end - coreBytes])
        await Promise.resolve()
        return bytes.slice(start, end)
      },
      records: options,
    },
  })
  return { snapshot, reads }
}

/** An export page: the walk stops after `n` rows, as the export's renderer does. */
function firstRows<T>(rows: Iterable<T>, n: number): T[] {
  const taken: T[] = []
  for (const row of rows) if (taken.push(row) === n) break
  return taken
}

const answer = (hits: PointHit[]) => hits.map((h) => [h.point.id, h.site, h.distance_m, h.location, h.place])

describe('a snapshot loaded from its core, records fetched by range', () => {
  it('holds the core only: the records section starts where the core ends', () => {
    expect(coreBytes).toBeLessThan(bytes.byteLength)
    expect(() => deserializeSnapshot(bytes.slice(0, coreBytes))).toThrow(/section records runs past the end/)
  })

  it('answers every query as the whole snapshot does, with a few decoded records kept and fetched in rounds', async () => {
    // 8 read ahead: queries need several rounds. All kept: a list "open at" midnight walks nearly
    // every point of this fixture (vans, seasons) before finding 20 (eviction: the next tests).
    const { snapshot } = split({ keep: 2000, readahead: 8, joinWithinBytes: 2048 })
    let rounds = 0
    const counted = <T>(work: () => T) => () => {
      rounds++
      return work()
    }
    await fc.assert(
      fc.asyncProperty(nearArbitrary(records), filterArbitrary(TODAY), async (near, filter) => {
        expect(answer(await withRecords(snapshot.records, counted(() => queryNearest(snapshot, near, filter, { limit: 11 }))))).toEqual(
          answer(queryNearest(whole, near, filter, { limit: 11 })),
        )
        expect(answer(await withRecords(snapshot.records, counted(() => queryList(snapshot, filter, { limit: 20 }))))).toEqual(answer(queryList(whole, filter, { limit: 20 })))
        const page = (s: Snapshot) => firstRows(matchingPlaces(s, filter), 30).map((r) => [r.point.id, r.site.id, r.placeIndex, r.place])
        expect(await withRecords(snapshot.records, () => page(snapshot))).toEqual(page(whole))
        const nearestPage = (s: Snapshot) => firstRows(nearestPlaces(s, filter, near, { offset: 7 }), 30).map((r) => [r.point.id, r.site.id, r.placeIndex, r.place, r.metres])
        expect(await withRecords(snapshot.records, () => nearestPage(snapshot))).toEqual(nearestPage(whole))
      }),
      { numRuns: 120 },
    )
    // The answers above came through fetching, not from records already there.
    expect(rounds).toBeGreaterThan(240)
  })

  it('finds a point by id and pages the change feed as the whole snapshot does', async () => {
    const { snapshot, reads } = split({ keep: 30, readahead: 4 })
    for (const record of records.slice(0, 60)) expect(await withRecords(snapshot.records, () => getPoint(snapshot, record.id))).toEqual(record)
    expect(await withRecords(snapshot.records, () => getPoint(snapshot, 'pv-unknown'))).toBeUndefined()
    let position: Parameters<typeof changesAfter>[1] = null
    for (;;) {
      const expected = changesAfter(whole, position, 25)
      const got = await withRecords(snapshot.records, () => changesAfter(snapshot, position, 25))
      expect(got).toEqual(expected)
      if (!got.more) break
      position = got.entries.at(-1)!.position
    }
    expect(reads.length).toBeGreaterThan(60)
  })

  it('names every record a near query misses in one go: one round of fetches, not one per record', async () => {
    const { snapshot, reads } = split()
    const run = () => queryNearest(snapshot, { lat: 43.77, lon: 11.25 }, { openAt: new Date(`${TODAY}T09:30:00Z`) }, { limit: 10 })
    let missed: readonly number[] = []
    try {
      run()
    } catch (error) {
      expect(error).toBeInstanceOf(RecordsNotLoaded)
      missed = (error as RecordsNotLoaded).indexes
    }
    expect(missed.length).toBeGreaterThanOrEqual(10)
    await snapshot.records.load(missed)
    // Ranges near each other are joined, and fetched at once; none longer than 1 MiB.
    expect(reads.length).toBeLessThanOrEqual(missed.length)
    expect(Math.max(...reads.map(([start, end]) => end - start))).toBeLessThanOrEqual(1024 * 1024)
    const hits = await withRecords(snapshot.records, run)
    expect(answer(hits)).toEqual(answer(queryNearest(whole, { lat: 43.77, lon: 11.25 }, { openAt: new Date(`${TODAY}T09:30:00Z`) }, { limit: 10 })))
  })

  it('pages an export over points spread across the registry in one round, not one per point', async () => {
    // Closed points are a few, scattered in id order: read-ahead cannot help (1 here).
    const { snapshot, reads } = split({ readahead: 1 })
    const filter = { statuses: ['closed' as const] }
    const page = (s: Snapshot) => firstRows(matchingPlaces(s, filter), 500).map((r) => [r.point.id, r.site.id, r.placeIndex, r.place])
    const expected = page(whole)
    expect(expected.length).toBeGreaterThan(40)
    let rounds = 0
    expect(await withRecords(snapshot.records, () => (rounds++, page(snapshot)))).toEqual(expected)
    expect(rounds).toBe(2)
    expect(reads.length).toBeLessThan(expected.length)
    // Resuming after a row, as the export's cursor does, without reading the record it names.
    const after = { pointId: expected[9]![0] as string, siteIndex: 0, placeIndex: 0 }
    const resumed = (s: Snapshot) => firstRows(matchingPlaces(s, filter, { after }), 5).map((r) => r.point.id)
    expect(await withRecords(snapshot.records, () => resumed(snapshot))).toEqual(resumed(whole))
  })

  it('pages an export nearest first reading the records of its own rows only', async () => {
    const { snapshot } = split()
    const near = { lat: 43.77, lon: 11.25 }
    const page = (s: Snapshot) => firstRows(nearestPlaces(s, {}, near, { offset: 100 }), 20).map((r) => [r.point.id, r.siteIndex, r.placeIndex, r.metres])
    expect(await withRecords(snapshot.records, () => page(snapshot))).toEqual(page(whole))
    // One round's worth (up to 256 rows past the page's start), not the 1,500 points nor the 100 skipped.
    const decoded = whole.pointIds.filter((_, p) => snapshot.records.has(p)).length
    expect(decoded).toBeGreaterThanOrEqual(15)
    expect(decoded).toBeLessThanOrEqual(256)
  })

  it('reads the search text, outside the core, on the first query with q, once', async () => {
    const { snapshot, reads } = split()
    const near = { lat: 43.77, lon: 11.25 }
    await withRecords(snapshot.records, () => queryNearest(snapshot, near, {}, { limit: 5 }))
    const textBytes = (whole.pointCount + 1) * 4 + whole.haystacks.bytes.byteLength
    const textReads = () => reads.filter(([start, end]) => end - start >= textBytes && end - start < textBytes + 8)
    expect(textReads()).toHaveLength(0)
    for (const q of ['biblioteca', 'firenze']) {
      expect(answer(await withRecords(snapshot.records, () => queryNearest(snapshot, near, { q }, { limit: 5 })))).toEqual(answer(queryNearest(whole, near, { q }, { limit: 5 })))
    }
    expect(textReads()).toHaveLength(1)
  })

  it('hands out every record in order, batch by batch, each batch one read', async () => {
    const { snapshot, reads } = split({ batchBytes: 64 * 1024 })
    const seen = []
    let batches = 0
    for await (const batch of snapshot.records.batches()) {
      batches++
      seen.push(...batch)
    }
    expect(seen).toEqual(whole.records.all())
    expect(batches).toBeGreaterThan(5)
    expect(reads.length).toBe(batches)
    const middle = []
    for await (const batch of snapshot.records.batches(100, 130)) middle.push(...batch)
    expect(middle.map((r) => r.id)).toEqual(whole.pointIds.slice(100, 130))
  })

  it('hands out chosen records in order, reading only their bytes when told to join nothing, two reads in flight', async () => {
    const { snapshot, reads } = split({ passJoinWithinBytes: 0 })
    // Two runs of neighbours and scattered ones: what one region's points look like among others'.
    const chosen = [...Array.from({ length: 40 }, (_, i) => 200 + i), ...Array.from({ length: 30 }, (_, i) => 600 + 17 * i), 1499]
    const seen = []
    let batches = 0
    for await (const batch of snapshot.records.batchesOf(chosen)) {
      // While batch k is handed out, at most reads k and k + 1 have been started.
      expect(reads.length).toBeLessThanOrEqual(batches + 2)
      batches++
      seen.push(...batch)
    }
    expect(seen).toEqual(chosen.map((i) => whole.records.get(i)))
    expect(batches).toBe(1 + 30 + 1) // one read per run of neighbours
    const bytesRead = reads.reduce((sum, [start, end]) => sum + end - start, 0)
    const chosenBytes = chosen.reduce((sum, i) => sum + new TextEncoder().encode(JSON.stringify(whole.records.get(i))).byteLength, 0)
    expect(bytesRead).toBe(chosenBytes)
    // By default records up to 1 MiB apart share a read (cheaper than another round trip), up to
    // 4 MiB a read: every 20th record, as one region's among twenty, is a few reads, not 75.
    const scattered = split()
    const everyTwentieth = Array.from({ length: 75 }, (_, i) => 20 * i)
    const picked = []
    for await (const batch of scattered.snapshot.records.batchesOf(everyTwentieth)) picked.push(...batch)
    expect(picked).toEqual(everyTwentieth.map((i) => whole.records.get(i)))
    const recordsBytes = bytes.byteLength - coreBytes
    expect(scattered.reads.length).toBeLessThanOrEqual(Math.ceil(recordsBytes / (4 * 2 ** 20)) + 1)
    for (const [start, end] of scattered.reads) expect(end - start).toBeLessThanOrEqual(4 * 2 ** 20)
    for (const bad of [[3, 2], [5, 5], [-1], [whole.pointCount]]) {
      await expect(async () => {
        for await (const batch of snapshot.records.batchesOf(bad)) void batch
      }, String(bad)).rejects.toThrow(RangeError)
    }
  })

  it('joins records close together into one read, never a long span of unwanted bytes', async () => {
    const { snapshot, reads } = split({ joinWithinBytes: 1_000_000, maxReadBytes: 20_000 })
    // Every 60th record: close enough to join under the first rule, kept apart by the second.
    const indexes = Array.from({ length: 20 }, (_, i) => i * 60)
    await snapshot.records.load(indexes)
    expect(reads.length).toBeGreaterThan(1)
    for (const [start, end] of reads) expect(end - start).toBeLessThanOrEqual(20_000 + 4_000)
    expect(indexes.every((i) => snapshot.records.has(i))).toBe(true)
  })

  it('refuses what it cannot do: more records at once than it keeps, all of them synchronously, a short read', async () => {
    const { snapshot } = split({ keep: 10 })
    // More than it keeps: the first ten asked, in the order asked; the work that needs all at once gives up.
    await snapshot.records.load([20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9])
    expect([20, 11, 10, 9].map((i) => snapshot.records.has(i))).toEqual([true, true, false, false])
    await expect(withRecords(snapshot.records, () => queryList(snapshot, {}, { limit: 30 }))).rejects.toThrow(TooManyRecordsNeeded)
    expect(() => snapshot.records.all()).toThrow(/batches\(\)/)
    expect(() => snapshot.records.get(whole.pointCount)).toThrow(RangeError)
    const short = deserializeSnapshot(bytes.slice(0, coreBytes), { tail: { read: async () => new Uint8Array(3) } })
    await expect(withRecords(short.records, () => getPoint(short, records[0]!.id))).rejects.toThrow(/received 3 bytes/)
  })

  it('passes a failed read on to the caller, and fetches again on the next request', async () => {
    let fail = true
    const flaky = deserializeSnapshot(bytes.slice(0, coreBytes), {
      tail: {
        read: async (start, end) => {
          if (fail) throw new Error('SlowDown')
          return bytes.slice(start, end)
        },
      },
    })
    const id = whole.pointIds[5]!
    await expect(withRecords(flaky.records, () => getPoint(flaky, id))).rejects.toThrow('SlowDown')
    fail = false
    expect((await withRecords(flaky.records, () => getPoint(flaky, id)))?.id).toBe(id)
  })

  it('answers a short read of the search text as records-unavailable, and reads it again on the next query', async () => {
    let short = true
    const flaky = deserializeSnapshot(bytes.slice(0, coreBytes), {
      tail: { read: async (start, end) => (short ? bytes.slice(start, start + 3) : bytes.slice(start, end)) },
    })
    const query = () => withRecords(flaky.records, () => queryList(flaky, { q: 'biblioteca' }, { limit: 5 }))
    await expect(query()).rejects.toThrow(RecordsUnavailable)
    short = false
    expect(answer(await query())).toEqual(answer(queryList(whole, { q: 'biblioteca' }, { limit: 5 })))
  })

  it("counts a near export's online rows before its offset without reading their records", async () => {
    const { snapshot } = split()
    const online = { kinds: ['online' as const] }
    const rows = [...nearestPlaces(whole, online, { lat: 43.77, lon: 11.25 })]
    expect(rows.length).toBeGreaterThan(30)
    const page = (s: Snapshot) => firstRows(nearestPlaces(s, online, { lat: 43.77, lon: 11.25 }, { offset: rows.length - 3 }), 3).map((r) => [r.point.id, r.siteIndex])
    expect(await withRecords(snapshot.records, () => page(snapshot))).toEqual(page(whole))
    expect(whole.pointIds.filter((_, p) => snapshot.records.has(p)).length).toBeLessThanOrEqual(3)
  })
})
