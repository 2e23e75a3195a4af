/**
 * The indexer's build at national scale (issue 12, target 4: "build at 1M sites ≤ 2 s from records,
 * or streamed from the table scan without holding every record"): `npm run bench -- build`.
 *
 * Each build runs in a fresh process (bench/build-child.ts) so its peak resident set is its own:
 * the records arrive in pages of 1,000 as a scan's do, and are either all kept then built and
 * serialised (the indexer before), or streamed into the file page by page with their JSON held in
 * memory until the end, or streamed with it spilled to a temporary file (the indexer now, followed
 * by its open-data files). Another run only makes and drops the pages: the scan's own cost, the
 * baseline of all. Every build must write the same file (its hash is compared).
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'esbuild'
import { lambdaOldSpaceMiB, REPO_ROOT, resultOfFunctionProcess, verdict } from './bench-support.ts'
import { INDEXER_MEMORY_MIB } from '../infra/function-memory.ts'

const POINTS = Math.round(1_000_000 / 1.414) // ~1M sites, as the geo bench's national registry

interface ChildResult {
  mode: string
  totalMs: number
  scanMs: number
  peakMiB: number
  /** Streamed: the build alone, then its peak before the open-data files, and those files. */
  buildMs: number
  peakAfterBuildMiB: number
  /** The resident set when the open-data step began (its peak is counted from there). */
  openDataFromMiB: number
  openData: Array<{ name: string; bytes: number; gzip: number; brotli: number }>
  fileBytes: number
  fileHash: string
}

/** One build in a fresh process with the function's environment (the indexer's, for the spilled one). */
const runChild = (script: string, mode: string, oldSpaceMiB: number): Promise<ChildResult> =>
  resultOfFunctionProcess([`--max-old-space-size=${oldSpaceMiB}`, script, mode, String(POINTS)], {}, 'mode', `build child ${mode}`)

export async function runBuildBench(): Promise<string> {
  const lines: string[] = [`build bench — the indexer's snapshot file at ${POINTS.toLocaleString('en')} points (~1M sites), each build in a fresh process`]
  const log = (line: string): void => {
    lines.push(line)
    console.error(line)
  }
  // Beside the bench's own bundle: packages are resolved from the project's node_modules.
  const script = join(REPO_ROOT, 'bench', 'dist', 'build-child.mjs')
  try {
    await build({ entryPoints: [join(REPO_ROOT, 'bench', 'build-child.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' })
    // The builds of before may use what the machine has (holding every record needs ~3.7 GiB); the
    // indexer's build runs with the heap its function gets, which it must fit.
    const unbounded = 8192
    const scan = await runChild(script, 'scan', unbounded)
    const held = await runChild(script, 'held', unbounded)
    const streamed = await runChild(script, 'streamed', unbounded)
    const spilled = await runChild(script, 'spilled', lambdaOldSpaceMiB(INDEXER_MEMORY_MIB))
    const s = (t: number): string => `${(t / 1000).toFixed(1)} s`
    log(`  the scan alone (pages made and dropped):          ${s(scan.totalMs)}, peak ${scan.peakMiB.toFixed(0)} MiB`)
    log(`  held (every record kept, then buildSnapshot + serializeSnapshot): ${s(held.totalMs)} in all, ${s(held.totalMs - held.scanMs)} after its scan; peak ${held.peakMiB.toFixed(0)} MiB`)
    log(`  streamed (SnapshotFileBuilder, each page dropped, the records' JSON held): ${s(streamed.buildMs)} in all, ${s(streamed.buildMs - scan.totalMs)} beyond the scan run's; peak ${streamed.peakAfterBuildMiB.toFixed(0)} MiB`)
    log(`  spilled (the same, the records' JSON in a temporary file: the indexer, with the heap of its ${INDEXER_MEMORY_MIB}-MiB function, --max-old-space-size=${lambdaOldSpaceMiB(INDEXER_MEMORY_MIB)}): ${s(spilled.buildMs)} in all, ${s(spilled.buildMs - scan.totalMs)} beyond the scan run's; peak ${spilled.peakAfterBuildMiB.toFixed(0)} MiB`)
    const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)}`
    log(`  then the open-data files from the file's records, one at a time, each streamed with its encodings: ${s(spilled.totalMs - spilled.buildMs)}; peak of this step ${spilled.peakMiB.toFixed(0)} MiB = ${((spilled.peakMiB / INDEXER_MEMORY_MIB) * 100).toFixed(0)}% of the function's ${INDEXER_MEMORY_MIB} MiB, from ${spilled.openDataFromMiB.toFixed(0)} MiB resident as it began (MiB as is / gzip / br):`)
    log(`    ${spilled.openData.map((f) => `${f.name} ${mb(f.bytes)}/${mb(f.gzip)}/${mb(f.brotli)}`).join('; ')}`)
    const differing = [streamed, spilled].filter((run) => run.fileHash !== held.fileHash || run.fileBytes !== held.fileBytes)
    const same = differing.length === 0
    log(`  file ${(spilled.fileBytes / 2 ** 20).toFixed(1)} MiB, ${same ? 'the same bytes from all three builds' : `DIFFERENT from the held build's in ${differing.map((run) => run.mode).join(', ')} (${held.fileHash} vs ${differing.map((run) => run.fileHash).join(', ')})`}`)
    // The builders keep no record by construction (each page is dropped once added); what this
    // shows is what that saves, and that the file is the same.
    const overFile = (run: ChildResult): string => (run.peakAfterBuildMiB - run.fileBytes / 2 ** 20).toFixed(0)
    log(`  peak / held peak: streamed ${(streamed.peakAfterBuildMiB / held.peakMiB).toFixed(2)}, spilled ${(spilled.peakAfterBuildMiB / held.peakMiB).toFixed(2)}; over the file itself: streamed ${overFile(streamed)} MiB, spilled ${overFile(spilled)} MiB; the same file: ${same ? 'yes' : 'NO'}`)
    log(`  build beyond the scan ≤ 2 s (the target's 2-s form): spilled ${s(spilled.buildMs - scan.totalMs)}, ${verdict(spilled.buildMs - scan.totalMs, 2000)}`)
  } finally {
    await rm(script, { force: true })
  }
  return lines.join('\n')
}
