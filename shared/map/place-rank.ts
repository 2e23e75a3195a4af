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

/**
 * The second official language of a province's comuni names (`Comune.altName`): German in South
 * Tyrol, French in the Aosta Valley, Slovene around Trieste, Gorizia and Udine.
 */
export const SECOND_LANGUAGE_BY_PROVINCE: Readonly<Record<string, 'de' | 'fr' | 'sl'>> = { BZ: 'de', AO: 'fr', TS: 'sl', GO: 'sl', UD: 'sl' }

/** A bilingual comune's official name as signs and OpenStreetMap write it: "Bolzano - Bozen". */
export function officialPlaceName(name: string, altName: string | null): string {
  return altName && altName !== name ? `${name} - ${altName}` : name
}
