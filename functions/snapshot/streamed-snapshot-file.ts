import { SnapshotFileBuilder } from '../../shared/geo/snapshot-file-builder.ts'
import type { InvalidItem, Registry } from '../../shared/registry-port.ts'
import { SpilledColumnWriter } from './spilled-column.ts'

/**
 * The registry's scan streamed into a snapshot file: each page goes into the builder and is
 * dropped, so a national registry (~1.4 GB as record objects) is never held whole
 * (snapshot-file-builder.ts); the builder itself is gone when this returns. With `spillDir`, the
 * records' JSON waits in a file there rather than in memory until it is copied into the snapshot
 * (spilled-column.ts): the build then holds no record in any form. The indexer's build, and what
 * `npm run bench -- build` measures.
 */
export async function streamedSnapshotFile(
  registry: Pick<Registry, 'scanPoints'>,
  {
    builtAt,
    expectedPoints,
    meta,
    onInvalid,
    spillDir,
  }: { builtAt: Date; expectedPoints: number; meta: { registryVersion: number; changesHorizon: number }; onInvalid?: (item: InvalidItem) => void; spillDir?: string },
): Promise<{ file: Uint8Array; points: number; invalidItems: number }> {
  const spilled = spillDir === undefined ? undefined : new SpilledColumnWriter(spillDir)
  try {
    const builder = new SnapshotFileBuilder({ builtAt, expectedPoints, ...(spilled ? { records: spilled } : {}) })
    let invalidItems = 0
    for await (const page of registry.scanPoints()) {
      for (const item of page.invalid) onInvalid?.(item)
      invalidItems += page.invalid.length
      page.records.forEach((record, i) => builder.add(record, page.changeSeq[i]))
    }
    return { file: builder.finish({ ...meta, invalidItems }), points: builder.pointCount, invalidItems }
  } finally {
    spilled?.close()
  }
}
