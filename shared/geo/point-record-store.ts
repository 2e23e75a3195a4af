import type { PointRecord } from '../schemas/point.ts'

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

/** Records stored as UTF-8 JSON back to back; record i spans bytes offsets[i] … offsets[i + 1]. */
export function lazyJsonRecords(bytes: Uint8Array, offsets: Uint32Array): PointRecordStore {
  const size = offsets.length - 1
  const decoded: (PointRecord | undefined)[] = new Array(size)
  const decoder = new TextDecoder()
  const get = (index: number): PointRecord => {
    let record = decoded[index]
    if (record === undefined) {
      if (!(index >= 0 && index < size)) throw new RangeError(`point index ${index} is outside 0…${size - 1}`)
      record = JSON.parse(decoder.decode(bytes.subarray(offsets[index], offsets[index + 1]))) as PointRecord
      decoded[index] = record
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
