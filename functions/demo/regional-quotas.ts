import type { Comune } from '../../shared/gazetteer/comuni.ts'
import { REGIONAL_PNRR_TARGETS } from '../../shared/pnrr-targets.ts'

/**
 * Regions whose PNRR target (points to open under Misura 1.7.2) is public and used as is;
 * the other regions get a share proportional to their population.
 */
export const PNRR_REGIONAL_TARGETS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(REGIONAL_PNRR_TARGETS).map(([region, target]) => [region, target.points]),
)

/**
 * Splits `total` in proportion to `weights` with whole numbers that add up exactly (largest
 * remainder; ties go to the earlier index, so the split is stable).
 */
export function splitProportionally(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0)
  if (!(sum > 0)) throw new Error('weights: must have a positive sum')
  const exact = weights.map((w) => (total * w) / sum)
  const parts = exact.map(Math.floor)
  let left = total - parts.reduce((s, p) => s + p, 0)
  const byRemainder = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i)
  for (const { i } of byRemainder) {
    if (left <= 0) break
    parts[i] = (parts[i] ?? 0) + 1
    left--
  }
  return parts
}

/**
 * Points per region (ISTAT code → count) for the regions present in `comuni`: regions in
 * `fixed` get exactly their number, the rest share what is left in proportion to population.
 */
export function allocateRegionalQuotas(
  comuni: readonly Comune[],
  total: number,
  fixed: Readonly<Record<string, number>> = PNRR_REGIONAL_TARGETS,
): Map<string, number> {
  const population = new Map<string, number>()
  for (const c of comuni) population.set(c.regionIstat, (population.get(c.regionIstat) ?? 0) + c.population)
  const regions = [...population.keys()].sort()
  const fixedRegions = regions.filter((r) => fixed[r] !== undefined)
  const sharedRegions = regions.filter((r) => fixed[r] === undefined)
  const left = total - fixedRegions.reduce((sum, r) => sum + (fixed[r] ?? 0), 0)
  if (left < 0) throw new Error(`total: ${total} is smaller than the fixed regional targets`)
  const shares = sharedRegions.length > 0 ? splitProportionally(left, sharedRegions.map((r) => population.get(r) ?? 0)) : []
  const quotas = new Map<string, number>()
  for (const r of regions) quotas.set(r, fixed[r] ?? shares[sharedRegions.indexOf(r)] ?? 0)
  return quotas
}
