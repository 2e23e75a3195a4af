import type { Comune } from '../../shared/gazetteer/comuni.ts'

/** Comuni per ISTAT region code, in input order. */
export function groupByRegion(comuni: readonly Comune[]): Map<string, Comune[]> {
  const groups = new Map<string, Comune[]>()
  for (const c of comuni) {
    const group = groups.get(c.regionIstat)
    if (group) group.push(c)
    else groups.set(c.regionIstat, [c])
  }
  return groups
}
