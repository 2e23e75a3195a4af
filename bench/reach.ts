import { distance } from 'geokdbush'
import { loadComuni } from '../functions/gazetteer/load-comuni.ts'
import { generateDemoRegistry } from '../functions/demo/generate-demo-registry.ts'
import { coverageReport, regularPlaces } from '../shared/reach/coverage.ts'
import { PointRecordSchema, type PointRecord } from '../shared/schemas/point.ts'
import { generateRegistry } from '../tests/shared/geo/fixtures.ts'
import { isMain, verdict } from './bench-support.ts'

/**
 * Issue 13: coverage of all of Italy (7,896 comuni × every regular place) recomputed from the
 * records, against the brute force measured in the same run (each comune against every place).
 * Targets: under 1 s at 3k points (the demo registry), under 10 s at 100k (generated).
 */
const TODAY = '2026-11-23'
const TARGETS_MS: Record<string, number> = { '3k': 1000, '100k': 10_000 }

export async function runReachBench(): Promise<string> {
  const comuni = loadComuni()
  const demo = generateDemoRegistry(comuni).map((d) => PointRecordSchema.parse({ ...d, version: 1, updated_at: '2026-11-01T00:00:00Z' }))
  const generated = generateRegistry({ points: 100_000, seed: 3, today: TODAY })
  const lines = ['## Coverage (`shared/reach/coverage.ts`, all of Italy)']
  for (const [label, points] of [['3k', demo], ['100k', generated]] as Array<[string, PointRecord[]]>) {
    coverageReport(comuni, points, TODAY) // warm-up
    const started = performance.now()
    const report = coverageReport(comuni, points, TODAY)
    const ms = performance.now() - started
    // The brute force on a sample of comuni, scaled: every comune against every regular place.
    const places = regularPlaces(points, TODAY)
    const sample = comuni.filter((_, i) => i % 20 === 0)
    const bruteStart = performance.now()
    for (const comune of sample) {
      let nearest = Infinity
      for (const place of places) nearest = Math.min(nearest, distance(comune.lon, comune.lat, place.lon, place.lat))
    }
    const bruteMs = ((performance.now() - bruteStart) * comuni.length) / sample.length
    lines.push(
      `${label} points (${points.length.toLocaleString('en')}, ${places.length.toLocaleString('en')} regular places): ${ms.toFixed(0)} ms (target < ${TARGETS_MS[label]} ms: ${verdict(ms, TARGETS_MS[label]!)}); ` +
        `brute force ${bruteMs.toFixed(0)} ms → ${(bruteMs / ms).toFixed(1)}× (Italy within 10 km: ${(report.italy.within[10].share * 100).toFixed(1)}%)`,
    )
  }
  return lines.join('\n')
}

if (isMain(import.meta.url)) {
  console.log(await runReachBench())
}
