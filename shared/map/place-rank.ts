/**
 * When a comune's name appears as the map zooms in: larger towns first. One table for the
 * built-in offline map (a zoom-stepped filter) and the archives our tooling builds (each place
 * only in tiles from its zoom on), so both maps name the same towns at the same zoom.
 * Rows: [minimum residents, first zoom], most populous first.
 */
export const PLACE_ZOOM_STEPS: ReadonlyArray<readonly [number, number]> = [
  [1_000_000, 4],
  [200_000, 5],
  [100_000, 6],
  [50_000, 7],
  [20_000, 8],
  [10_000, 9],
  [5_000, 10],
  [0, 11],
]

export function placeMinZoom(population: number): number {
  return PLACE_ZOOM_STEPS.find(([residents]) => population >= residents)![1]
}
