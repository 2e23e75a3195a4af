import type { PointRecord } from '../schemas/point.ts'
import type { Utf8Column } from './utf8-column.ts'

/**
 * The snapshot's point records, by point index (id order). Built in-process they are the records
 * themselves; loaded from bytes each one stays JSON until a query returns it, because parsing a
 * million records up front would take seconds and gigabytes in every cold Lambda.
 */
export interface PointRecordStore {
  readonly size: number
  get(index: number): PointRecord
  /** Every record; on a lazy store this decodes all of them (once, within its bound of decoded records). */
  all(): readonly PointRecord[]
  /**
   * The records from index `from` to before `to` (all of them by default), in index order, one at
   * a time: on a lazy store beyond its bound, each is let go once the caller moves on, so a pass
   * over a large registry holds one record, not all of them, and leaves the recently used ones
   * decoded.
   */
  each(from?: number, to?: number): Iterable<PointRecord>
}

export function inMemoryRecords(records: readonly PointRecord[]): PointRecordStore {
  return {
    size: records.length,
    get: (index) => records[index]!,
    all: () => records,
    each: (from = 0, to = records.length) => (from === 0 && to >= records.length ? records : records.slice(from, to)),
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

/** Records kept as their JSON in a column (views over the snapshot bytes), parsed on first use. */
export function lazyJsonRecords(json: Utf8Column, { keep = DECODED_RECORDS_KEPT }: { keep?: number } = {}): PointRecordStore {
  const size = json.size
  const bounded = size > keep
  // A Map, not an array of a million holes: a warm Lambda decodes only the records it served.
  // Its insertion order is the recency order: a record used again moves to the end.
  const decoded = new Map<number, PointRecord>()
  const parse = (index: number): PointRecord => JSON.parse(json.get(index)) as PointRecord
  const get = (index: number): PointRecord => {
    let record = decoded.get(index)
    if (record !== undefined) {
      if (bounded) {
        decoded.delete(index)
        decoded.set(index, record)
      }
      return record
    }
    record = parse(index)
    decoded.set(index, record)
    if (decoded.size > keep) decoded.delete(decoded.keys().next().value!)
    return record
  }
  let everything: PointRecord[] | undefined
  return {
    size,
    get,
    // A store within the bound keeps them all anyway; a larger one hands out a list the caller
    // alone holds, leaving the recently used records in place.
    all: () => (bounded ? Array.from({ length: size }, (_, i) => decoded.get(i) ?? parse(i)) : (everything ??= Array.from({ length: size }, (_, i) => get(i)))),
    each: function* (from = 0, to = size) {
      for (let i = Math.max(0, from); i < Math.min(size, to); i++) yield bounded ? (decoded.get(i) ?? parse(i)) : get(i)
    },
  }
}
