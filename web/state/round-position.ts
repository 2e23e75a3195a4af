/**
 * A position rounded on the device before any request leaves it: 3 decimals of a degree are
 * about 111 m of latitude (and less of longitude in Italy), enough to find the nearest point
 * and too coarse to single out a home.
 */
export const POSITION_DECIMALS = 3

export interface LatLon {
  readonly lat: number
  readonly lon: number
}

const round = (value: number): number => {
  const factor = 10 ** POSITION_DECIMALS
  // Adding 0 turns -0 into 0, so a rounded position always prints the same way.
  return Math.round(value * factor) / factor + 0
}

export const roundPosition = ({ lat, lon }: LatLon): LatLon => ({ lat: round(lat), lon: round(lon) })
