import type { Comune } from '../../shared/gazetteer/comuni.ts'
import { comuneRefOf } from '../../shared/gazetteer/comune-names.ts'
import { isItalianPublicHoliday } from '../../shared/hours/holidays.ts'
import { addDays, romeInstant, toRomeWallClock, weekdayOf } from '../../shared/hours/rome-time.ts'
import { minutesOfDay, type Closure, type LocalDate, type Stop, type WeeklySchedule } from '../../shared/schemas/hours.ts'
import {
  SERVICES,
  TOPICS,
  type Booking,
  type Operator,
  type PointDraft,
  type PointStatus,
  type Service,
  type Site,
  type Topic,
} from '../../shared/schemas/point.ts'
import { toRomeIso } from '../../shared/util/rome-iso.ts'
import { DEMO_DATASET } from '../../shared/vocabulary.ts'
import { demoParkingPlace, demoStreetAddress, demoTownHallAddress } from './demo-addresses.ts'
import { augustClosure, patronSaintClosures } from './demo-closures.ts'
import { demoBookingUrl, demoContacts } from './demo-contacts.ts'
import { jitterLocation, nearbyWithin } from './demo-geography.ts'
import { pickVenue, type Venue } from './demo-venues.ts'
import { groupByRegion } from './group-by-region.ts'
import {
  buildWeeklySlots,
  drawWeeklyHoursTarget,
  mobileHalfDays,
  onlineSlots,
  seasonalSlots,
  splitSlotsByDay,
  toWeeklySchedule,
} from './demo-weekly-hours.ts'
import { planDemoPoints, type PointPlan } from './plan-demo-points.ts'
import { createSeededRandom, type SeededRandom } from './seeded-random.ts'
import { TOURIST_COMUNI_ISTAT } from './tourist-comuni.ts'
import { compareCodeUnits } from '../../shared/util/compare-code-units.ts'

/** Shown wherever the demo registry is served: nobody must take these points for real ones. */
export const DEMO_NOTICE =
  'Registro dimostrativo generato automaticamente: i punti elencati non sono reali. ' +
  'Generated demo registry: the points listed are not real.'
/** The first sentence of every demo point's description. */
export const DEMO_DESCRIPTION = 'Dato dimostrativo generato: non è un punto reale.'
export { DEMO_DATASET }
export const DEMO_DEFAULT_SEED = 20_261_101
export const DEMO_DEFAULT_NOW = '2026-11-01T09:00:00+01:00'

/**
 * A draft plus the `updated_at` the brief asks for: the store normally sets it, but a demo
 * registry loaded as is should show plausible edit dates rather than all "today".
 */
export type DemoPointDraft = PointDraft & { updated_at: string }

export interface DemoRegistryOptions {
  readonly seed?: number
  /** The registry's "today": hours, closures, stops and verification dates are drawn around it. */
  readonly now?: Date
}

type Accessibility = PointDraft['accessibility']

const ONLINE_SHARE = 0.05
/** Only points near a resort can open a summer desk (about a third of them): this gives ~5% overall. */
const SEASONAL_SHARE_NEAR_RESORTS = 0.11
const SEASONAL_RADIUS_KM = 35
const BRANCH_RADIUS_KM = 12
const STOP_HORIZON_DAYS = 42
const MAX_SITES = 5
/** Some libraries open on public holidays (a Sunday-afternoon reading room); other venues close. */
const LIBRARY_OPEN_ON_HOLIDAYS_SHARE = 0.2
/** A phone or video helpline is staffed on holidays more often than a desk. */
const ONLINE_OPEN_ON_HOLIDAYS_SHARE = 0.4

interface Context {
  readonly random: SeededRandom
  readonly today: LocalDate
  readonly years: readonly number[]
  readonly comuniByRegion: ReadonlyMap<string, readonly Comune[]>
  readonly resortsByRegion: ReadonlyMap<string, readonly Comune[]>
  readonly venueLabelsByComune: Map<string, Set<string>>
}

/**
 * A demo registry of ~3,000 plausible points anchored on the real ISTAT comuni: Piemonte,
 * Toscana and Umbria at their PNRR targets, the other regions by population. Pure and
 * deterministic: the same comuni, seed and `now` give the same records, byte for byte.
 */
export function generateDemoRegistry(comuni: readonly Comune[], opts: DemoRegistryOptions = {}): DemoPointDraft[] {
  const random = createSeededRandom(opts.seed ?? DEMO_DEFAULT_SEED)
  const today = toRomeWallClock(opts.now ?? new Date(DEMO_DEFAULT_NOW)).date
  const year = Number(today.slice(0, 4))
  const years = [year, year + 1]
  const ctx: Context = {
    random,
    today,
    years,
    comuniByRegion: groupByRegion(comuni),
    resortsByRegion: groupByRegion(comuni.filter((c) => TOURIST_COMUNI_ISTAT.includes(c.istat))),
    venueLabelsByComune: new Map(),
  }
  const drafts: DemoPointDraft[] = []
  for (const [region, plans] of planDemoPoints(random, comuni)) {
    const pointsPerComune = countBy(plans, (p) => p.comune.istat)
    const serialPerComune = new Map<string, number>()
    plans.forEach((plan, i) => {
      const serial = (serialPerComune.get(plan.comune.istat) ?? 0) + 1
      serialPerComune.set(plan.comune.istat, serial)
      const id = `demo-${region}-${String(i + 1).padStart(4, '0')}`
      const sharesComune = (pointsPerComune.get(plan.comune.istat) ?? 0) > 1
      drafts.push(buildPoint(ctx, plan, id, serial, sharesComune, drafts.length + 1))
    })
  }
  return drafts
}

function buildPoint(ctx: Context, plan: PointPlan, id: string, serial: number, sharesComune: boolean, phoneNumber: number): DemoPointDraft {
  const { random } = ctx
  const comune = plan.comune
  const town = townName(comune)
  const built = plan.kind === 'mobile' ? buildMobile(ctx, plan, id, town) : buildFixed(ctx, plan, id, town, sharesComune)
  const status = drawStatus(random)
  const booking = random.pick<Booking>(['walk_in', 'appointment', 'both', 'both'])
  const audit = drawAuditDates(ctx)
  return {
    id,
    name: built.name,
    status,
    operator: built.operator,
    region: { istat: comune.regionIstat, name: comune.regionName },
    province: comune.province,
    comune: comuneRefOf(comune),
    country: 'IT',
    address: built.address,
    sites: built.sites,
    services: drawServices(random),
    topics: drawTopics(random, built.favouredTopics),
    booking,
    booking_url: booking !== 'walk_in' && random.chance(0.5) ? demoBookingUrl(id) : null,
    contacts: demoContacts(comune.name, serial, phoneNumber),
    languages: drawLanguages(random, comune),
    accessibility: built.accessibility,
    description: [DEMO_DESCRIPTION, built.note, STATUS_NOTES[status]].filter(Boolean).join(' '),
    source: { dataset: DEMO_DATASET, original_id: id },
    updated_at: audit.updated_at,
    last_verified_at: audit.last_verified_at,
  }
}

interface BuiltPoint {
  readonly name: string
  readonly operator: Operator
  readonly address: { street: string; postcode: string | null }
  readonly sites: Site[]
  readonly favouredTopics: readonly Topic[]
  readonly accessibility: Accessibility
  /** A sentence for the description, after the demo notice. */
  readonly note: string | null
}

function buildFixed(ctx: Context, plan: Extract<PointPlan, { kind: 'fixed' | 'digipass' }>, id: string, town: string, sharesComune: boolean): BuiltPoint {
  const { random } = ctx
  const comune = plan.comune
  const venue = pickUnusedVenue(ctx, comune, town)
  const address = { street: venue.inTownHall ? demoTownHallAddress(random) : demoStreetAddress(random), postcode: comune.postcode || null }
  const fixedSites = [1, 2, 3, 4][random.weightedIndex([60, 28, 8, 4])] as number
  const slots = buildWeeklySlots(random, venue.hoursProfile, drawWeeklyHoursTarget(random))
  const schedules = splitSlotsByDay(random, slots, fixedSites)
  const closesInAugust = venue.kind === 'biblioteca' && random.chance(0.4)
  const opensOnHolidays = venue.kind === 'biblioteca' && random.chance(LIBRARY_OPEN_ON_HOLIDAYS_SHARE)
  const sites: Site[] = schedules.map((opening_hours, k) => {
    const siteId = `${id}-s${k + 1}`
    if (k === 0) {
      return {
        id: siteId,
        kind: 'fixed',
        label: venue.label,
        address,
        comune: comuneRefOf(comune),
        location: jitterLocation(random, comune, spreadKm(comune)),
        opening_hours,
        ...(opensOnHolidays ? { public_holidays: 'open' as const } : {}),
        ...closuresField([...closuresFor(ctx, comune), ...(closesInAugust ? ctx.years.map(augustClosure) : [])]),
      }
    }
    return branchSite(ctx, comune, siteId, k, opening_hours)
  })
  addSeasonalSite(ctx, comune, id, sites)
  addOnlineSite(ctx, id, plan.comune, sites)
  const name =
    plan.kind === 'digipass'
      ? `Digipass ${town}${sharesComune ? ` – ${venue.label.replace(` – ${town}`, '')}` : ''}`
      : `${plan.brand === 'toscana' ? 'Punto Digitale Facile' : 'Punto di Facilitazione Digitale'} – ${venue.label}`
  const operator: Operator =
    plan.kind === 'digipass' ? { name: `Comune di ${townName(plan.capofila)} – Zona sociale ${plan.zone}`, type: 'comune' } : venue.operator
  return {
    name,
    operator,
    address,
    sites,
    favouredTopics: venue.favouredTopics,
    accessibility: drawAccessibility(random, venue),
    note: plan.kind === 'digipass' ? `Digipass della Zona sociale ${plan.zone} dell'Umbria.` : null,
  }
}

/** Two points of one comune are two different venues: redraw (a few times) a venue already taken. */
function pickUnusedVenue(ctx: Context, comune: Comune, town: string): Venue {
  const used = ctx.venueLabelsByComune.get(comune.istat) ?? new Set<string>()
  ctx.venueLabelsByComune.set(comune.istat, used)
  let venue = pickVenue(ctx.random, comune, town)
  for (let attempt = 0; attempt < 8 && used.has(venue.label); attempt++) venue = pickVenue(ctx.random, comune, town)
  used.add(venue.label)
  return venue
}

const BRANCH_PLACES = ['Biblioteca', 'Municipio', 'Centro civico', 'Sala polivalente'] as const
const FRAZIONE_PLACES = ['Centro civico', 'Sala polivalente', 'Circolo ricreativo'] as const

/** A secondary desk: in a neighbouring comune (an unione's member) or elsewhere in town. */
function branchSite(ctx: Context, comune: Comune, siteId: string, k: number, opening_hours: WeeklySchedule): Site {
  const { random } = ctx
  const neighbours = nearbyWithin(ctx.comuniByRegion.get(comune.regionIstat) ?? [], comune, BRANCH_RADIUS_KM).filter((c) => c !== comune)
  const place = neighbours.length > 0 && random.chance(0.7) ? random.pick(neighbours) : comune
  const label =
    place === comune
      ? `Sportello decentrato – ${FRAZIONE_PLACES[(k - 1) % FRAZIONE_PLACES.length]} di ${townName(comune)}`
      : `Sportello decentrato – ${random.pick(BRANCH_PLACES)} di ${townName(place)}`
  return {
    id: siteId,
    kind: 'fixed',
    label,
    address: { street: demoStreetAddress(random), postcode: place.postcode || null },
    comune: comuneRefOf(place),
    location: jitterLocation(random, place, place === comune ? spreadKm(comune) : 0.5),
    opening_hours,
    ...closuresField(closuresFor(ctx, place)),
  }
}

/** A summer desk in the nearest resort of the region, if there is one close enough. */
function addSeasonalSite(ctx: Context, comune: Comune, id: string, sites: Site[]): void {
  const { random } = ctx
  if (sites.length >= MAX_SITES) return
  const resort = nearbyWithin(ctx.resortsByRegion.get(comune.regionIstat) ?? [], comune, SEASONAL_RADIUS_KM)[0]
  if (!resort || !random.chance(SEASONAL_SHARE_NEAR_RESORTS)) return
  sites.push({
    id: `${id}-s${sites.length + 1}`,
    kind: 'seasonal',
    label: `Sportello estivo di ${townName(resort)}`,
    address: { street: demoStreetAddress(random), postcode: resort.postcode || null },
    comune: comuneRefOf(resort),
    location: jitterLocation(random, resort, 1),
    valid_from: '--06-15',
    valid_to: '--09-15',
    opening_hours: toWeeklySchedule(seasonalSlots(random)),
    ...closuresField(closuresFor(ctx, resort)),
  })
}

/** Help at a distance: no address, but the comune of whoever offers it (as the import template asks). */
function addOnlineSite(ctx: Context, id: string, comune: Comune, sites: Site[]): void {
  const { random } = ctx
  if (sites.length >= MAX_SITES || !random.chance(ONLINE_SHARE)) return
  sites.push({
    id: `${id}-s${sites.length + 1}`,
    kind: 'online',
    label: random.pick(['Assistenza telefonica e in videochiamata', 'Sportello online su appuntamento']),
    address: null,
    comune: comuneRefOf(comune),
    opening_hours: toWeeklySchedule(onlineSlots(random)),
    ...(random.chance(ONLINE_OPEN_ON_HOLIDAYS_SHARE) ? { public_holidays: 'open' as const } : {}),
  })
}

const STOP_OCCASIONS = ['Mercato settimanale', 'Giornata SPID in piazza', 'Incontro in biblioteca', 'Fiera di paese', 'Sportello al centro anziani'] as const
const STOP_TIMES = [{ start: '09:30', end: '12:30' }, { start: '15:00', end: '18:00' }] as const

/** "Facilitatore in viaggio": a van, one weekly half-day in each village, sometimes a dated extra stop. */
function buildMobile(ctx: Context, plan: Extract<PointPlan, { kind: 'mobile' }>, id: string, town: string): BuiltPoint {
  const { random } = ctx
  const villages = [plan.comune, ...plan.villages]
  // Villages get a half-day each; with few villages, some get a second one in the week.
  const halfDays = mobileHalfDays(random, Math.min(8, Math.max(4, villages.length + random.int(0, 3))))
  const sites: Site[] = villages.map((village, k) => ({
    id: `${id}-s${k + 1}`,
    kind: 'mobile',
    label: k === 0 ? `Sosta a ${townName(village)} (sede del servizio)` : `Sosta a ${townName(village)}`,
    address: { street: demoParkingPlace(random), postcode: village.postcode || null },
    comune: comuneRefOf(village),
    location: jitterLocation(random, village, 0.5),
    opening_hours: toWeeklySchedule(halfDays.filter((_, i) => i % villages.length === k)),
    ...closuresField(closuresFor(ctx, village)),
  }))
  if (random.chance(0.4)) addDatedStops(ctx, villages, sites)
  addOnlineSite(ctx, id, plan.comune, sites)
  const byUnione = random.chance(0.5)
  const operator: Operator = byUnione
    ? { name: `Unione dei Comuni dell'ambito di ${town}`, type: 'unione_comuni' }
    : { name: `Comune di ${town}`, type: 'comune' }
  const brand = plan.comune.regionIstat === '09' ? 'Punto Digitale Facile – ' : ''
  const stepFree = random.chance(0.75)
  return {
    name: `${brand}Facilitatore in viaggio – ${town} e dintorni`,
    operator,
    address: { street: demoTownHallAddress(random), postcode: plan.comune.postcode || null },
    sites,
    favouredTopics: ['spid', 'cie', 'fse'],
    accessibility: {
      step_free: stepFree,
      notes: stepFree ? 'Furgone attrezzato con pedana per sedie a rotelle.' : "Il furgone ha due gradini: su richiesta l'assistenza si svolge davanti al mezzo.",
    },
    note: `Unità mobile che visita ${villages.length} comuni ogni settimana.`,
  }
}

/** One to three dated sessions in the coming six weeks, never on a Sunday or a holiday. */
function addDatedStops(ctx: Context, villages: readonly Comune[], sites: Site[]): void {
  const { random } = ctx
  const count = random.int(1, 3)
  for (let n = 0; n < count; n++) {
    const k = random.int(0, villages.length - 1)
    const village = villages[k] as Comune
    const site = sites[k] as Site
    const date = addDays(ctx.today, random.int(3, STOP_HORIZON_DAYS))
    if (weekdayOf(date) === 'su' || isItalianPublicHoliday(date) || site.stops?.some((s) => s.date === date)) continue
    const stop: Stop = {
      date,
      ...random.pick(STOP_TIMES),
      place: {
        label: `${random.pick(STOP_OCCASIONS)} – ${townName(village)}`,
        comune_istat: village.istat,
        location: jitterLocation(random, village, 1),
      },
    }
    site.stops = [...(site.stops ?? []), stop].sort((a, b) => compareCodeUnits(a.date, b.date))
  }
}

/** The local holidays of a site's comune, this year and next: its patron saint where known. */
const closuresFor = (ctx: Context, comune: Comune | null): Closure[] => patronSaintClosures(ctx.years, comune?.istat ?? null)

/** No `closures` key at all when there are none: most sites have none, and the registry is sent whole. */
const closuresField = (closures: Closure[]): Pick<Site, 'closures'> => (closures.length > 0 ? { closures } : {})

/** How far from the comune's point a venue may be: a village is small, a city spans kilometres. */
const spreadKm = (c: Comune): number => Math.min(3, 0.4 + Math.sqrt(c.population) / 400)

/** The name a resident would write: bilingual in Alto Adige (Bolzano/Bozen). */
const townName = (c: Comune): string => (c.altName && c.altName !== c.name ? `${c.name}/${c.altName}` : c.name)

const STATUS_NOTES: Readonly<Record<PointStatus, string | null>> = {
  active: null,
  suspended: 'Servizio temporaneamente sospeso.',
  closed: 'Punto chiuso.',
}

function drawStatus(random: SeededRandom): PointStatus {
  if (random.chance(0.95)) return 'active'
  return random.chance(0.7) ? 'suspended' : 'closed'
}

function drawServices(random: SeededRandom): Service[] {
  const offered = new Set<Service>(['assistenza_individuale'])
  if (random.chance(0.4)) offered.add('formazione_online')
  if (random.chance(0.5)) offered.add('formazione_gruppo')
  return SERVICES.filter((s) => offered.has(s))
}

/** How often citizens ask about each topic: identity and health first. */
const TOPIC_WEIGHTS: Readonly<Record<Topic, number>> = {
  spid: 10, cie: 8, fse: 7, pagopa: 7, app_io: 7, inps: 4, anpr: 3, agenzia_entrate: 3, pec: 2,
  scuola: 2, lavoro: 2, sicurezza_online: 3, competenze_base: 4,
}

function drawTopics(random: SeededRandom, favoured: readonly Topic[]): Topic[] {
  const weights = TOPICS.map((t) => TOPIC_WEIGHTS[t] * (favoured.includes(t) ? 2.5 : 1))
  const chosen = new Set<Topic>()
  const count = random.int(3, 7)
  while (chosen.size < count) {
    const i = random.weightedIndex(weights)
    chosen.add(TOPICS[i] as Topic)
    weights[i] = 0
  }
  return TOPICS.filter((t) => chosen.has(t))
}

/** Italian always; German in Alto Adige, French in Valle d'Aosta, Slovene around Trieste and Gorizia. */
function drawLanguages(random: SeededRandom, comune: Comune): string[] {
  const languages = ['it']
  if (comune.province === 'BZ' && random.chance(0.95)) languages.push('de')
  if (comune.province === 'AO' && random.chance(0.9)) languages.push('fr')
  if ((comune.province === 'TS' || comune.province === 'GO') && random.chance(0.4)) languages.push('sl')
  if (random.chance(comune.population >= 50_000 ? 0.4 : 0.12)) languages.push('en')
  return languages
}

const NOT_STEP_FREE_NOTES = [
  'Ingresso con tre gradini; campanello per chiedere assistenza.',
  "Sede al primo piano senza ascensore: su richiesta l'assistenza si svolge al piano terra.",
  'Porta d’ingresso stretta (70 cm); accesso alternativo dal cortile su richiesta.',
] as const
const STEP_FREE_NOTES = ['Ingresso a raso.', 'Rampa di accesso e bagno accessibile.', 'Ascensore fino al piano della sala.'] as const

function drawAccessibility(random: SeededRandom, venue: Venue): Accessibility {
  // Old school buildings and association premises are the likeliest to have steps.
  const stepFree = random.chance(venue.kind === 'scuola' || venue.kind === 'associazione' ? 0.78 : 0.87)
  if (!stepFree) return { step_free: false, notes: random.pick(NOT_STEP_FREE_NOTES) }
  return { step_free: true, notes: random.chance(0.5) ? random.pick(STEP_FREE_NOTES) : null }
}

/**
 * Last verified a few days to about seven months before `now`, in office hours; a few never
 * verified; some edited after their verification.
 */
function drawAuditDates(ctx: Context): { updated_at: string; last_verified_at: string | null } {
  const { random } = ctx
  const at = (daysAgo: number): string =>
    toRomeIso(romeInstant(addDays(ctx.today, -daysAgo), minutesOfDay(`${String(random.int(9, 17)).padStart(2, '0')}:${random.pick(['00', '15', '30', '45'])}`)))
  const verifiedDaysAgo = random.int(3, 210)
  if (random.chance(0.05)) return { updated_at: at(random.int(30, 400)), last_verified_at: null }
  const last_verified_at = at(verifiedDaysAgo)
  return { updated_at: random.chance(0.2) ? at(random.int(1, verifiedDaysAgo - 1)) : last_verified_at, last_verified_at }
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}
