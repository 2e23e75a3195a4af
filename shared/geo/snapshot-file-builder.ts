import type { PointRecord } from '../schemas/point.ts'
import { writePointHaystack } from '../filters/text-query.ts'
import { toRomeWallClock } from '../hours/rome-time.ts'
import { withoutLeftoverHoursText } from '../registry/published-hours.ts'
import { CoverageFactsBuilder } from '../reach/coverage.ts'
import { SnapshotWalk } from './snapshot.ts'
import { coverageDaysOf, snapshotFile } from './snapshot-codec.ts'
import { Utf8ColumnBuilder, type ColumnWriter } from './utf8-column.ts'

/**
 * A snapshot file built from records as they arrive (the pages of a table scan), keeping none of
 * them: each record is written at once into the walk's typed arrays (snapshot.ts `SnapshotWalk`),
 * its JSON, its search text and its coverage facts, and the caller drops it. At a million sites
 * the records as objects are ~1.4 GB; as JSON they are ~800 MB, so the indexer builds within
 * memory it could not otherwise (docs/PERFORMANCE.md, "Building at national scale").
 *
 * The file is the one `serializeSnapshot(buildSnapshot(records))` writes, byte for byte, whatever
 * the order the records come in (tests/shared/geo/snapshot-file-builder.test.ts).
 */
export class SnapshotFileBuilder {
  private readonly builtAt: Date
  private readonly walk: SnapshotWalk
  private readonly records: ColumnWriter
  private readonly haystacks: Utf8ColumnBuilder
  /** Repeated parts of the search text (operators, streets, comuni), normalised once. */
  private readonly haystackMemo = new Map<string, string>()
  private readonly coverage: CoverageFactsBuilder
  private finished = false

  /**
   * `expectedPoints` only sizes the first allocations (see `expectedPointsAfter`). `records` is
   * where the records' JSON waits for the end of the scan, to be copied into the file in id order:
   * in memory by default; the indexer spills it to a file (functions/snapshot/spilled-column.ts),
   * since it is most of a national build's memory.
   */
  constructor({ builtAt = new Date(), expectedPoints = 1024, records }: { builtAt?: Date; expectedPoints?: number; records?: ColumnWriter } = {}) {
    this.builtAt = builtAt
    this.walk = new SnapshotWalk(toRomeWallClock(builtAt).date, { expectedPoints })
    // A record's JSON is ~1.1 KB, its search text ~90 bytes (the demo and the national fixture).
    this.records = records ?? Utf8ColumnBuilder.growing(expectedPoints, 1200)
    this.haystacks = Utf8ColumnBuilder.growing(expectedPoints, 96)
    this.coverage = new CoverageFactsBuilder(coverageDaysOf(builtAt.toISOString()))
  }

  get pointCount(): number {
    return this.walk.pointCount
  }

  /** One valid record and its write ticket (the change feed's order); the builder keeps no reference to it. */
  add(stored: PointRecord, changeSeq = 0): void {
    if (this.finished) throw new Error('SnapshotFileBuilder: add after finish')
    // As published: a leftover unreadable text gives way to the week set since (published-hours.ts).
    const point = withoutLeftoverHoursText(stored)
    this.walk.add(point, changeSeq)
    this.records.write(JSON.stringify(point))
    this.records.next()
    writePointHaystack(point, this.haystacks, this.haystackMemo)
    this.coverage.add(point)
  }

  /** The file; the builder is spent. A repeated id throws, as `buildSnapshot` does. */
  finish(meta: { registryVersion: number; invalidItems?: number; changesHorizon?: number }): Uint8Array {
    if (this.finished) throw new Error('SnapshotFileBuilder: finish called twice')
    this.finished = true
    const { order, ids, tables } = this.walk.finish()
    return snapshotFile({
      registryVersion: meta.registryVersion,
      builtAt: this.builtAt.toISOString(),
      invalidItems: meta.invalidItems ?? 0,
      changesHorizon: meta.changesHorizon ?? 0,
      tables,
      ids,
      records: this.records.finishInOrder(order),
      haystacks: this.haystacks.finishInOrder(order),
      coverage: this.coverage.finish(order),
    })
  }
}

/**
 * How many points to size a build for when the last snapshot held `lastCount`: a little more, so
 * the records' bytes rarely grow (growing leaves slack held until the file is written).
 */
export function expectedPointsAfter(lastCount: number): number {
  return Math.ceil(lastCount * 1.05) + 64
}
