import { osmToSchedule } from '../../../shared/hours/osm.ts'
import { normalizeName as normalizeNameOnce } from '../../../shared/gazetteer/normalize-name.ts'
import { onceForEachString } from '../../../shared/util/once-for-each-string.ts'
import type { Booking, Operator, PointDraft, Service, Site, SiteKind, Topic } from '../../../shared/schemas/point.ts'
import { firstValidContact, type ContactKind } from './contact-values.ts'
import type { KeptValue } from '../../../shared/registry/kept-values.ts'
import { bilingual } from './bilingual.ts'
import type { ImportContext, ImportFormat, RowError, RowResult } from './format.ts'
import { hasColumns } from './has-columns.ts'
import { contentPointId, pointId } from './point-id.ts'
import { slugify } from '../../../shared/util/slugify.ts'
import { onceForEachText, readHours } from './read-hours.ts'
import { WORLD_BOUNDS, coordinates, listOf, text, verificationDate } from './row-values.ts'
import { draftResult } from './validate-draft.ts'

/** Each distinct hours text is parsed once (see onceForEachText). */
const HOURS_PARSERS = [onceForEachText(osmToSchedule)]
/**
 * The standard's list values ("Aide aux démarches administratives", "Se présenter") come from a
 * small vocabulary repeated on every row: each is normalised once (Unicode normalisation and
 * property classes were a fifth of an import's row reading).
 */
const normalizeName = onceForEachString(normalizeNameOnce, 1_000)

/**
 * The French national standard of "lieux de médiation numérique" (schema v1.0.2 by La MedNum,
 * and the older Hinaura/cartographie exports that predate it). These places are in France:
 * no region or province, `country: 'FR'`, the INSEE code kept in `comune.code`.
 */

export const FR_DATASET = 'fr-lieux-mediation-numerique'
const ID_PREFIX = 'fr'
const REQUIRED_COLUMNS = ['id', 'nom', 'commune', 'code_postal', 'adresse'] as const
const INSEE_CODE = /^([013-9]\d|2[AB1-9])\d{3}$/

type Rule<T> = readonly [RegExp, T]
const firstMatch = <T>(rules: ReadonlyArray<Rule<T>>, normalised: string): T | undefined =>
  rules.find(([pattern]) => pattern.test(normalised))?.[1]

/**
 * `modalites_accompagnement`, both the v1 vocabulary ("Accompagnement individuel") and the
 * Hinaura one ("Avec de l'aide : …"). "A ma place" (someone does the procedure for you) is still
 * one-to-one help. Working alone with the place's equipment or remotely is the closest we have
 * to formazione_online.
 */
const SERVICE_BY_MODALITY: ReadonlyArray<Rule<Service>> = [
  [/^accompagnement individuel|^avec de l aide|^a ma place/, 'assistenza_individuale'],
  [/atelier/, 'formazione_gruppo'],
  [/^a distance|^en autonomie|^seul\b/, 'formazione_online'],
]

/** Services that are one-to-one help by their very name ("Aide aux démarches…", "…avec un accompagnement"). */
const INDIVIDUAL_HELP_SERVICE = /\baide aux demarches\b|\baccompagn/

/**
 * Topics only where the French service names the same need. France's procedures (ANTS, CAF,
 * FranceConnect…) are not SPID, CIE or pagoPA, so none of the Italian-system topics is inferred.
 */
const TOPIC_BY_SERVICE: ReadonlyArray<Rule<Topic>> = [
  [/insertion professionnelle/, 'lavoro'],
  [/utilisation securisee/, 'sicurezza_online'],
  [/maitrise des outils numeriques|prendre en main|utiliser le numerique au quotidien/, 'competenze_base'],
  [/parentalite et education/, 'scuola'],
]

/** `typologie` codes of the data.inclusion vocabulary → operator type. */
const OPERATOR_TYPE_BY_TYPOLOGY: Readonly<Record<string, Operator['type']>> = {
  MUNI: 'comune', COMMUNE: 'comune', MAIRIE: 'comune', CCAS: 'comune',
  CC: 'unione_comuni', CA: 'unione_comuni', CU: 'unione_comuni', METRO: 'unione_comuni', EPCI: 'unione_comuni', CIAS: 'unione_comuni', PETR: 'unione_comuni',
  BIB: 'biblioteca', MEDIATHEQUE: 'biblioteca',
  ECOLE: 'scuola', COLLEGE: 'scuola', LYCEE: 'scuola', UNIV: 'scuola',
  ASSO: 'terzo_settore', TIERS_LIEUX: 'terzo_settore', MJC: 'terzo_settore', CS: 'terzo_settore', ACI: 'terzo_settore', EI: 'terzo_settore', ESS: 'terzo_settore', REG: 'terzo_settore',
  RFS: 'ente_pubblico', MSAP: 'ente_pubblico', CD: 'ente_pubblico', DEPT: 'ente_pubblico', PE: 'ente_pubblico', FT: 'ente_pubblico', CAF: 'ente_pubblico',
  CPAM: 'ente_pubblico', MSA: 'ente_pubblico', CAP_EMPLOI: 'ente_pubblico', AFPA: 'ente_pubblico', PIJ_BIJ: 'ente_pubblico', ML: 'ente_pubblico', MDS: 'ente_pubblico',
  PREF: 'ente_pubblico', CCONS: 'ente_pubblico',
}

const WALK_IN = /^se presenter/
const BY_APPOINTMENT = /^telephoner|^contacter par mail|^prendre un rdv|^envoyer un mail/
const NO_PUBLIC = /n accueille pas de public/

function servicesOf(row: Record<string, unknown>, warnings: RowError[]): Service[] {
  const services = new Set<Service>()
  for (const modality of listOf(text(row, 'modalites_accompagnement'))) {
    const service = firstMatch(SERVICE_BY_MODALITY, normalizeName(modality))
    if (service) services.add(service)
    else warnings.push({ field: 'modalites_accompagnement', message: bilingual(`valore sconosciuto ${JSON.stringify(modality)}; ignorato`, `unknown value ${JSON.stringify(modality)}; ignored`) })
  }
  if (listOf(text(row, 'services')).some((s) => INDIVIDUAL_HELP_SERVICE.test(normalizeName(s)))) services.add('assistenza_individuale')
  return [...services]
}

function topicsOf(row: Record<string, unknown>): Topic[] {
  const topics = new Set<Topic>()
  for (const service of listOf(text(row, 'services'))) {
    const topic = firstMatch(TOPIC_BY_SERVICE, normalizeName(service))
    if (topic) topics.add(topic)
  }
  return [...topics]
}

function bookingOf(accessModes: readonly string[]): Booking {
  const walkIn = accessModes.some((m) => WALK_IN.test(m))
  const appointment = accessModes.some((m) => BY_APPOINTMENT.test(m))
  if (walkIn && !appointment) return 'walk_in'
  if (appointment && !walkIn) return 'appointment'
  return 'both' // both ways, or the file does not say
}

function kindOf(row: Record<string, unknown>, accessModes: readonly string[], warnings: RowError[]): SiteKind {
  if (accessModes.some((m) => NO_PUBLIC.test(m))) return 'online'
  const values = listOf(text(row, 'itinerance')).map(normalizeName)
  const itinerant = values.includes('itinerant')
  if (itinerant && values.includes('fixe')) {
    warnings.push({
      field: 'itinerance',
      message: bilingual(
        'sia fisso sia itinerante; importato come luogo fisso (le fermate itineranti non sono pubblicate)',
        'both fixed and itinerant; imported as the fixed place (the itinerant stops are not published)',
      ),
    })
    return 'fixed'
  }
  return itinerant ? 'mobile' : 'fixed'
}

function operatorOf(row: Record<string, unknown>, name: string): Operator {
  const codes = listOf(text(row, 'typologie')).map((c) => c.toUpperCase())
  const type = codes.map((c) => OPERATOR_TYPE_BY_TYPOLOGY[c]).find((t) => t !== undefined) ?? 'altro'
  // The standard has no operator name; the parent structure is the closest, else the place runs itself.
  return { name: (text(row, 'structure_parente') ?? name).slice(0, 300), type }
}

/**
 * Ids in this standard are unique per producer (`source`), and Hinaura's are bare numbers, so
 * the producer goes into the id unless the id already carries it (the national cartography's
 * "mediation-numerique-conseiller-numerique-…" ids do).
 */
function idOf(row: Record<string, unknown>, name: string, commune: string): string {
  const originalId = text(row, 'id')
  if (originalId === null) return contentPointId(ID_PREFIX, [name, commune, text(row, 'code_postal') ?? ''])
  const producer = slugify(text(row, 'source') ?? '')
  const withProducer = producer && !slugify(originalId).includes(producer) ? `${producer}-${originalId}` : originalId
  return pointId(ID_PREFIX, withProducer)
}

function toDraft(row: Record<string, unknown>, { now }: ImportContext): RowResult {
  const errors: RowError[] = []
  const warnings: RowError[] = []

  const name = text(row, 'nom')
  if (name === null) errors.push({ field: 'nom', message: bilingual('manca il nome del luogo', 'the name of the place is missing') })
  const commune = text(row, 'commune')
  if (commune === null) errors.push({ field: 'commune', message: bilingual('manca il comune (commune)', 'the commune is missing') })
  const position = coordinates(row, { lat: 'latitude', lon: 'longitude' }, WORLD_BOUNDS)
  if (!position.ok) errors.push(position.error)

  const services = servicesOf(row, warnings)
  if (!services.includes('assistenza_individuale')) {
    // The registry's baseline: every point offers one-to-one help, and a "lieu de médiation
    // numérique" has mediators by definition. The source did not say it, so a human is told.
    services.unshift('assistenza_individuale')
    warnings.push({
      field: 'modalites_accompagnement',
      message: bilingual(
        "l'assistenza individuale (Accompagnement individuel) non è indicata; aggiunta come base del registro, da confermare",
        'individual assistance (Accompagnement individuel) is not stated; added as the registry baseline, to be confirmed',
      ),
    })
  }
  if (errors.length > 0 || name === null || commune === null || !position.ok) return { ok: false, errors }

  const accessModes = listOf(text(row, 'modalites_acces')).map(normalizeName)
  const kind = kindOf(row, accessModes, warnings)
  const { hours, warnings: hoursWarnings } = readHours(text(row, 'horaires'), HOURS_PARSERS)
  warnings.push(...hoursWarnings)

  // Values written but not read: a point already stored keeps its own (kept-values.ts).
  const kept: KeptValue[] = []
  const contact = (contactKind: ContactKind, field: 'phone' | 'email' | 'website' | 'booking_url', ...columns: string[]) => {
    const column = columns.find((c) => text(row, c) !== null) ?? columns[0]!
    const picked = firstValidContact(contactKind, text(row, column), column)
    if (picked.warning) warnings.push(picked.warning)
    if (picked.unread) kept.push({ of: 'point', field })
    return picked.value
  }
  const phone = contact('phone', 'phone', 'telephone')
  const email = contact('email', 'email', 'courriels', 'courriel')
  const website = contact('url', 'website', 'site_web')
  const bookingUrl = contact('url', 'booking_url', 'prise_rdv')
  const verified = verificationDate(text(row, 'date_maj'), 'date_maj', now)
  if (verified.warning) warnings.push(verified.warning)

  const inseeCode = text(row, 'code_insee')
  if (inseeCode !== null && !INSEE_CODE.test(inseeCode)) warnings.push({ field: 'code_insee', message: bilingual(`${JSON.stringify(inseeCode)} non è un codice INSEE; ignorato`, `${JSON.stringify(inseeCode)} is not an INSEE code; ignored`) })
  const street = [text(row, 'adresse'), text(row, 'complement_adresse')].filter((s) => s !== null).join(', ')
  const address = { street: street ? street.slice(0, 300) : null, postcode: text(row, 'code_postal') }
  const comune = { istat: null, name: commune, ...(inseeCode !== null && INSEE_CODE.test(inseeCode) ? { code: inseeCode } : {}) }
  const site: Site = {
    id: 'main',
    kind,
    label: name.slice(0, 300),
    address: kind === 'online' ? null : address,
    comune,
    ...(kind === 'online' ? {} : { location: position.value }),
    ...hours,
  }
  const accessibilitySheet = text(row, 'fiche_acces_libre') ?? text(row, 'accessibilite')
  const description = text(row, 'presentation_resume') ?? text(row, 'presentation_detail')
  const englishSpoken = listOf(text(row, 'prise_en_charge_specifique')).some((s) => /anglais/.test(normalizeName(s)))
  const producer = text(row, 'source')

  const draft: PointDraft = {
    id: idOf(row, name, commune),
    name: name.slice(0, 300),
    status: 'active',
    operator: operatorOf(row, name),
    region: null,
    province: null,
    comune,
    country: 'FR',
    address,
    sites: [site],
    services,
    topics: topicsOf(row),
    booking: bookingOf(accessModes),
    booking_url: bookingUrl,
    contacts: { phone, email, website },
    languages: englishSpoken ? ['fr', 'en'] : ['fr'],
    accessibility: { step_free: null, notes: accessibilitySheet ? `acceslibre: ${accessibilitySheet}`.slice(0, 500) : null },
    description: description ? description.slice(0, 2000) : null,
    source: { dataset: (producer ? `${FR_DATASET}/${producer}` : FR_DATASET).slice(0, 100), original_id: text(row, 'id') ?? `${name} | ${commune}` },
    last_verified_at: verified.value,
  }
  return draftResult(draft, warnings, kept)
}

export const frStandardFormat: ImportFormat = {
  name: 'fr-standard',
  detect: (header) => hasColumns(header, REQUIRED_COLUMNS),
  toDraft,
}
