import type { PointRecord } from '../schemas/point.ts'
import type { Utf8Column } from './utf8-column.ts'

/**
 * The snapshot's point records, by point index (id order). Built in-process they are the records
 * themselves; loaded from bytes each one stays JSON until a query returns it, because parsing a
 * million records up front would take seconds and gigabytes in every cold Lambda.
 */
export interface PointRecordStore {
  readonly size: number
  /** Record `index`; a store that fetches its records throws RecordsNotLoaded for one not fetched yet (see `withRecords`). */
  get(index: number): PointRecord
  /**
   * Every record; on a lazy store this decodes all of them (once, within its bound of decoded
   * records). A store that fetches its records refuses: the API's passes read `batches()`.
   */
  all(): readonly PointRecord[]
  /**
   * The records from index `from` to before `to` (all of them by default), in index order, one at
   * a time: on a lazy store beyond its bound, each is let go once the caller moves on, so a pass
   * over a large registry holds one record, not all of them, and leaves the recently used ones
   * decoded. On a store that fetches its records, `get` applies: the API's passes read `batches()`.
   */
  each(from?: number, to?: number): Iterable<PointRecord>
  /**
   * Whether `get(index)` answers now. Always true for records held in memory; a store whose
   * records stay in S3 (ranged-record-store.ts) answers true only for the ones it has fetched.
   */
  has(index: number): boolean
  /** Fetches these records so that `get` answers them; settles at once when every one is here. */
  load(indexes: Iterable<number>): Promise<void>
  /**
   * The records from `from` to before `to`, in index order, a batch at a time: what a pass over
   * the whole registry uses (coverage, sitemaps), since a store that fetches its records cannot
   * hand out a million of them synchronously, nor keep them.
   */
  batches(from?: number, to?: number): AsyncIterable<readonly PointRecord[]>
  /**
   * The records at these indexes (ascending, each once), in that order, a batch at a time, none
   * kept: a pass over part of the registry (one region's points) that reads only those records.
   */
  batchesOf(indexes: readonly number[]): AsyncIterable<readonly PointRecord[]>
  /**
   * Each record's JSON as the snapshot file holds it, where the store reads from that file whole:
   * the open-data records file is then a copy of these bytes, not a parse and a stringify of
   * every record (registry-files.ts).
   */
  readonly json?: Utf8Column
  /**
   * How long one answer may spend fetching from this store, in ms, asked as `withRecords` begins:
   * on Lambda, what is left of the invocation less what the answer needs once its records are here
   * (create-api-handler.ts). Absent, undefined (no invocation) or not a number: RECORDS_BUDGET_MS.
   */
  readonly fetchBudgetMs?: () => number | undefined
}

/**
 * Thrown by a store's `get` (and by queries that check `has` first) for records it has not
 * fetched: `withRecords` fetches them and runs the work again. It names every record a query
 * found missing in one go, so a query costs one round of fetches rather than one per record.
 */
export class RecordsNotLoaded extends Error {
  constructor(readonly indexes: readonly number[]) {
    super(`${indexes.length} point records are not loaded yet (run the work inside withRecords)`)
    this.name = 'RecordsNotLoaded'
  }
}

/**
 * The records a query walking a store that fetches them found missing: noted as it walks (it
 * passes over them and goes on) and named all at once at the end, so `withRecords` fetches them
 * in one round and runs the query again. `perRound` bounds one round: enough that a sparse filter
 * (few places open at night) takes a few rounds, few enough that one round's fetches stay small.
 */
export class MissingRecords {
  private readonly indexes: number[] = []

  constructor(private readonly perRound: number) {}

  /** Notes record `index`; true once the round is full (the walk stops there). */
  note(index: number): boolean {
    return this.indexes.push(index) >= this.perRound
  }

  get count(): number {
    return this.indexes.length
  }

  /** Throws RecordsNotLoaded naming every record noted, if any was. */
  settle(): void {
    if (this.indexes.length > 0) throw new RecordsNotLoaded(this.indexes)
  }
}

/**
 * Thrown where a query needs a part of the snapshot kept outside its core and not read yet (the
 * search text, read on the first `q`): `withRecords` reads it and runs the work again.
 */
export class SectionNotLoaded extends Error {
  constructor(
    section: string,
    readonly load: () => Promise<void>,
  ) {
    super(`the snapshot's ${section} are not loaded yet (run the work inside withRecords)`)
    this.name = 'SectionNotLoaded'
  }
}

/** Rounds of fetching after which the work is taken to need more records than the store keeps. */
const MAX_ROUNDS = 32

/**
 * Time spent fetching after which the work is taken to need more records than one answer can
 * read, where the store names no budget of its own (`fetchBudgetMs`: on Lambda, the invocation's
 * time left). A query with few matches in a national registry (everything "open now" at night)
 * could otherwise spend its 32 rounds (15–18 s in the infra bench's national run at 21:00 on a
 * Sunday, records read from s3rver) and be cut off without an answer, where it should be told to
 * narrow the query.
 */
export const RECORDS_BUDGET_MS = 6_000

/** The records a query needs could not be fetched (the store's read failed): `cause` says why. */
export class RecordsUnavailable extends Error {
  constructor(cause: unknown) {
    super(`point records could not be fetched: ${cause instanceof Error ? cause.message : String(cause)}`, { cause })
    this.name = 'RecordsUnavailable'
  }
}

/**
 * The work needs more records than one answer reads: it still found some missing after MAX_ROUNDS
 * rounds of fetching (it walks more than the store keeps decoded, or too sparse a filter).
 */
export class TooManyRecordsNeeded extends Error {
  constructor(why: string) {
    super(`the query reads more of the registry than one answer can: ${why}`)
    this.name = 'TooManyRecordsNeeded'
  }
}

/**
 * Runs synchronous work over a snapshot's records, fetching what it found missing and running it
 * again until it completes. The queries stay synchronous, as the index's walk is (a predicate
 * cannot await), and deterministic, so each run repeats the previous one up to where it stopped.
 * Over records held in memory this is one call of `work`.
 */
export async function withRecords<T>(
  store: PointRecordStore,
  work: () => T,
  { budgetMs = storeBudgetMs(store), clock = () => performance.now() }: { budgetMs?: number; clock?: () => number } = {},
): Promise<T> {
  const started = clock()
  for (let round = 1; ; round++) {
    try {
      return work()
    } catch (error) {
      if (!(error instanceof RecordsNotLoaded || error instanceof SectionNotLoaded)) throw error
      if (round >= MAX_ROUNDS) throw new TooManyRecordsNeeded(`records still missing after ${round} rounds of fetching`)
      const spent = clock() - started
      if (spent > budgetMs || budgetMs <= 0) {
        // Fetching for the fixed budget is what shows a query too broad; a shorter time (what was
        // left of a Lambda invocation) shows nothing about the query: it may be answered on a retry.
        if (budgetMs < RECORDS_BUDGET_MS) throw new RecordsUnavailable(new Error(`no time left to fetch the records this answer needs (${Math.max(0, Math.round(budgetMs))} ms were left for it)`))
        throw new TooManyRecordsNeeded(`records still missing after ${round} rounds and ${Math.round(spent)} ms of fetching`)
      }
      await (error instanceof RecordsNotLoaded ? store.load(error.indexes) : error.load())
    }
  }
}

/** The store's own budget where it names a usable one (a number of ms), else RECORDS_BUDGET_MS. */
function storeBudgetMs(store: PointRecordStore): number {
  const budget = store.fetchBudgetMs?.()
  return budget !== undefined && !Number.isNaN(budget) ? budget : RECORDS_BUDGET_MS
}

/** Batches of a pass over records held in memory: one per `size` records, handed out as they are. */
async function* inMemoryBatches(each: Iterable<PointRecord>, size = 1000): AsyncIterable<readonly PointRecord[]> {
  let batch: PointRecord[] = []
  for (const record of each) {
    batch.push(record)
    if (batch.length === size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

export function inMemoryRecords(records: readonly PointRecord[]): PointRecordStore {
  return {
    size: records.length,
    get: (index) => records[index]!,
    all: () => records,
    each: (from = 0, to = records.length) => (from === 0 && to >= records.length ? records : records.slice(from, to)),
    has: () => true,
    load: () => Promise.resolve(),
    batches: (from = 0, to = records.length) => inMemoryBatches(records.slice(from, to)),
    batchesOf: (indexes) => inMemoryBatches(picked(indexes, records.length, (index) => records[index]!)),
  }
}

/** Each of `indexes` through `get`, lazily: the records of a `batchesOf` pass held in memory. */
function* picked(indexes: readonly number[], size: number, get: (index: number) => PointRecord): Iterable<PointRecord> {
  checkAscendingIndexes(indexes, size)
  for (const index of indexes) yield get(index)
}

/** Refuses what `batchesOf` takes for a mistake: an index outside the store, or one not above the one before. */
export function checkAscendingIndexes(indexes: readonly number[], size: number): void {
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i]!
    if (!(Number.isInteger(index) && index >= 0 && index < size)) throw new RangeError(`index: ${index} is outside 0…${size - 1}`)
    if (i > 0 && index <= indexes[i - 1]!) throw new RangeError(`indexes: must ascend, ${index} follows ${indexes[i - 1]}`)
  }
}

/**
 * How many decoded records a lazy store keeps; the least recently used goes first. Today's
 * registry (3,000 points) stays decoded whole; a larger one no longer grows the read function
 * with every record it ever served: `npm run bench -- infra` measured a 100,000-point registry
 * at 1,211 MiB, beyond the function's 1,024, when every record stayed decoded (580–694 MiB with
 * this bound and the snapshot read into one buffer). The caches keyed by record (presented
 * JSON, export rows) let go of an evicted record's entries with it.
 */
export const DECODED_RECORDS_KEPT = 10_000

/**
 * Decoded records by index, at most `keep` of them: the least recently used goes first. A Map, not
 * an array of a million holes: a warm Lambda decodes only the records it served. Its insertion
 * order is the recency order: a record used again moves to the end.
 */
export class DecodedRecords {
  private readonly records = new Map<number, PointRecord>()

  constructor(private readonly keep: number) {}

  /** The record if decoded, now the most recently used. */
  take(index: number): PointRecord | undefined {
    const record = this.records.get(index)
    if (record !== undefined) {
      this.records.delete(index)
      this.records.set(index, record)
    }
    return record
  }

  /** The record if decoded, its recency untouched (a pass over the registry must not reorder the kept set). */
  peek(index: number): PointRecord | undefined {
    return this.records.get(index)
  }

  has(index: number): boolean {
    return this.records.has(index)
  }

  put(index: number, record: PointRecord): void {
    this.records.set(index, record)
    if (this.records.size > this.keep) this.records.delete(this.records.keys().next().value!)
  }
}

/** Records kept as their JSON in a column (views over the snapshot bytes), parsed on first use. */
export function lazyJsonRecords(json: Utf8Column, { keep = DECODED_RECORDS_KEPT }: { keep?: number } = {}): PointRecordStore {
  const size = json.size
  const bounded = size > keep
  const decoded = new DecodedRecords(keep)
  const parse = (index: number): PointRecord => JSON.parse(json.get(index)) as PointRecord
  const get = (index: number): PointRecord => {
    let record = decoded.take(index)
    if (record === undefined) decoded.put(index, (record = parse(index)))
    return record
  }
  let everything: PointRecord[] | undefined
  const each = function* (from = 0, to = size): Iterable<PointRecord> {
    for (let i = Math.max(0, from); i < Math.min(size, to); i++) yield bounded ? (decoded.peek(i) ?? parse(i)) : get(i)
  }
  return {
    size,
    get,
    // A store within the bound keeps them all anyway; a larger one hands out a list the caller
    // alone holds, leaving the recently used records in place.
    all: () => (bounded ? Array.from({ length: size }, (_, i) => decoded.peek(i) ?? parse(i)) : (everything ??= Array.from({ length: size }, (_, i) => get(i)))),
    each,
    // The bytes are all here: every record answers now.
    has: () => true,
    load: () => Promise.resolve(),
    batches: (from, to) => inMemoryBatches(each(from, to)),
    batchesOf: (indexes) => inMemoryBatches(picked(indexes, size, (index) => (bounded ? (decoded.peek(index) ?? parse(index)) : get(index)))),
    json,
  }
}
