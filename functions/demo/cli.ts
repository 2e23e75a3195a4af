/**
 * npx tsx functions/demo/cli.ts [--out FILE] [--seed N]
 * Without --out: a summary for inspection (points per region, site kinds, hours). With --out:
 * the whole demo registry as pretty JSON.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { hoursPerWeek } from '../../shared/hours/hours-per-week.ts'
import { SITE_KINDS } from '../../shared/schemas/point.ts'
import { loadComuni } from '../gazetteer/load-comuni.ts'
import { DEMO_NOTICE, generateDemoRegistry, type DemoPointDraft } from './generate-demo-registry.ts'

const { values } = parseArgs({ options: { out: { type: 'string' }, seed: { type: 'string' } } })
const seed = values.seed === undefined ? undefined : Number(values.seed)
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed: must be an integer, got "${values.seed}"`)

const started = performance.now()
const registry = generateDemoRegistry(loadComuni(), seed === undefined ? {} : { seed })
const elapsedMs = Math.round(performance.now() - started)

if (values.out) {
  writeFileSync(values.out, `${JSON.stringify(registry, null, 2)}\n`)
  console.log(`${registry.length} demo points written to ${values.out} in ${elapsedMs} ms`)
} else {
  console.log(summarize(registry, elapsedMs))
}

function summarize(points: readonly DemoPointDraft[], ms: number): string {
  const perRegion = new Map<string, { name: string; points: number }>()
  for (const p of points) {
    const key = p.region?.istat ?? '--'
    const row = perRegion.get(key) ?? { name: p.region?.name ?? 'estero', points: 0 }
    row.points++
    perRegion.set(key, row)
  }
  const pointsWithKind = (kind: string): number => points.filter((p) => p.sites.some((s) => s.kind === kind)).length
  const hours = points.map((p) => hoursPerWeek(p))
  const sites = points.reduce((sum, p) => sum + p.sites.length, 0)
  return [
    DEMO_NOTICE,
    `${points.length} points, ${sites} sites, generated in ${ms} ms`,
    '',
    'Points per region:',
    ...[...perRegion].sort(([a], [b]) => a.localeCompare(b)).map(([code, r]) => `  ${code} ${r.name.padEnd(32)} ${String(r.points).padStart(4)}`),
    '',
    'Points with a site of kind:',
    ...SITE_KINDS.map((k) => `  ${k.padEnd(9)} ${String(pointsWithKind(k)).padStart(4)} (${((100 * pointsWithKind(k)) / points.length).toFixed(1)}%)`),
    '',
    `Hours per week: average ${(hours.reduce((s, h) => s + h, 0) / hours.length).toFixed(1)}, ` +
      `min ${Math.min(...hours)}, max ${Math.max(...hours)}, under 20: ${hours.filter((h) => h < 20).length}`,
  ].join('\n')
}
