import type { Interval, LocalDate, Location, Stop, WeeklySchedule } from '../../../shared/schemas/hours.ts'
import {
  SERVICES,
  TOPICS,
  type PointRecord,
  type PointStatus,
  type Site,
} from '../../../shared/schemas/point.ts'

/**
 * A deterministic registry for the geo tests and the benchmark: the same seed gives the same
 * records. It deliberately contains what makes a locator hard: points sharing coordinates (ties),
 * several sites per point, mobile units with dated stops past and upcoming (some at the same
 * place), seasonal sites, online-only points, closures, accented names, foreign points.
 */

export interface RegistryOptions {
  points: number
  seed: number
  /** The Rome date stops are scattered around (ten days before to twenty after). */
  today: LocalDate
}

interface ComuneSeed {
  istat: string
  name: string
  province: string
  region: string
  regionName: string
  lat: number
  lon: number
}

const COMUNI: readonly ComuneSeed[] = [
  { istat: '048017', name: 'Firenze', province: 'FI', region: '09', regionName: 'Toscana', lat: 43.7696, lon: 11.2558 },
  { istat: '058091', name: 'Roma', province: 'RM', region: '12', regionName: 'Lazio', lat: 41.8931, lon: 12.4828 },
  { istat: '015146', name: 'Milano', province: 'MI', region: '03', regionName: 'Lombardia', lat: 45.4642, lon: 9.19 },
  { istat: '063049', name: 'Napoli', province: 'NA', region: '15', regionName: 'Campania', lat: 40.8518, lon: 14.2681 },
  { istat: '072006', name: 'Bari', province: 'BA', region: '16', regionName: 'Puglia', lat: 41.1171, lon: 16.8719 },
  { istat: '082053', name: 'Palermo', province: 'PA', region: '19', regionName: 'Sicilia', lat: 38.1157, lon: 13.3615 },
  { istat: '040012', name: 'Forlì', province: 'FC', region: '08', regionName: 'Emilia-Romagna', lat: 44.2227, lon: 12.0407 },
  { istat: '021008', name: 'Bolzano/Bozen', province: 'BZ', region: '04', regionName: 'Trentino-Alto Adige/Südtirol', lat: 46.4983, lon: 11.3548 },
  { istat: '066049', name: "L'Aquila", province: 'AQ', region: '13', regionName: 'Abruzzo', lat: 42.3498, lon: 13.3995 },
  { istat: '062070', name: "Sant'Agata de' Goti", province: 'BN', region: '15', regionName: 'Campania', lat: 41.0893, lon: 14.4975 },
  { istat: '092009', name: 'Cagliari', province: 'CA', region: '20', regionName: 'Sardegna', lat: 39.2238, lon: 9.1217 },
  { istat: '001272', name: 'Torino', province: 'TO', region: '01', regionName: 'Piemonte', lat: 45.0703, lon: 7.6869 },
]
export const FIXTURE_COMUNI = COMUNI

const NAMES = ['Punto Digitale Facile', 'Biblioteca Civica', 'Università Popolare', 'Caffè Digitale', 'Centro Anziani Sant’Antonio', 'Informagiovani']
const OPERATORS = ['Comune di', 'Associazione Àncora', 'Unione dei Comuni', 'Cooperativa Perché No', 'ASP']
const STREETS = ['Via Garibaldi', 'Piazza del Duomo', 'Corso Vittorio Emanuele II', 'Via dell’Università', 'Viale Città d’Europa']
const SCHEDULES: readonly WeeklySchedule[] = [
  { mo: iv('09:00', '13:00'), we: iv('09:00', '13:00'), fr: iv('09:00', '13:00') },
  { tu: iv('14:30', '18:30'), th: iv('14:30', '18:30') },
  { mo: iv('09:00', '13:00', '14:00', '17:00'), tu: iv('09:00', '13:00'), we: iv('09:00', '13:00'), th: iv('09:00', '13:00', '14:00', '17:00'), fr: iv('09:00', '12:00') },
  { sa: iv('10:00', '12:30') },
  { mo: iv('17:00', '20:00'), we: iv('17:00', '24:00'), su: iv('00:00', '02:00') },
  { mo: iv('08:00', '20:00'), tu: iv('08:00', '20:00'), we: iv('08:00', '20:00'), th: iv('08:00', '20:00'), fr: iv('08:00', '20:00'), sa: iv('08:00', '20:00') },
]

function iv(...times: string[]): Interval[] {
  const out: Interval[] = []
  for (let i = 0; i < times.length; i += 2) out.push({ start: times[i]!, end: times[i + 1]! })
  return out
}

/**
 * One string in one piece. Template literals and `+` build rope strings that V8 flattens (and
 * keeps) the first time a regex or `charCodeAt` reads them, so a benchmark over such records
 * would charge the flattening to whoever reads first; records parsed from JSON or DynamoDB are
 * flat already, and `join` makes them so here too.
 */
function flat(...parts: string[]): string {
  return parts.join('')
}

/** mulberry32: tiny, fast, good enough to scatter fixtures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `items` in an order of `seed`'s (Fisher–Yates over `seededRandom`). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed)
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

export function generateRegistry(options: RegistryOptions): PointRecord[] {
  return [...generatedRecords(options)]
}

/** The records `generateRegistry` gives, one at a time: a benchmark can stream a national registry without holding it. */
export function* generatedRecords({ points, seed, today }: RegistryOptions): Generator<PointRecord> {
  const random = seededRandom(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const chance = (p: number): boolean => random() < p
  const round6 = (x: number): number => Math.round(x * 1e6) / 1e6
  const shared: Location[] = []
  const near = (c: ComuneSeed): Location => {
    // Some places are reused as they are: two points in one building must tie, not jitter apart.
    if (shared.length > 0 && chance(0.05)) return pick(shared)
    const location = { lat: round6(c.lat + (random() - 0.5) * 0.6), lon: round6(c.lon + (random() - 0.5) * 0.8) }
    if (shared.length < 500) shared.push(location)
    return location
  }

  for (let i = 0; i < points; i++) {
    const foreign = chance(0.02)
    const comune = pick(COMUNI)
    const status: PointStatus = chance(0.8) ? 'active' : chance(0.5) ? 'suspended' : 'closed'
    const siteCount = chance(0.7) ? 1 : chance(0.66) ? 2 : 3
    const sites: Site[] = []
    for (let s = 0; s < siteCount; s++) sites.push(generateSite(`s${s + 1}`, comune))
    const id = flat('pv-', Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0'), '-', i.toString(36))
    yield {
      id,
      name: flat(pick(NAMES), ' ', comune.name, ' ', String(i)),
      status,
      operator: { name: flat(pick(OPERATORS), ' ', comune.name), type: 'comune' },
      region: foreign ? null : { istat: comune.region, name: comune.regionName },
      province: foreign ? null : comune.province,
      comune: foreign ? { istat: null, name: 'Angoulême', code: '16015' } : { istat: comune.istat, name: comune.name },
      country: foreign ? 'FR' : 'IT',
      address: { street: chance(0.9) ? flat(pick(STREETS), ' ', String(1 + Math.floor(random() * 120))) : null, postcode: null },
      sites,
      services: ['assistenza_individuale', ...SERVICES.slice(1).filter(() => chance(0.5))],
      topics: TOPICS.filter(() => chance(0.4)),
      booking: 'both',
      booking_url: null,
      contacts: { phone: null, email: null, website: null },
      languages: ['it'],
      accessibility: { step_free: chance(0.6) ? true : chance(0.5) ? false : null, notes: null },
      source: { dataset: 'test', original_id: String(i) },
      updated_at: '2026-11-01T10:00:00+01:00',
      last_verified_at: null,
      version: 1,
    }
  }

  function generateSite(id: string, comune: ComuneSeed): Site {
    const roll = random()
    const closures = chance(0.1) ? [{ from: addDays(today, Math.floor(random() * 6) - 3), to: addDays(today, 3) }] : undefined
    if (roll < 0.08) return { id, kind: 'online', label: 'Assistenza online', address: null, opening_hours: pick(SCHEDULES) }
    // An address of its own, as real sites have (the French export needs one); made without the
    // random stream, so every other draw stays as it was.
    const address = { street: flat('Via della Sede ', id), postcode: String(10000 + (Number(comune.istat) % 89999)) }
    const base = { id, label: `Sede ${id}`, address, location: near(comune), ...(closures ? { closures } : {}) }
    if (roll < 0.18) return { ...base, kind: 'seasonal', valid_from: '--06-01', valid_to: '--09-15', opening_hours: pick(SCHEDULES) }
    if (roll < 0.33) {
      const places = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, n) => ({ label: `Piazza ${n + 1}`, location: near(comune) }))
      const stops: Stop[] = Array.from({ length: Math.floor(random() * 7) }, () => {
        const startHour = 8 + Math.floor(random() * 10)
        return {
          date: addDays(today, Math.floor(random() * 31) - 10),
          start: `${String(startHour).padStart(2, '0')}:00`,
          end: `${String(startHour + 3).padStart(2, '0')}:30`,
          place: pick(places),
        }
      })
      return { ...base, kind: 'mobile', stops, ...(chance(0.4) ? { opening_hours: pick(SCHEDULES) } : {}) }
    }
    // A few sites without any parsed hours, as imports produce.
    if (chance(0.05)) return { ...base, kind: 'fixed', opening_hours_source: 'su appuntamento', opening_hours_unparsed: true }
    return { ...base, kind: 'fixed', opening_hours: pick(SCHEDULES) }
  }
}
