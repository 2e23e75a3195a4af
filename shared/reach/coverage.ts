import KDBush from 'kdbush'
import { around, distance } from 'geokdbush'
import type { Comune } from '../gazetteer/comuni.ts'
import { hoursPerWeek, WEEKLY_HOURS_NORM } from '../hours/hours-per-week.ts'
import { seasonCovers } from '../hours/open-at.ts'
import { addDays } from '../hours/rome-time.ts'
import type { PointRecord } from '../schemas/point.ts'
import { compareCodeUnits } from '../util/compare-code-units.ts'
import { hasWeeklyHours } from '../geo/site-places.ts'

/**
 * Who lives near a point (issue 13): for Italy, each region and each province, the residents
 * (ISTAT, the comune's population) whose comune's point lies within 5, 10 or 20 km (great circle)
 * of a place where help is given regularly, and the weekly hours offered per 10,000 residents.
 * Regularly: an active point's fixed site, a seasonal site in season today, a mobile unit's
 * weekly base with weekly hours, or a stop place the unit visits at least fortnightly (two visits
 * in the next four weeks). Online help does not count: it is not near anyone.
 */
export const COVERAGE_RADII_KM = [5, 10, 20] as const
export type CoverageRadius = (typeof COVERAGE_RADII_KM)[number]

/** Bins of the hours-per-week distribution: [0,6), [6,12), … [36, ∞). */
export const HOURS_BINS = [0, 6, 12, 18, 24, 30, 36] as const

export interface Place {
  readonly lat: number
  readonly lon: number
}


/** Where help is given regularly, as of `today` (a Rome date). */
export function regularPlaces(points: Iterable<PointRecord>, today: string): Place[] {
  const places: Place[] = []
  for (const point of points) addRegularPlaces(point, today, places)
  return places
}

/** The point's places where help is given regularly as of `today`, added to `places`. */
function addRegularPlaces(point: PointRecord, today: string, places: Place[]): void {
  if (point.status !== 'active') return
  const fortnightEnd = addDays(today, 27)
  for (const site of point.sites) {
    if (site.kind === 'online') continue
    if (site.location && (site.kind === 'fixed' || (site.kind === 'seasonal' && seasonCovers(site, today)) || (site.kind === 'mobile' && hasWeeklyHours(site)))) places.push(site.location)
    // A stop place visited at least twice in four weeks is served at least fortnightly.
    const visits = new Map<string, { place: Place; dates: Set<string> }>()
    for (const stop of site.stops ?? []) {
      if (stop.date < today || stop.date > fortnightEnd) continue
      const key = `${stop.place.location.lat},${stop.place.location.lon}`
      const entry = visits.get(key) ?? { place: stop.place.location, dates: new Set<string>() }
      entry.dates.add(stop.date)
      visits.set(key, entry)
    }
    for (const { place, dates } of visits.values()) if (dates.size >= 2) places.push(place)
  }
}

/** A distance as the coverage answers publish it: to 0.1 km. */
const publishedKm = (km: number): number => Math.round(km * 10) / 10

/**
 * Each comune's great-circle distance in km to the nearest place (Infinity when there is none),
 * to the 0.1 km every answer publishes: a comune is counted within a radius, or listed beyond it,
 * by the distance a reader sees (one at 5.02 km showed "5" in the list of those beyond 5 km).
 */
export function nearestKm(comuni: readonly Comune[], places: readonly Place[]): Float64Array {
  const km = new Float64Array(comuni.length).fill(Number.POSITIVE_INFINITY)
  if (places.length === 0) return km
  const index = new KDBush(places.length)
  for (const place of places) index.add(place.lon, place.lat)
  index.finish()
  comuni.forEach((comune, i) => {
    const [nearest] = around(index, comune.lon, comune.lat, 1)
    if (nearest !== undefined) km[i] = publishedKm(distance(comune.lon, comune.lat, places[nearest]!.lon, places[nearest]!.lat))
  })
  return km
}

export interface AreaCoverage {
  readonly residents: number
  /** Residents within each radius, and their share of all residents. */
  readonly within: Readonly<Record<CoverageRadius, { residents: number; share: number }>>
  readonly activePoints: number
  readonly weeklyHours: number
  readonly weeklyHoursPer10kResidents: number
  /** Active points by weekly hours, per HOURS_BINS. */
  readonly hoursDistribution: readonly number[]
  /** Active points under the ~24-hour norm, by id. */
  readonly underNorm: readonly string[]
}

export interface CoverageReport {
  readonly italy: AreaCoverage
  readonly regions: ReadonlyMap<string, AreaCoverage>
  readonly provinces: ReadonlyMap<string, AreaCoverage>
  /** Each comune's distance to the nearest regular place, in `comuni` order. */
  readonly km: Float64Array
  /** Each active Italian point's weekly hours, by id (the distribution's data, point by point). */
  readonly weeklyHoursByPoint: ReadonlyMap<string, number>
}

class AreaTotals {
  residents = 0
  within = { 5: 0, 10: 0, 20: 0 } as Record<CoverageRadius, number>
  activePoints = 0
  weeklyHours = 0
  distribution = HOURS_BINS.map(() => 0)
  underNorm: string[] = []

  addComune(population: number, km: number): void {
    this.residents += population
    for (const radius of COVERAGE_RADII_KM) if (km <= radius) this.within[radius] += population
  }

  addPoint(id: string, hours: number): void {
    this.activePoints++
    this.weeklyHours += hours
    let bin = 0
    while (bin + 1 < HOURS_BINS.length && hours >= HOURS_BINS[bin + 1]!) bin++
    this.distribution[bin]!++
    if (hours < WEEKLY_HOURS_NORM) this.underNorm.push(id)
  }

  result(): AreaCoverage {
    const share = (n: number) => (this.residents === 0 ? 0 : n / this.residents)
    return {
      residents: this.residents,
      within: Object.fromEntries(COVERAGE_RADII_KM.map((r) => [r, { residents: this.within[r], share: share(this.within[r]) }])) as AreaCoverage['within'],
      activePoints: this.activePoints,
      weeklyHours: Math.round(this.weeklyHours * 2) / 2,
      weeklyHoursPer10kResidents: this.residents === 0 ? 0 : Math.round((this.weeklyHours / this.residents) * 10_000 * 10) / 10,
      hoursDistribution: this.distribution,
      underNorm: this.underNorm.sort(),
    }
  }
}

/**
 * Coverage of the comuni by points added one at a time: a pass over a large registry's records
 * (batches fetched by range, or decoded one by one) never holds them all.
 */
export class CoverageTally {
  private readonly italy = new AreaTotals()
  private readonly regions = new Map<string, AreaTotals>()
  private readonly provinces = new Map<string, AreaTotals>()
  private readonly areasOfComuni: AreaTotals[][]
  private readonly places: Place[] = []
  private readonly weeklyHoursByPoint = new Map<string, number>()

  constructor(
    private readonly comuni: readonly Comune[],
    private readonly today: string,
  ) {
    // The areas in the comuni's order first, as the report lists them.
    this.areasOfComuni = comuni.map((comune) => [this.italy, this.area(this.regions, comune.regionIstat), this.area(this.provinces, comune.province)])
  }

  private area(map: Map<string, AreaTotals>, key: string): AreaTotals {
    return map.get(key) ?? map.set(key, new AreaTotals()).get(key)!
  }

  add(point: PointRecord): void {
    addRegularPlaces(point, this.today, this.places)
    if (counts(point)) this.addCounted(point.id, point.region?.istat ?? null, point.province ?? null, hoursPerWeek(point))
  }

  /**
   * The facts stored with a snapshot for this tally's day, instead of its records: a registry
   * whose records stay in S3 would read them all (25 s at a million points, measured). `pointAt`
   * gives point p's id and units from the snapshot's own columns.
   */
  addFacts(facts: CoverageFacts, pointAt: (p: number) => { id: string; region: string | null; province: string | null }): void {
    if (facts.day !== this.today) throw new Error(`coverage facts of ${facts.day} given to a tally of ${this.today}`)
    for (let i = 0; i < facts.places.length; i += 2) this.places.push({ lon: facts.places[i]!, lat: facts.places[i + 1]! })
    facts.hours.forEach((hours, p) => {
      if (Number.isNaN(hours)) return
      const { id, region, province } = pointAt(p)
      this.addCounted(id, region, province, hours)
    })
  }

  /** An active Italian point and its weekly hours. */
  private addCounted(id: string, region: string | null, province: string | null, hours: number): void {
    this.weeklyHoursByPoint.set(id, hours)
    const targets = [this.italy, ...(region ? [this.area(this.regions, region)] : []), ...(province ? [this.area(this.provinces, province)] : [])]
    for (const totals of targets) totals.addPoint(id, hours)
  }

  /** The report of the points added so far; call once, at the end. */
  report(): CoverageReport {
    const km = nearestKm(this.comuni, this.places)
    this.comuni.forEach((comune, i) => {
      for (const totals of this.areasOfComuni[i]!) totals.addComune(comune.population, km[i]!)
    })
    const done = (map: Map<string, AreaTotals>) => new Map([...map].map(([key, totals]) => [key, totals.result()]))
    return { italy: this.italy.result(), regions: done(this.regions), provinces: done(this.provinces), km, weeklyHoursByPoint: this.weeklyHoursByPoint }
  }
}

/** Whether a point counts in the areas' totals: active, in Italy. */
const counts = (point: PointRecord): boolean => point.status === 'active' && point.country === 'IT'

/**
 * What a coverage report needs of the records on one day, without the records: where help is
 * given regularly (lon, lat pairs) and each counted point's weekly hours by point index (NaN for
 * a point that does not count). The indexer stores them with the snapshot it builds, for its day.
 */
export interface CoverageFacts {
  readonly day: string
  readonly places: Float64Array
  readonly hours: Float64Array
}

/** The facts a snapshot stores, by day (snapshot-codec.ts): `read` one of `days`. */
export interface StoredCoverageFacts {
  readonly days: readonly string[]
  read(day: string): Promise<CoverageFacts>
}

/**
 * The facts of each of `days`, in one pass over `points`: the places depend on the day (seasons,
 * stops), the weekly hours do not, so the days share one hours array.
 */
export function coverageFactsOfDays(points: Iterable<PointRecord>, pointCount: number, days: readonly string[]): CoverageFacts[] {
  const facts = new CoverageFactsBuilder(days)
  for (const point of points) facts.add(point)
  if (facts.pointCount !== pointCount) throw new Error(`coverage facts: ${facts.pointCount} points given, ${pointCount} announced`)
  return facts.finish()
}

/**
 * The facts of each of `days`, added one point at a time in any order and put in point index order
 * at the end, so a streamed snapshot build (the pages of a table scan) keeps no record for them.
 */
export class CoverageFactsBuilder {
  /** Per day: (lon, lat) of each regular place, in the order added. */
  private readonly coords: number[][]
  /** Per day: where each added point's places start in `coords` (pairs), one more for the end. */
  private readonly firstPlace: number[][]
  private readonly hours: number[] = []
  /** Reused between points: `addRegularPlaces` writes objects, copied out as numbers at once. */
  private readonly scratch: Place[] = []

  constructor(private readonly days: readonly string[]) {
    this.coords = days.map(() => [])
    this.firstPlace = days.map(() => [0])
  }

  get pointCount(): number {
    return this.hours.length
  }

  add(point: PointRecord): void {
    this.days.forEach((day, i) => {
      const scratch = this.scratch
      scratch.length = 0
      addRegularPlaces(point, day, scratch)
      const coords = this.coords[i]!
      for (const place of scratch) coords.push(place.lon, place.lat)
      this.firstPlace[i]!.push(coords.length / 2)
    })
    this.hours.push(counts(point) ? hoursPerWeek(point) : Number.NaN)
  }

  /**
   * The facts by point index, where `order[p]` is the added index of point p (default: the order
   * they were added in). The days share one hours array.
   */
  finish(order?: Uint32Array): CoverageFacts[] {
    const n = this.hours.length
    if (order && order.length !== n) throw new RangeError(`order: ${order.length} entries for ${n} points`)
    const at = (p: number): number => (order ? order[p]! : p)
    const hours = new Float64Array(n)
    for (let p = 0; p < n; p++) hours[p] = this.hours[at(p)]!
    return this.days.map((day, i) => {
      const coords = this.coords[i]!
      const firstPlace = this.firstPlace[i]!
      const places = new Float64Array(coords.length)
      let k = 0
      for (let p = 0; p < n; p++) {
        for (let c = 2 * firstPlace[at(p)]!, end = 2 * firstPlace[at(p) + 1]!; c < end; c++) places[k++] = coords[c]!
      }
      return { day, places, hours }
    })
  }
}

/** Coverage of the comuni by `points`, read in one pass. */
export function coverageReport(comuni: readonly Comune[], points: Iterable<PointRecord>, today: string): CoverageReport {
  const tally = new CoverageTally(comuni, today)
  for (const point of points) tally.add(point)
  return tally.report()
}

/**
 * The comuni above `minPopulation` farther than `beyondKm` (default 5) from help, ranked by
 * residents × distance (a large town 15 km away before a hamlet 25 km away), optionally within one
 * region or one province (by sigla: Bolzano and Trento run their own plans).
 */
export function coverageGaps(
  comuni: readonly Comune[],
  report: CoverageReport,
  { region, province, minPopulation = 1000, beyondKm = COVERAGE_RADII_KM[0] }: { region?: string; province?: string; minPopulation?: number; beyondKm?: number } = {},
) {
  return comuni
    .map((comune, i) => ({ comune, km: report.km[i]! }))
    .filter(({ comune, km }) => comune.population >= minPopulation && (region === undefined || comune.regionIstat === region) && (province === undefined || comune.province === province) && km > beyondKm)
    .sort((a, b) => b.comune.population * Math.min(b.km, 1e6) - a.comune.population * Math.min(a.km, 1e6) || compareCodeUnits(a.comune.istat, b.comune.istat))
}
