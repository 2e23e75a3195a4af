import { POINT_STATUSES, SERVICES, SITE_KINDS, TOPICS, WEEKDAYS } from '../vocabulary.ts'
import { encodeComune, encodeProvince, encodeRegion } from '../geo/admin-codes.ts'
import { hintAllows } from '../geo/opening-hint.ts'
import { FACT_SHIFT, regionOfFacts } from '../geo/place-facts.ts'
import { dayNumber, insideClosureWindow, NO_WEEK, OpenVerdict, weekVerdict } from '../geo/open-week.ts'
import { isItalianPublicHoliday } from '../hours/holidays.ts'
import { toRomeWallClock } from '../hours/rome-time.ts'
import type { Snapshot } from '../geo/snapshot.ts'
import { DEFAULT_STATUSES, type PointFilter } from './point-filter.ts'
import { haystackMatches, textQueryNeedles } from './text-query.ts'

/**
 * A `PointFilter` turned into integers and closures over one snapshot's typed arrays, once per
 * query. `placePasses` is the nearest-search predicate: it reads typed arrays only, allocates
 * nothing, and is exact for everything but `q` and `openAt`, which need the record and run on
 * candidates only (`openAt` is pre-screened here by the opening hint, a necessary condition).
 */
export interface CompiledFilter {
  /** Status, region, province, comune, services, topics, step-free. */
  pointPasses(point: number): boolean
  /** `q`, on the point's haystack. */
  textPasses(point: number): boolean
  /** Kind of site g. */
  siteKindPasses(site: number): boolean
  /** Point-level facts, kind, bbox and "open at" (exact where the place's week decides, else the opening hint), for place e. */
  placePasses(place: number): boolean
  /** Whether place e is open at `openAt` by its week alone (open-week.ts); `undecided` leaves it to `isOpenAt` on the record. */
  openVerdict(place: number): OpenVerdict
  readonly bbox: readonly [number, number, number, number] | null
  readonly openAt: Date | null
}

export function compileFilter(s: Snapshot, f: PointFilter): CompiledFilter {
  const t = s.tables
  // A point suspended or closed is open at no instant, whatever its sites' hours say (as `isOpenAt`
  // on the point): "open now" or "open at" asks for active points only, whatever `statuses` allows.
  const statusMask = maskOf('statuses', POINT_STATUSES, f.statuses ?? DEFAULT_STATUSES) & (f.openAt === undefined ? ALL_BITS : ACTIVE_BIT)
  const serviceMask = maskOf('services', SERVICES, f.services ?? [])
  const topicMask = maskOf('topics', TOPICS, f.topics ?? [])
  const kindMask = f.kinds === undefined ? ALL_BITS : maskOf('kinds', SITE_KINDS, f.kinds)
  // null = no filter. A given code is always compared, even one that encodes to 0 (the code of
  // "none"): "000000" matches no Italian point instead of silently matching every point.
  const region = f.region === undefined ? null : encodeRegion(checked('region', f.region, /^\d{2}$/, 'two digits'))
  const province =
    f.province === undefined ? null : encodeProvince(checked('province', f.province, /^[A-Z]{2}$/, 'two capital letters'))
  const comune = f.comune === undefined ? null : encodeComune(checked('comune', f.comune, /^\d{6}$/, 'six digits'))
  const stepFree = f.accessible === true
  const needles = f.q === undefined ? [] : textQueryNeedles(f.q)
  const bbox = f.bbox === undefined ? null : checkedBbox(f.bbox)
  if (f.openAt !== undefined && Number.isNaN(f.openAt.getTime())) throw new RangeError('openAt: not a valid instant')
  const clock = f.openAt === undefined ? null : toRomeWallClock(f.openAt)
  const weekday = clock === null ? 0 : WEEKDAYS.indexOf(clock.weekday)
  const minutes = clock?.minutes ?? 0
  const coords = t.index.coords

  const pointPasses = (p: number): boolean =>
    ((statusMask >>> t.pointStatus[p]!) & 1) === 1 &&
    (t.pointServices[p]! & serviceMask) === serviceMask &&
    (t.pointTopics[p]! & topicMask) === topicMask &&
    (region === null || t.pointRegion[p] === region) &&
    (province === null || t.pointProvince[p] === province) &&
    (comune === null || t.pointComune[p] === comune) &&
    (!stepFree || t.pointStepFree[p] === 1)

  const siteKindPasses = (g: number): boolean => ((kindMask >>> t.siteKind[g]!) & 1) === 1

  const insideBbox = (e: number): boolean => {
    if (bbox === null) return true
    const slot = 2 * t.placeSlot[e]!
    const lon = coords[slot]!
    const lat = coords[slot + 1]!
    return lon >= bbox[0] && lat >= bbox[1] && lon <= bbox[2] && lat <= bbox[3]
  }

  // Once per query, not per candidate.
  const isHoliday = clock !== null && isItalianPublicHoliday(clock.date)
  const day = clock === null ? 0 : dayNumber(clock.date)
  function openVerdict(e: number): OpenVerdict {
    const week = t.placeWeek[e]!
    if (clock === null || week === NO_WEEK || insideClosureWindow(t.placeClosures[e]!, day)) return OpenVerdict.undecided
    // The site's own hours (the point's status is the status mask's business): as `isOpenAt` on the site says.
    return weekVerdict(t.weekBits, week, weekday, minutes, isHoliday)
  }

  /**
   * The nearest-search predicate, made of only the checks this query needs: every fact but
   * province and comune is one read of the place's packed word (place-facts.ts); the opening
   * hint, the bbox and the point's province or comune are added only when asked for.
   */
  function placePredicate(): (e: number) => boolean {
    const facts = t.placeFacts
    const required = ((serviceMask << FACT_SHIFT.services) | (topicMask << FACT_SHIFT.topics) | (stepFree ? 1 << FACT_SHIFT.stepFree : 0)) >>> 0
    const allowedStatus = (statusMask << FACT_SHIFT.status) >>> 0
    const allowedKind = ((kindMask & 0xf) << FACT_SHIFT.kind) >>> 0
    const onFacts = (w: number): boolean => (w & required) === required && (w & allowedStatus) !== 0 && (w & allowedKind) !== 0 && (region === null || regionOfFacts(w) === region)
    if (clock === null && bbox === null && province === null && comune === null) return (e) => onFacts(facts[e]!)
    const hints = t.placeOpenHint
    const openPasses = (e: number): boolean => {
      const verdict = openVerdict(e)
      return verdict === OpenVerdict.open || (verdict === OpenVerdict.undecided && hintAllows(hints[e]!, weekday, minutes))
    }
    return (e) =>
      onFacts(facts[e]!) &&
      (clock === null || openPasses(e)) &&
      insideBbox(e) &&
      (province === null || t.pointProvince[t.placePoint[e]!] === province) &&
      (comune === null || t.pointComune[t.placePoint[e]!] === comune)
  }

  return {
    pointPasses,
    siteKindPasses,
    textPasses: (p) => needles.length === 0 || haystackMatches(s.haystacks, p, needles),
    placePasses: placePredicate(),
    openVerdict,
    bbox,
    openAt: f.openAt ?? null,
  }
}

const ALL_BITS = 0xffffffff
const ACTIVE_BIT = 1 << POINT_STATUSES.indexOf('active')

function maskOf<T extends string>(field: string, all: readonly T[], wanted: readonly T[]): number {
  let mask = 0
  for (const value of wanted) {
    const bit = all.indexOf(value)
    if (bit < 0) throw new RangeError(`${field}: unknown value "${value}" (expected one of ${all.join(', ')})`)
    mask |= 1 << bit
  }
  return mask >>> 0
}

function checked(field: string, value: string, pattern: RegExp, expected: string): string {
  if (!pattern.test(value)) throw new RangeError(`${field}: "${value}" is not ${expected}`)
  return value
}

function checkedBbox(bbox: readonly number[]): [number, number, number, number] {
  const [minLon, minLat, maxLon, maxLat] = bbox
  if (
    bbox.length !== 4 ||
    !bbox.every(Number.isFinite) ||
    minLon! > maxLon! ||
    minLat! > maxLat! ||
    minLat! < -90 ||
    maxLat! > 90 ||
    minLon! < -180 ||
    maxLon! > 180
  ) {
    throw new RangeError(`bbox: [${bbox.join(', ')}] is not [minLon, minLat, maxLon, maxLat] in range`)
  }
  return [minLon!, minLat!, maxLon!, maxLat!]
}
