import type { Gazetteer } from './create-gazetteer.ts'
import { haversineMetres } from '../geo/haversine.ts'

export interface Area {
  readonly region?: string
  readonly province?: string
  readonly comune?: string
}

/**
 * How much farther than the nearest comune's centre another comune's may be and the position still
 * count as possibly in it. The gazetteer knows comuni by their centres only: a position near a
 * border may be on either side, and it is told it is outside only when it clearly is.
 */
const EDGE_SLACK_KM = 5

/** Roma, the largest comune, reaches about 28 km from its centre: within this a comune's own area may hold the position. */
const LARGEST_COMUNE_REACH_KM = 30

/** Every place in Italy is within a few km of a comune's centre: farther than this, the position is abroad. */
const ABROAD_KM = 40

/**
 * Farther than this from the centre of the comune it is said to be in, a place's coordinates are a
 * slip worth a word: an import warns, an operator's write is refused (Roma reaches ~28 km).
 */
const FAR_FROM_COMUNE_KM = 50

/** How far, in whole km, a place lies from the centre of the comune it is said to be in, when farther than FAR_FROM_COMUNE_KM; null when not. */
export function kmFarFromComune(comune: { readonly lat: number; readonly lon: number }, place: { readonly lat: number; readonly lon: number }): number | null {
  const km = haversineMetres(comune, place) / 1000
  return km > FAR_FROM_COMUNE_KM ? Math.round(km) : null
}

/**
 * Whether a position lies in an area (a region, a province, a comune) or may, near its edge. False
 * only when it is clearly outside (abroad included): a citizen is then told that a region's list is
 * not around them.
 */
export function positionInArea(gazetteer: Pick<Gazetteer, 'comuniNear' | 'byIstat'>, position: { lat: number; lon: number }, area: Area): boolean {
  const near = gazetteer.comuniNear(position.lat, position.lon, EDGE_SLACK_KM)
  // Nearest first (the geo index's order).
  if (near.length === 0 || haversineMetres(near[0]!, position) > ABROAD_KM * 1000) return false
  const inside = near.some((c) => (!area.region || c.regionIstat === area.region) && (!area.province || c.province === area.province) && (!area.comune || c.istat === area.comune))
  if (inside || !area.comune) return inside
  const comune = gazetteer.byIstat(area.comune)
  return comune !== undefined && haversineMetres(comune, position) <= LARGEST_COMUNE_REACH_KM * 1000
}
