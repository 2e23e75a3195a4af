import type { FeatureCollection, Point } from 'geojson'
import type { Comune } from '../../shared/gazetteer/comuni.ts'
import { placeMinZoom } from '../../shared/map/place-rank.ts'

/** One label's properties, short because the file holds 7,896 of them: name, second-language name, residents, first zoom. */
export interface ComuneLabel {
  readonly n: string
  readonly a?: string
  readonly p: number
  readonly z: number
}

/**
 * The comuni as labels for the built-in map: every name, with its second official language
 * where it has one (Bolzano / Bozen), and the zoom from which it is drawn (larger towns first,
 * shared/map/place-rank.ts). Coordinates at 4 decimals (≈ 10 m) keep the file small.
 */
export function comuneLabels(comuni: readonly Comune[]): FeatureCollection<Point, ComuneLabel> {
  const round = (degrees: number) => Math.round(degrees * 1e4) / 1e4
  return {
    type: 'FeatureCollection',
    features: [...comuni]
      .sort((a, b) => b.population - a.population)
      .map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [round(c.lon), round(c.lat)] },
        properties: { n: c.name, ...(c.altName && c.altName !== c.name ? { a: c.altName } : {}), p: c.population, z: placeMinZoom(c.population) },
      })),
  }
}
