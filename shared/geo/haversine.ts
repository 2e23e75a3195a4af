import { distance } from 'geokdbush'

/**
 * Great-circle metres between two places (sphere of radius 6371 km). It is geokdbush's own
 * formula, so a distance reported here never disagrees with the order `around` returned.
 */
export function haversineMetres(from: { lat: number; lon: number }, to: { lat: number; lon: number }): number {
  return distance(from.lon, from.lat, to.lon, to.lat) * 1000
}
