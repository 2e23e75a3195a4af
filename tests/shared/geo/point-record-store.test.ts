import { describe, expect, it } from 'vitest'
import { inMemoryRecords, lazyJsonRecords, RecordsNotLoaded, RecordsUnavailable, TooManyRecordsNeeded, withRecords } from '../../../shared/geo/point-record-store.ts'
import { Utf8ColumnBuilder } from '../../../shared/geo/utf8-column.ts'
import type { PointRecord } from '../../../shared/schemas/point.ts'
import { generateRegistry } from './fixtures.ts'

function storeOf(records: readonly PointRecord[], keep: number) {
  const column = new Utf8ColumnBuilder(records.length, 512)
  for (const record of records) {
    column.write(JSON.stringify(record))
    column.next()
  }
  return lazyJsonRecords(column.finish(), { keep })
}

const records = generateRegistry({ points: 40, seed: 3, today: '2026-12-06' })

describe('lazyJsonRecords', () => {
  it('keeps at most `keep` records decoded, letting go of the least recently used, and decodes an evicted one again', () => {
    const store = storeOf(records, 10)
    const decodedFirst = Array.from({ length: 10 }, (_, i) => store.get(i))
    expect(store.get(0)).toBe(decodedFirst[0]) // used again: now the most recent
    for (let i = 10; i < 19; i++) store.get(i) // nine newer ones: 0 is still within the ten kept
    expect(store.get(0)).toBe(decodedFirst[0])
    const evicted = store.get(1) // untouched since: let go, decoded again
    expect(evicted).not.toBe(decodedFirst[1])
    expect(evicted).toEqual(records[1])
  })

  it('gives every record through all() on a store larger than its bound, without evicting the recently used', () => {
    const store = storeOf(records, 10)
    const hot = store.get(5)
    const all = store.all()
    expect(all).toEqual(records)
    expect(all[5]).toBe(hot)
    expect(store.get(5)).toBe(hot)
    expect(store.all()).not.toBe(all) // the caller alone holds it
  })

  it('hands every record over one at a time through each(), keeping none of them beyond its bound and leaving the recently used in place', () => {
    const store = storeOf(records, 10)
    const hot = store.get(7)
    const seen: PointRecord[] = []
    for (const record of store.each()) seen.push(record)
    expect(seen).toEqual(records)
    expect(seen[7]).toBe(hot)
    expect(store.get(7)).toBe(hot)
    expect(store.get(30)).not.toBe(seen[30]) // handed over, not kept
    expect([...store.each(12, 17)]).toEqual(records.slice(12, 17))
    expect([...store.each(35, 1_000)]).toEqual(records.slice(35))
    expect([...inMemoryRecords(records).each(12, 17)]).toEqual(records.slice(12, 17))
  })

  it('hands out chosen records in order through batchesOf(), in memory and as JSON, and refuses indexes out of order or range', async () => {
    const chosen = [0, 3, 4, 17, 39]
    for (const store of [inMemoryRecords(records), storeOf(records, 10), storeOf(records, 100)]) {
      const seen = []
      for await (const batch of store.batchesOf(chosen)) seen.push(...batch)
      expect(seen).toEqual(chosen.map((i) => records[i]))
      for (const bad of [[3, 2], [5, 5], [-1], [40], [1.5]]) {
        await expect(async () => {
          for await (const batch of store.batchesOf(bad)) void batch
        }, String(bad)).rejects.toThrow(RangeError)
      }
    }
  })

  it('gives up with TooManyRecordsNeeded once fetching has taken its time budget, before its rounds run out', async () => {
    let now = 0
    let loads = 0
    // Each round's fetch takes a second; the work always finds a record missing (a query with few matches).
    const slow = { ...inMemoryRecords(records), load: async () => void ((now += 1000), loads++) }
    const never = () => {
      throw new RecordsNotLoaded([loads])
    }
    await expect(withRecords(slow, never, { budgetMs: 6000, clock: () => now })).rejects.toThrow(/after 8 rounds and 7000 ms of fetching/)
    expect(loads).toBe(7)
    // Within the budget the rounds bound it as before.
    loads = 0
    await expect(withRecords({ ...slow, load: async () => void loads++ }, never, { budgetMs: 6000, clock: () => 0 })).rejects.toThrow(TooManyRecordsNeeded)
    expect(loads).toBe(31)
  })

  it("takes its budget from the store when the caller names none: a query too broad only after the fixed budget's worth of fetching, else a retry", async () => {
    let now = 0
    let loads = 0
    const never = () => {
      throw new RecordsNotLoaded([loads])
    }
    const withBudget = (budget: number) => ({ ...inMemoryRecords(records), load: async () => void ((now += 1000), loads++), fetchBudgetMs: () => budget })
    const attempt = async (budget: number) => {
      loads = 0
      const outcome = await withRecords(withBudget(budget), never, { clock: () => now }).catch((error: unknown) => error)
      return { outcome, loads }
    }
    // More than the fixed 6 s (a Lambda with a longer timeout): fetching that long says the query is too broad.
    expect(await attempt(7500)).toEqual({ outcome: expect.objectContaining({ name: 'TooManyRecordsNeeded', message: expect.stringMatching(/after 9 rounds and 8000 ms of fetching/) }), loads: 8 })
    // Less (what was left of an invocation): that says nothing about the query, which may pass on a retry.
    expect(await attempt(2500)).toEqual({ outcome: expect.any(RecordsUnavailable), loads: 3 })
    // None left: no fetch is begun.
    expect(await attempt(-1)).toEqual({ outcome: expect.any(RecordsUnavailable), loads: 0 })
    expect(await attempt(0)).toEqual({ outcome: expect.any(RecordsUnavailable), loads: 0 })
    // A budget that is not a number is no budget: the fixed one applies.
    expect(await attempt(Number.NaN)).toEqual({ outcome: expect.objectContaining({ name: 'TooManyRecordsNeeded', message: expect.stringMatching(/after 8 rounds and 7000 ms/) }), loads: 7 })
    // Work that finds every record here needs no time at all.
    await expect(withRecords(withBudget(-1), () => 'answered')).resolves.toBe('answered')
  })

  it('keeps every record of a store within its bound, the same objects through get and all', () => {
    const store = storeOf(records, 40)
    const all = store.all()
    expect(all).toEqual(records)
    expect(store.all()).toBe(all)
    for (let i = 0; i < 40; i++) expect(store.get(i)).toBe(all[i])
  })
})
