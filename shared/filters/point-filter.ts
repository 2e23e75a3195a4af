import type { PointStatus, Service, SiteKind, Topic } from '../schemas/point.ts'

/**
 * The parsed, typed filter of every read of the registry (`/v1/points`, `.geojson`, `.csv`).
 * The HTTP layer builds it from the query string with zod; inside, it is trusted for shape, and
 * `compileFilter` still names the field of a value it cannot use.
 * Every absent field means "no constraint"; every present one must hold (AND).
 */
export interface PointFilter {
  /** ISTAT region code of the point, two digits ("09"). */
  region?: string
  /** Province sigla of the point ("FI"). */
  province?: string
  /** ISTAT comune code of the point, six digits. */
  comune?: string
  /** All required. */
  services?: Service[]
  /** All required. */
  topics?: Topic[]
  /** The point has a matching site of one of these kinds (and that site is the one returned). */
  kinds?: SiteKind[]
  /**
   * `true`: only step-free places. Step-free is a point-level fact in the registry model
   * (`accessibility.step_free`), so it applies to all sites of the point; `null` (unknown) does
   * not qualify. `false` or absent: no constraint (nobody asks for "not accessible").
   */
  accessible?: boolean
  /** The point has a matching site open at that instant (at that place, for a mobile unit's stop). */
  openAt?: Date
  /** Every word must start a word of the name, operator name, street or comune name (accents and case ignored). */
  q?: string
  /** [minLon, minLat, maxLon, maxLat]: the matching site (or stop place) lies inside the box, edges included. */
  bbox?: [number, number, number, number]
  /** Default: active only. */
  statuses?: PointStatus[]
}

export const DEFAULT_STATUSES: readonly PointStatus[] = ['active']
