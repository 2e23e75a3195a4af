/**
 * Geo engine benchmark (not a test): `npx tsx bench/geo.ts`.
 * Every figure that has a target is compared with a baseline measured in the same run, because
 * the machine is shared and absolute times drift: nearest-10 (service filter + open now) against
 * the brute-force linear scan of the test oracle, at 3k, 100k and 1M sites; then build, memory,
 * serialized size and load time of the 1M-site snapshot.
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { pathToFileURL } from 'node:url'
import type { PointFilter } from '../shared/filters/point-filter.ts'
import { queryNearest } from '../shared/geo/query.ts'
import { deserializeSnapshot, serializeSnapshot } from '../shared/geo/snapshot-codec.ts'
import { buildSnapshot, TABLE_LAYOUT, type Snapshot } from '../shared/geo/snapshot.ts'
import { bruteNearest } from '../tests/shared/geo/brute-force.ts'
import { generateRegistry, seededRandom } from '../tests/shared/geo/fixtures.ts'

const TODAY = '2026-11-23'
/** Monday 09:30 in Rome: most fixture schedules are open, so "open now" filters but does not empty. */
const NOW = new Date('2026-11-23T08:30:00Z')
const FILTER: PointFilter = { services: ['formazione_online'], openAt: NOW }
const SITES_PER_POINT = 1.414 // what the fixture generator produces on average

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`
const ms = (t: number): string => `${t.toFixed(0)} ms`

function positions(n: number, seed: number): { lat: number; lon: number }[] {
  const random = seededRandom(seed)
  return Array.from({ length: n }, () => ({ lat: 37 + random() * 9.5, lon: 7 + random() * 11 }))
}

/** Mean microseconds per call of `run` over `queries`. */
function timePerQuery(queries: readonly { lat: number; lon: number }[], run: (q: { lat: number; lon: number }) => unknown): number {
  const start = performance.now()
  for (const q of queries) run(q)
  return ((performance.now() - start) * 1000) / queries.length
}

function typedBytes(s: Snapshot): number {
  const t = s.tables
  const tables = Object.keys(TABLE_LAYOUT).reduce((n, name) => n + t[name as keyof typeof TABLE_LAYOUT].byteLength, 0)
  return tables + t.index.data.byteLength + t.placeSlot.byteLength
}

export async function runGeoBench(): Promise<string> {
  const lines: string[] = [`geo bench — nearest 10, filter services=formazione_online + open at ${NOW.toISOString()}`]
  const log = (line: string): void => {
    lines.push(line)
    console.error(line)
  }
  for (const targetSites of [3_000, 100_000, 1_000_000]) {
    const records = generateRegistry({ points: Math.round(targetSites / SITES_PER_POINT), seed: 1, today: TODAY })
    gc()
    const heapBefore = process.memoryUsage().heapUsed
    const buildStart = performance.now()
    const snapshot = buildSnapshot(records, { registryVersion: 1, builtAt: NOW })
    const buildMs = performance.now() - buildStart
    gc()
    const heapDelta = process.memoryUsage().heapUsed - heapBefore

    const queries = positions(targetSites >= 1_000_000 ? 1000 : 3000, 2)
    for (const q of queries.slice(0, 100)) queryNearest(snapshot, q, FILTER, { limit: 10 }) // warm up
    const engineUs = timePerQuery(queries, (q) => queryNearest(snapshot, q, FILTER, { limit: 10 }))
    const scanQueries = queries.slice(0, targetSites >= 1_000_000 ? 5 : targetSites >= 100_000 ? 20 : 200)
    const scanUs = timePerQuery(scanQueries, (q) => bruteNearest(records, TODAY, q, FILTER, { limit: 10 }))
    log(
      `${snapshot.siteCount.toLocaleString('en')} sites (${snapshot.pointCount.toLocaleString('en')} points, ` +
        `${snapshot.placeCount.toLocaleString('en')} places): engine ${engineUs.toFixed(1)} µs/query, ` +
        `linear scan ${scanUs.toFixed(0)} µs/query → ${(scanUs / engineUs).toFixed(0)}× faster`,
    )
    if (targetSites < 1_000_000) continue

    log(
      `build: ${ms(buildMs)} (target ≤ 2000 ms); memory: typed arrays ${mib(typedBytes(snapshot))}, ` +
        `heap growth ${mib(heapDelta)} incl. haystacks (records excluded: they exist before; target ≤ 150 MiB)`,
    )
    const serializeStart = performance.now()
    const bytes = serializeSnapshot(snapshot)
    const serializeMs = performance.now() - serializeStart
    const directory = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + new DataView(bytes.buffer).getUint32(8, true)))) as {
      sections: Record<string, [number, number]>
    }
    const recordsBytes = directory.sections.records![1]
    log(
      `serialized: ${mib(bytes.byteLength)} in ${ms(serializeMs)} — records JSON ${mib(recordsBytes)}, ` +
        `index + tables + text ${mib(bytes.byteLength - recordsBytes)}`,
    )
    const loadStart = performance.now()
    const loaded = deserializeSnapshot(bytes)
    const loadMs = performance.now() - loadStart
    const firstQueryStart = performance.now()
    queryNearest(loaded, queries[0]!, FILTER, { limit: 10 })
    const firstQueryMs = performance.now() - firstQueryStart
    const eagerStart = performance.now()
    void loaded.points.length
    const eagerMs = performance.now() - eagerStart
    log(
      `deserialize: ${ms(loadMs)} (target ≤ 300 ms; records stay JSON), first query after load ${firstQueryMs.toFixed(1)} ms; ` +
        `decoding every record eagerly would add ${ms(eagerMs)}`,
    )
  }
  return lines.join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runGeoBench())
}
