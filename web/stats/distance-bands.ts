import type { CoverageComune } from '../../shared/schemas/coverage-view.ts'

/**
 * The map's and the table's classes of distance to the nearest point: the same thresholds as the
 * coverage radii (5, 10, 20 km), then beyond, then none at all. Colours from ColorBrewer's
 * RdYlBu, dark enough against the basemap and each told apart in the legend by its words too.
 */
export const DISTANCE_BANDS = [
  { key: '5', upTo: 5, colour: '#2c7bb6' },
  { key: '10', upTo: 10, colour: '#abd9e9' },
  { key: '20', upTo: 20, colour: '#fdae61' },
  { key: 'far', upTo: Number.POSITIVE_INFINITY, colour: '#d7191c' },
  { key: 'none', upTo: null, colour: '#4d4d4d' },
] as const
export type DistanceBand = (typeof DISTANCE_BANDS)[number]

export function bandOf(km: number | null): DistanceBand {
  if (km === null) return DISTANCE_BANDS[4]
  return DISTANCE_BANDS.find((band) => band.upTo !== null && km <= band.upTo)!
}

/** Comuni and residents in each band, in band order. */
export function bandTotals(comuni: readonly CoverageComune[]): Array<{ band: DistanceBand; comuni: number; residents: number }> {
  const totals = DISTANCE_BANDS.map((band) => ({ band, comuni: 0, residents: 0 }))
  for (const comune of comuni) {
    const entry = totals[DISTANCE_BANDS.indexOf(bandOf(comune.distance_km))]!
    entry.comuni++
    entry.residents += comune.population
  }
  return totals
}
