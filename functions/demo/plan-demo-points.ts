import type { Comune } from '../../shared/gazetteer/comuni.ts'
import { NATIONAL_PNRR_TARGET } from '../../shared/pnrr-targets.ts'
import { nearbyWithin } from './demo-geography.ts'
import { groupByRegion } from './group-by-region.ts'
import { allocateRegionalQuotas, splitProportionally } from './regional-quotas.ts'
import type { SeededRandom } from './seeded-random.ts'
import { groupUmbriaSocialZones } from './umbria-social-zones.ts'

/** Where one demo point will be, before any of its details are drawn. */
export type PointPlan =
  | { readonly kind: 'fixed'; readonly comune: Comune; readonly brand: 'toscana' | 'generic' }
  | { readonly kind: 'digipass'; readonly comune: Comune; readonly zone: number; readonly capofila: Comune }
  /** A van based in `comune` that visits `villages` (other comuni of the region, ≤ MOBILE_RADIUS_KM). */
  | { readonly kind: 'mobile'; readonly comune: Comune; readonly villages: readonly Comune[] }

export const DEMO_TOTAL_POINTS = NATIONAL_PNRR_TARGET.points
const MOBILE_SHARE = 0.08
export const MOBILE_RADIUS_KM = 25
/** A van needs at least this many other comuni around it to make a round. */
const MIN_VILLAGES = 2
const TOSCANA = '09'
const UMBRIA = '10'
const DIGIPASS_PER_ZONE_AT_LEAST = 2

/**
 * Bigger comuni get more points but not in proportion: population^0.55 gives Rome a few dozen
 * and still leaves most points in small and mid-sized comuni, as in the real programme.
 */
const fixedWeight = (c: Comune): number => Math.max(c.population, 1) ** 0.55
/** Vans serve scattered small comuni, so their bases lean towards small and mid-sized towns. */
const mobileWeight = (c: Comune): number => (c.population < 30_000 ? Math.max(c.population, 1) ** 0.3 : 0)

/** The plans of every region, in region code order, each region's points in draw order. */
export function planDemoPoints(random: SeededRandom, comuni: readonly Comune[], total = DEMO_TOTAL_POINTS): Map<string, PointPlan[]> {
  const byRegion = groupByRegion(comuni)
  const plans = new Map<string, PointPlan[]>()
  for (const [region, quota] of allocateRegionalQuotas(comuni, total)) {
    const regional = byRegion.get(region) ?? []
    plans.set(region, region === UMBRIA ? planDigipass(random, regional, quota) : planRegion(random, regional, quota, region === TOSCANA ? 'toscana' : 'generic'))
  }
  return plans
}

function planRegion(random: SeededRandom, comuni: readonly Comune[], quota: number, brand: 'toscana' | 'generic'): PointPlan[] {
  const fixedWeights = comuni.map(fixedWeight)
  const mobileWeights = comuni.map(mobileWeight)
  const canHostVans = mobileWeights.some((w) => w > 0)
  const plans: PointPlan[] = []
  const vanBases = new Set<Comune>()
  while (plans.length < quota) {
    if (canHostVans && random.chance(MOBILE_SHARE)) {
      const home = comuni[random.weightedIndex(mobileWeights)] as Comune
      const around = nearbyWithin(comuni, home, MOBILE_RADIUS_KM).filter((c) => c !== home)
      // One van per base: a second one would be a twin of the first.
      if (around.length >= MIN_VILLAGES && !vanBases.has(home)) {
        vanBases.add(home)
        plans.push({ kind: 'mobile', comune: home, villages: random.sample(around, random.int(MIN_VILLAGES, 5)) })
        continue
      }
    }
    plans.push({ kind: 'fixed', comune: comuni[random.weightedIndex(fixedWeights)] as Comune, brand })
  }
  return plans
}

/**
 * Umbria's Digipass: every zona sociale gets at least two, the rest follow the zones'
 * population; the first of each zone is in its capofila, the others anywhere in the zone.
 */
function planDigipass(random: SeededRandom, umbria: readonly Comune[], quota: number): PointPlan[] {
  const zones = groupUmbriaSocialZones(umbria)
  const floor = Math.min(DIGIPASS_PER_ZONE_AT_LEAST, Math.floor(quota / zones.length))
  const extra = splitProportionally(quota - floor * zones.length, zones.map((z) => z.members.reduce((s, c) => s + c.population, 0)))
  return zones.flatMap((z, i) => {
    const count = floor + (extra[i] ?? 0)
    const weights = z.members.map(fixedWeight)
    return Array.from({ length: count }, (_, k): PointPlan => ({
      kind: 'digipass',
      comune: k === 0 ? z.capofila : (z.members[random.weightedIndex(weights)] as Comune),
      zone: z.zone,
      capofila: z.capofila,
    }))
  })
}
