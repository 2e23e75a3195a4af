import { osmWeek } from './schedule-texts.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { Operator, PointRecord, Service, Site, Topic } from '../../shared/schemas/point.ts'
import { toRomeIso } from '../../shared/util/rome-iso.ts'
import { recordsCsv } from './csv-export.ts'

/**
 * The registry in the French national standard for digital-inclusion places, *lieux de médiation
 * numérique* v1.0.2 (LaMednum/standard-mediation-num, a Frictionless Table Schema), so tools built
 * for that standard (the national cartography, data.inclusion) read Italian points too. One row per
 * physical site of an active point; the test validates every row against the shipped schema.
 *
 * What the standard cannot say, and is therefore left out (docs/API.md says so too):
 * - online sites (not a place one goes to), suspended and closed points;
 * - sites without a street address or a five-digit CAP (both required by the standard);
 * - phone numbers (the standard admits French prefixes only) and ISTAT codes (`code_insee` is
 *   a French INSEE code);
 * - closures and a van's dated stops (`horaires` carries the weekly hours, the season and the
 *   public-holiday rule, in OpenStreetMap's syntax).
 */
export const FR_MEDIATION_FILE = 'lieux-mediation-numerique.csv'

/** The standard's fields, in its order. */
export const FR_MEDIATION_COLUMNS = [
  'id', 'pivot', 'nom', 'commune', 'code_postal', 'code_insee', 'adresse', 'complement_adresse', 'latitude', 'longitude',
  'typologie', 'telephone', 'courriels', 'site_web', 'horaires', 'presentation_resume', 'presentation_detail', 'source',
  'itinerance', 'structure_parente', 'date_maj', 'services', 'publics_specifiquement_adresses', 'prise_en_charge_specifique',
  'frais_a_charge', 'dispositif_programmes_nationaux', 'formations_labels', 'autres_formations_labels', 'modalites_acces',
  'modalites_accompagnement', 'fiche_acces_libre', 'prise_rdv',
] as const
type FrColumn = (typeof FR_MEDIATION_COLUMNS)[number]

/** The standard's stand-in when a place has no SIRET or RNA number, as its own producers write it. */
const NO_PIVOT = '00000000000000'

/** data.inclusion's structure types, where one says the same (the import reads them back the same way). */
const TYPOLOGY: Readonly<Partial<Record<Operator['type'], string>>> = { comune: 'MUNI', unione_comuni: 'EPCI', biblioteca: 'BIB', terzo_settore: 'ASSO' }

/** Every point helps with online public services; the topics add what the standard names. */
const ADMINISTRATIVE_HELP = 'Aide aux démarches administratives'
const SERVICE_BY_TOPIC: Readonly<Partial<Record<Topic, string>>> = {
  competenze_base: 'Maîtrise des outils numériques du quotidien',
  lavoro: 'Insertion professionnelle via le numérique',
  sicurezza_online: 'Utilisation sécurisée du numérique',
  scuola: 'Parentalité et éducation avec le numérique',
}
const ACCOMPANIMENT: Readonly<Record<Service, string>> = {
  assistenza_individuale: 'Accompagnement individuel',
  formazione_gruppo: 'Dans un atelier collectif',
  formazione_online: 'En autonomie',
}
const SUMMARY_LENGTH = 280

const OSM_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** A season bound in OpenStreetMap's date syntax: `Jun 15`, or `2026 Jun 15` for a dated one. */
function osmDate(bound: string): string {
  const match = /^(?:(\d{4})|-)-(\d{2})-(\d{2})$/.exec(bound)!
  const day = `${OSM_MONTHS[Number(match[2]) - 1]} ${match[3]}`
  return match[1] ? `${match[1]} ${day}` : day
}

/** The week in OpenStreetMap's syntax, each rule limited to the season when the site has one. */
export function osmHours(site: Site): string | null {
  if (!site.opening_hours || site.opening_hours_unparsed) return null
  const week = osmWeek(site.opening_hours, site.public_holidays ?? 'closed')
  if (site.valid_from === undefined || site.valid_to === undefined || week === 'off') return week
  const season = `${osmDate(site.valid_from)}-${osmDate(site.valid_to)}`
  return week.split('; ').map((rule) => `${season} ${rule}`).join('; ')
}

/** At most 280 characters, cut between words. */
function summary(text: string): string {
  // By code points, as the standard counts characters: a cut never splits an emoji's surrogate pair.
  const characters = Array.from(text)
  if (characters.length <= SUMMARY_LENGTH) return text
  const cut = characters.slice(0, SUMMARY_LENGTH - 1)
  const space = cut.lastIndexOf(' ')
  return `${cut.slice(0, Math.max(space, SUMMARY_LENGTH / 2)).join('').trimEnd()}…`
}

function accessModes(point: PointRecord): string[] {
  const modes: string[] = []
  if (point.booking !== 'appointment') modes.push('Se présenter')
  if (point.booking !== 'walk_in') {
    if (point.booking_url) modes.push('Prendre un RDV en ligne')
    if (point.contacts.phone) modes.push('Téléphoner')
    if (point.contacts.email) modes.push('Contacter par mail')
  }
  return modes
}

export function frMediationRows(point: PointRecord): Array<Record<FrColumn, string | number | null>> {
  if (point.status !== 'active') return []
  const services = [ADMINISTRATIVE_HELP, ...new Set(point.topics.flatMap((topic) => SERVICE_BY_TOPIC[topic] ?? []))]
  return point.sites
    .filter((site) => site.kind !== 'online' && site.location && site.address?.street && /^\d{5}$/.test(site.address.postcode ?? ''))
    .map((site) => ({
      id: `${point.id}--${site.id}`,
      pivot: NO_PIVOT,
      // The point's name, and the site's when it says more (not when the point's already holds it).
      nom: point.name.includes(site.label) ? point.name : `${point.name} – ${site.label}`,
      commune: site.comune?.name ?? point.comune?.name ?? null,
      code_postal: site.address!.postcode,
      code_insee: null,
      adresse: site.address!.street,
      complement_adresse: null,
      latitude: site.location!.lat,
      longitude: site.location!.lon,
      typologie: TYPOLOGY[point.operator.type] ?? null,
      telephone: null,
      courriels: point.contacts.email,
      site_web: point.contacts.website,
      horaires: osmHours(site),
      presentation_resume: point.description ? summary(point.description) : null,
      presentation_detail: point.description && point.description.length > SUMMARY_LENGTH ? point.description : null,
      source: `PuntoVicino (${point.source.dataset})`,
      itinerance: site.kind === 'mobile' ? 'Itinérant' : 'Fixe',
      structure_parente: point.operator.name,
      date_maj: toRomeIso(new Date(point.updated_at)).slice(0, 10),
      services: services.join('|'),
      publics_specifiquement_adresses: null,
      prise_en_charge_specifique: null,
      // The Misura 1.7.2 points help citizens free of charge.
      frais_a_charge: 'Gratuit',
      dispositif_programmes_nationaux: null,
      formations_labels: null,
      autres_formations_labels: null,
      modalites_acces: accessModes(point).join('|') || null,
      modalites_accompagnement: point.services.map((service) => ACCOMPANIMENT[service]).join('|'),
      fiche_acces_libre: null,
      prise_rdv: point.booking_url,
    }))
}

export const frMediationCsv = (snapshot: Snapshot): Generator<string, number> => recordsCsv(snapshot, FR_MEDIATION_COLUMNS, frMediationRows)
