import { MissingRecords } from './point-record-store.ts'
import type { PointRecord } from '../schemas/point.ts'
import type { Snapshot } from './snapshot.ts'

/**
 * The change feed over a snapshot: every point once, in the order of the write that stored its
 * current version (write ticket, then id), up to the snapshot's horizon. A client keeps the
 * position of the last point it read and asks for what comes after: each point created, changed
 * or closed since then, at its current version. Replaying from the start gives every point at its
 * current version, the same registry as a full export (as CouchDB's `_changes` does, a point
 * changed twice meanwhile appears once, at its newer version and position).
 */
export interface FeedPosition {
  readonly seq: number
  readonly id: string
}

export type FeedChange = 'created' | 'changed' | 'closed'

export interface FeedEntry {
  readonly position: FeedPosition
  readonly record: PointRecord
  readonly change: FeedChange
}

/** Point indices in feed order, made once per snapshot (a sort of n integers by two typed columns). */
const orders = new WeakMap<Snapshot, Uint32Array>()

function feedOrder(s: Snapshot): Uint32Array {
  let order = orders.get(s)
  if (!order) {
    const seqs = s.tables.pointChangeSeq
    // Point indices are already in id order, so the index breaks ties exactly as the id would.
    order = Uint32Array.from({ length: s.pointCount }, (_, i) => i).sort((a, b) => seqs[a]! - seqs[b]! || a - b)
    orders.set(s, order)
  }
  return order
}

const isAfter = (seq: number, id: string, position: FeedPosition): boolean => seq > position.seq || (seq === position.seq && id > position.id)

/** Up to `limit` entries after `position` (from the start when null), and whether more are ready now. */
export function changesAfter(s: Snapshot, position: FeedPosition | null, limit: number): { entries: FeedEntry[]; more: boolean } {
  const order = feedOrder(s)
  const seqs = s.tables.pointChangeSeq
  // The first entry after the position: a binary search over (seq, id).
  let low = 0
  let high = order.length
  if (position) {
    while (low < high) {
      const middle = (low + high) >>> 1
      const point = order[middle]!
      if (isAfter(seqs[point]!, s.ids.get(point), position)) high = middle
      else low = middle + 1
    }
  }
  const entries: FeedEntry[] = []
  // Records a store has yet to fetch, named all at once (see `withRecords`).
  const missing = new MissingRecords(limit)
  let next = low
  for (; next < order.length && entries.length + missing.count < limit; next++) {
    const point = order[next]!
    const seq = seqs[point]!
    if (seq > s.changesHorizon) break
    if (!s.records.has(point)) {
      missing.note(point)
      continue
    }
    const record = s.records.get(point)
    entries.push({ position: { seq, id: record.id }, record, change: record.status === 'closed' ? 'closed' : record.version === 1 ? 'created' : 'changed' })
  }
  missing.settle()
  const more = next < order.length && seqs[order[next]!]! <= s.changesHorizon
  return { entries, more }
}
