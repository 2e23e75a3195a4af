import { haversineMetres } from '../../shared/geo/haversine.ts'
import type { Location } from '../../shared/schemas/hours.ts'
import type { SeededRandom } from './seeded-random.ts'

interface LatLon {
  readonly lat: number
  readonly lon: number
}

/** Great-circle distance in kilometres. */
export const distanceKm = (a: LatLon, b: LatLon): number => haversineMetres(a, b) / 1000

const KM_PER_DEGREE_LAT = 111.32

/**
 * A point drawn uniformly in the disc of radius `maxKm` around `origin`, rounded to 5 decimals
 * (about a metre: precise enough for a door, short enough for the JSON).
 */
export function jitterLocation(random: SeededRandom, origin: LatLon, maxKm: number): Location {
  const km = maxKm * Math.sqrt(random.next())
  const angle = random.next() * 2 * Math.PI
  const dLat = (km * Math.cos(angle)) / KM_PER_DEGREE_LAT
  const dLon = (km * Math.sin(angle)) / (KM_PER_DEGREE_LAT * Math.cos((origin.lat * Math.PI) / 180))
  return { lat: round5(origin.lat + dLat), lon: round5(origin.lon + dLon) }
}

const round5 = (x: number): number => Math.round(x * 1e5) / 1e5

/** The items within `maxKm` of `origin`, nearest first (a linear scan: callers pass one region). */
export function nearbyWithin<T extends LatLon>(items: readonly T[], origin: LatLon, maxKm: number): T[] {
  return items
    .map((item) => ({ item, km: distanceKm(origin, item) }))
    .filter((x) => x.km <= maxKm)
    .sort((a, b) => a.km - b.km)
    .map((x) => x.item)
}
