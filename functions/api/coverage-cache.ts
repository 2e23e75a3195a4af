import type { Comune } from '../../shared/gazetteer/comuni.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import { CoverageTally, type CoverageReport } from '../../shared/reach/coverage.ts'
import { decodeProvince, decodeRegion } from '../../shared/geo/admin-codes.ts'

/**
 * One coverage report per snapshot and Rome day (seasons and van stops depend on the day), shared
 * by /v1/coverage and /v1/regions: computed on first request (concurrent ones share it), dropped
 * with the snapshot; a failed one (records unreachable) is not kept.
 */
const reports = new WeakMap<Snapshot, { today: string; report: Promise<CoverageReport> }>()

export function coverageOfSnapshot(snapshot: Snapshot, comuni: readonly Comune[], today: string): Promise<CoverageReport> {
  const cached = reports.get(snapshot)
  if (cached?.today === today) return cached.report
  const report = tally(snapshot, comuni, today)
  reports.set(snapshot, { today, report })
  report.catch(() => {
    if (reports.get(snapshot)?.report === report) reports.delete(snapshot)
  })
  return report
}

/**
 * From the facts stored with the snapshot when they are of today (it holds its build day's and
 * the next: the nightly rebuild keeps them current), else from the records a batch at a time (a
 * registry whose records stay in S3 is read by range, never held whole).
 */
async function tally(snapshot: Snapshot, comuni: readonly Comune[], today: string): Promise<CoverageReport> {
  const tally = new CoverageTally(comuni, today)
  const stored = snapshot.coverageFacts
  // Asked for only when stored for today: their day is in the snapshot's directory.
  const facts = stored?.days.includes(today) ? await stored.read(today) : undefined
  if (facts) {
    const t = snapshot.tables
    tally.addFacts(facts, (p) => ({ id: snapshot.ids.get(p), region: decodeRegion(t.pointRegion[p]!), province: decodeProvince(t.pointProvince[p]!) }))
  } else {
    for await (const batch of snapshot.records.batches()) for (const point of batch) tally.add(point)
  }
  return tally.report()
}
