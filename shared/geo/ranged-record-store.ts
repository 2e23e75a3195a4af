import type { PointRecord } from '../schemas/point.ts'
import { checkAscendingIndexes, DECODED_RECORDS_KEPT, DecodedRecords, RecordsNotLoaded, RecordsUnavailable, type PointRecordStore } from './point-record-store.ts'

/** Bytes `start` to before `end` of the records section, wherever it is kept (an S3 object's range on AWS). */
export type ReadRecordBytes = (start: number, end: number) => Promise<Uint8Array>

export interface RangedRecordsOptions {
  /** Decoded records kept, the least recently used going first. @default DECODED_RECORDS_KEPT */
  readonly keep?: number
  /**
   * Records fetched from one that `get` missed: a lone lookup costs a few KiB more. A miss past
   * the last such window, within another window's length, doubles the next one (up to half of
   * `keep`, at most 4,096), so a pass in id order (an export page) takes a few rounds, not one per
   * window. @default 64
   */
  readonly readahead?: number
  /** Records closer than this many bytes are fetched in one range… @default 16384 */
  readonly joinWithinBytes?: number
  /** …of at most this many bytes. @default 1 MiB */
  readonly maxReadBytes?: number
  /** Ranges fetched at once by one `load`. @default 16 */
  readonly concurrency?: number
  /** Bytes per batch of a pass (`batches`, and at most per read of `batchesOf`). @default 4 MiB */
  readonly batchBytes?: number
  /**
   * In a pass over chosen records (`batchesOf`), records closer than this many bytes are read in
   * one range: a ranged GET costs S3 a round trip (tens of ms) in which a few MB would have
   * streamed, so unwanted bytes up to about that are cheaper to read than to skip. One region's
   * points scattered among the others' (ids not grouped by region) are then read in a few
   * hundred large reads, not tens of thousands of one record each. @default 1 MiB
   */
  readonly passJoinWithinBytes?: number
  /** One answer's time for fetching (PointRecordStore.fetchBudgetMs). @default RECORDS_BUDGET_MS */
  readonly fetchBudgetMs?: () => number | undefined
}

const decoder = new TextDecoder()

/** Reads a pass over chosen records keeps going at once: this one and the next. */
const PASS_READS_IN_FLIGHT = 2

/**
 * The records of a snapshot too large to load whole (a national registry of a million sites has
 * ~800 MiB of them, beyond a Lambda's memory), fetched by byte range when first needed and kept
 * decoded within a bound. `offsets` (the records section's `recordOffsets`, part of the snapshot's
 * core) says where each record's JSON lies, so a record costs one ranged read and no directory.
 *
 * `get` answers only records already fetched and throws `RecordsNotLoaded` for the others:
 * queries stay synchronous and run inside `withRecords`, which fetches and runs them again.
 */
export function rangedJsonRecords(offsets: Uint32Array, read: ReadRecordBytes, options: RangedRecordsOptions = {}): PointRecordStore {
  const size = offsets.length - 1
  if (size < 0) throw new RangeError('offsets: needs at least one entry (the end of the last record)')
  const keep = options.keep ?? DECODED_RECORDS_KEPT
  const readahead = Math.max(1, options.readahead ?? 64)
  const joinWithin = options.joinWithinBytes ?? 16_384
  const maxReadBytes = options.maxReadBytes ?? 1024 * 1024
  const concurrency = Math.max(1, options.concurrency ?? 16)
  const batchBytes = options.batchBytes ?? 4 * 1024 * 1024
  const passJoinWithin = options.passJoinWithinBytes ?? 1024 * 1024
  const decoded = new DecodedRecords(keep)

  const checkIndex = (index: number): void => {
    if (!(Number.isInteger(index) && index >= 0 && index < size)) throw new RangeError(`index: ${index} is outside 0…${size - 1}`)
  }
  /** Record `index` out of bytes read from `base` on. */
  const parseAt = (bytes: Uint8Array, base: number, index: number): PointRecord =>
    JSON.parse(decoder.decode(bytes.subarray(offsets[index]! - base, offsets[index + 1]! - base))) as PointRecord

  /** The bytes, or RecordsUnavailable (the API's 503) whatever went wrong reading them. */
  const readChecked = async (start: number, end: number): Promise<Uint8Array> => {
    let bytes: Uint8Array
    try {
      bytes = await read(start, end)
    } catch (error) {
      throw new RecordsUnavailable(error)
    }
    if (bytes.byteLength !== end - start) throw new RecordsUnavailable(new Error(`records: asked for bytes ${start}…${end - 1}, received ${bytes.byteLength} bytes`))
    return bytes
  }

  const longestWindow = Math.max(readahead, Math.min(4096, Math.floor(keep / 2)))
  let window = readahead
  let windowStart = -1
  let windowEnd = -1
  const get = (index: number): PointRecord => {
    const record = decoded.take(index)
    if (record !== undefined) return record
    checkIndex(index)
    // A miss past the last window, not far past it, is a pass going on (records in between may
    // have been here already): it gets a wider window.
    const passGoingOn = index > windowStart && index <= windowEnd + window
    window = passGoingOn ? Math.min(2 * window, longestWindow) : readahead
    windowStart = index
    windowEnd = Math.min(size, index + window)
    const missing: number[] = []
    for (let i = index; i < windowEnd; i++) if (!decoded.has(i)) missing.push(i)
    throw new RecordsNotLoaded(missing)
  }

  const load = async (indexes: Iterable<number>): Promise<void> => {
    // Asked in the order the work needs them: beyond what the store keeps, the first ones are
    // fetched (the work asks again for the rest, or withRecords gives up after its rounds).
    const wanted = [...new Set(indexes)]
      .filter((i) => !decoded.has(i))
      .slice(0, keep)
      .sort((a, b) => a - b)
    if (wanted.length === 0) return
    wanted.forEach(checkIndex)
    const runs = runsOf(wanted, joinWithin, maxReadBytes)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < runs.length) {
        const run = runs[next++]!
        const bytes = await readRun(run)
        for (const index of run) decoded.put(index, parseAt(bytes, offsets[run[0]!]!, index))
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, runs.length) }, worker))
  }

  /**
   * Runs of records (ascending indexes) whose bytes lie within `within` of each other, one ranged
   * read each, none longer than `longest`: a few KiB skipped saves a round trip, a long span of
   * unwanted bytes does not.
   */
  const runsOf = (ascending: readonly number[], within: number, longest: number): number[][] => {
    const runs: number[][] = []
    for (const index of ascending) {
      const run = runs.at(-1)
      const close = run !== undefined && offsets[index]! - offsets[run.at(-1)! + 1]! <= within && offsets[index + 1]! - offsets[run[0]!]! <= longest
      if (close) run.push(index)
      else runs.push([index])
    }
    return runs
  }
  const readRun = (run: readonly number[]): Promise<Uint8Array> => readChecked(offsets[run[0]!]!, offsets[run.at(-1)! + 1]!)

  async function* batchesOf(indexes: readonly number[]): AsyncIterable<readonly PointRecord[]> {
    checkAscendingIndexes(indexes, size)
    const runs = runsOf(indexes, passJoinWithin, batchBytes)
    // The next read travels while the caller works on this one: in flight at most two reads of
    // batchBytes, whatever the number of records.
    const reads: Array<Promise<Uint8Array> | undefined> = []
    let started = 0
    for (let k = 0; k < runs.length; k++) {
      for (; started < runs.length && started < k + PASS_READS_IN_FLIGHT; started++) {
        const read = readRun(runs[started]!)
        read.catch(() => {}) // awaited below; a pass left early must not leave an unhandled rejection
        reads[started] = read
      }
      const bytes = await reads[k]!
      reads[k] = undefined
      const run = runs[k]!
      const base = offsets[run[0]!]!
      yield run.map((index) => decoded.peek(index) ?? parseAt(bytes, base, index))
    }
  }

  /** A pass in id order: the chosen records are all of them from `from` to before `to`, read in batches of batchBytes. */
  function batches(from = 0, to = size): AsyncIterable<readonly PointRecord[]> {
    const first = Math.max(0, from)
    return batchesOf(Array.from({ length: Math.max(0, Math.min(size, to) - first) }, (_, i) => first + i))
  }

  return {
    size,
    get,
    has: (index) => decoded.has(index),
    load,
    batches,
    batchesOf,
    each: function* (from = 0, to = size) {
      for (let i = Math.max(0, from); i < Math.min(size, to); i++) yield get(i)
    },
    all: () => {
      throw new Error('records: a snapshot whose records stay in S3 cannot hand out all of them at once; a pass reads batches()')
    },
    ...(options.fetchBudgetMs ? { fetchBudgetMs: options.fetchBudgetMs } : {}),
  }
}
