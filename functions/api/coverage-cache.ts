import type { Comune } from '../../shared/gazetteer/comuni.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import { coverageReport, type CoverageReport } from '../../shared/reach/coverage.ts'

/**
 * One coverage report per snapshot and Rome day (seasons and van stops depend on the day), shared
 * by /v1/coverage and /v1/regions: computed on first request, dropped with the snapshot.
 */
const reports = new WeakMap<Snapshot, { today: string; report: CoverageReport }>()

export function coverageOfSnapshot(snapshot: Snapshot, comuni: readonly Comune[], today: string): CoverageReport {
  let cached = reports.get(snapshot)
  if (cached?.today !== today) reports.set(snapshot, (cached = { today, report: coverageReport(comuni, snapshot.records.each(), today) }))
  return cached.report
}
