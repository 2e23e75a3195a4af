/**
 * One snapshot build at national scale in a process of its own (`bench/build.ts` starts it), so its
 * peak resident set is its own. `node build-child.mjs <mode> <points>` writes one JSON line:
 * - `scan`: the records arrive in pages of 1,000, as a table scan's do, and are dropped: the floor;
 * - `held`: every record is kept, then `buildSnapshot` + `serializeSnapshot` (the indexer before);
 * - `streamed`: `streamedSnapshotFile`, each page dropped once added, the records' JSON held in
 *   memory until it is copied into the file;
 * - `spilled`: the indexer's build: the same, the records' JSON waiting in a file in the system's
 *   temporary folder (the function's /tmp) instead; then, as the indexer does next, the open-data
 *   files are written one at a time from the file's records, each streamed with its encodings as
 *   the indexer streams them into S3's multipart uploads, here into sinks that count and drop (the
 *   uploads' own part buffers, at most ~75 MiB, are not measured).
 * Records are generated (tests/shared/geo/fixtures.ts), not validated by zod as the indexer's scan
 * does: that cost is the same in both builds and is left out of both.
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { deserializeSnapshot, serializeSnapshot } from '../shared/geo/snapshot-codec.ts'
import { registryFileSources } from '../functions/exports/registry-files.ts'
import { writeEncodedFile, type FileSink } from '../functions/exports/encoded-file.ts'
import { once } from 'node:events'
import { Writable } from 'node:stream'
import { expectedPointsAfter } from '../shared/geo/snapshot-file-builder.ts'
import { streamedSnapshotFile } from '../functions/snapshot/streamed-snapshot-file.ts'
import { buildSnapshot } from '../shared/geo/snapshot.ts'
import type { PointRecord } from '../shared/schemas/point.ts'
import { generatedRecords } from '../tests/shared/geo/fixtures.ts'

const TODAY = '2026-11-23'
const BUILT_AT = new Date('2026-11-23T08:00:00Z')
const PAGE = 1000

/** The process's own high-water mark (VmHWM), what Lambda reports as "Max Memory Used". */
const peakMiB = (): number => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) / 1024

function* pages(points: number): Generator<PointRecord[]> {
  let page: PointRecord[] = []
  for (const record of generatedRecords({ points, seed: 1, today: TODAY })) {
    page.push(record)
    if (page.length === PAGE) {
      yield page
      page = []
    }
  }
  if (page.length > 0) yield page
}

const [mode, pointsArg] = process.argv.slice(2)
const points = Number(pointsArg)
const started = performance.now()
let scanMs = Number.NaN
let file: Uint8Array | undefined
let buildMs = Number.NaN
let peakAfterBuildMiB = Number.NaN
let openDataFromMiB = Number.NaN
const openData: Array<{ name: string; bytes: number; gzip: number; brotli: number }> = []
if (mode === 'scan') {
  let seen = 0
  for (const page of pages(points)) seen += page.length
  if (seen !== points) throw new Error(`scan: ${seen} records`)
  scanMs = performance.now() - started
} else if (mode === 'held') {
  const records: PointRecord[] = []
  for (const page of pages(points)) records.push(...page)
  scanMs = performance.now() - started
  file = serializeSnapshot(buildSnapshot(records, { registryVersion: 1, builtAt: BUILT_AT }))
} else if (mode === 'streamed' || mode === 'spilled') {
  // The indexer's own build (functions/snapshot/streamed-snapshot-file.ts) over the pages, sized as
  // the indexer sizes it from the last snapshot's count (a nightly rebuild: the same registry).
  const registry = {
    async *scanPoints() {
      for (const page of pages(points)) yield { records: page, invalid: [], changeSeq: page.map(() => 0) }
    },
  }
  const spillDir = mode === 'spilled' ? tmpdir() : undefined
  ;({ file } = await streamedSnapshotFile(registry, { builtAt: BUILT_AT, expectedPoints: expectedPointsAfter(points), meta: { registryVersion: 1, changesHorizon: 0 }, ...(spillDir ? { spillDir } : {}) }))
  scanMs = Number.NaN // interleaved with the build: the `scan` run gives it
  buildMs = performance.now() - started
  peakAfterBuildMiB = peakMiB()
}
if (mode === 'spilled') {
  // The open-data step's own peak: Linux resets the high-water mark to the resident set now (the
  // file and the spent builder's garbage included) when 5 is written here.
  writeFileSync('/proc/self/clear_refs', '5')
  openDataFromMiB = peakMiB()
  const dropped = (): FileSink => {
    const stream = new Writable({ write: (_chunk, _encoding, done) => done() })
    return { stream, done: once(stream, 'finish') }
  }
  for (const source of registryFileSources(deserializeSnapshot(file!))) {
    const written = await writeEncodedFile(source.text(), { body: dropped(), gzip: dropped(), brotli: dropped() })
    openData.push({ name: source.name, bytes: written.bytes, gzip: written.gzipBytes, brotli: written.brotliBytes })
  }
} else if (!['scan', 'held', 'streamed'].includes(mode!)) throw new Error(`mode: ${mode}?`)
const totalMs = performance.now() - started
process.stdout.write(
  JSON.stringify({
    mode,
    totalMs,
    scanMs,
    buildMs,
    peakAfterBuildMiB,
    openDataFromMiB,
    openData,
    peakMiB: peakMiB(),
    fileBytes: file?.byteLength ?? 0,
    fileHash: file ? createHash('sha256').update(file).digest('hex').slice(0, 16) : '',
  }) + '\n',
)
