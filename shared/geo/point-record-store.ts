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
  /** Every record; on a lazy store this decodes all of them (once). */
  all(): readonly PointRecord[]
}

export function inMemoryRecords(records: readonly PointRecord[]): PointRecordStore {
  return { size: records.length, get: (index) => records[index]!, all: () => records }
}

/** Records kept as their JSON in a column (views over the snapshot bytes), parsed on first use. */
export function lazyJsonRecords(json: Utf8Column): PointRecordStore {
  const size = json.size
  // A Map, not an array of a million holes: a warm Lambda decodes only the records it served.
  const decoded = new Map<number, PointRecord>()
  const get = (index: number): PointRecord => {
    let record = decoded.get(index)
    if (record === undefined) {
      record = JSON.parse(json.get(index)) as PointRecord
      decoded.set(index, record)
    }
    return record
  }
  let everything: PointRecord[] | undefined
  return {
    size,
    get,
    all: () => (everything ??= Array.from({ length: size }, (_, i) => get(i))),
  }
}
