import { osmToScheduleAsWritten } from '../../../shared/hours/osm.ts'
import { scheduleToOsm } from '../../../shared/hours/osm-write.ts'
import { parseItalianHours } from '../../../shared/hours/italian-text.ts'
import { normalizeName } from '../../../shared/gazetteer/normalize-name.ts'
import { SeasonBoundSchema } from '../../../shared/schemas/hours.ts'
import {
  OPERATOR_TYPES, SERVICES, TOPICS,
  type Booking, type Operator, type PointDraft, type PointStatus, type Service, type Site, type SiteKind, type Topic,
} from '../../../shared/schemas/point.ts'
import { bilingual } from './bilingual.ts'
import { firstValidContact, KEPT_IF_STORED, type ContactKind } from './contact-values.ts'
import type { KeptValue, KeptWhenAbsent } from '../../../shared/registry/kept-values.ts'
import type { ImportContext, ImportFormat, RowError, RowResult } from './format.ts'
import { hasColumns } from './has-columns.ts'
import { pointId, shortHash } from './point-id.ts'
import { readClosures, readStops } from './template-cells.ts'
import { toRomeWallClock } from '../../../shared/hours/rome-time.ts'
import { slugify } from '../../../shared/util/slugify.ts'
import { POINT_ID_PATTERN } from '../../../shared/vocabulary.ts'
import { onceForEachText, readHours } from './read-hours.ts'
import { italianPlace, resolveComune } from './resolve-comune.ts'
import { comuneRefOf } from '../../../shared/gazetteer/comune-names.ts'
import { ITALY_BOUNDS, coordinates, italianDateToIso, listOf, text, verificationDate, type Coordinates } from './row-values.ts'
import { draftResult } from './validate-draft.ts'
import { withoutFormulaGuard } from '../../exports/spreadsheet-safe.ts'
import { TEMPLATE_COLUMNS } from './template-columns.ts'

/**
 * OSM as written first (strict: a lenient reading of Italian words would be a guess), then Italian
 * text; a value neither reads is kept as text with a warning.
 */
const HOURS_PARSERS = [onceForEachText(osmToScheduleAsWritten), onceForEachText(parseItalianHours)]

/**
 * OUR template (docs/import-template.md): the CSV we ask regions to send, one row per SITE with
 * Italian column names. Rows that share `fonte` + `id_punto` are sites of one point: each row
 * becomes a one-site draft with the point's id, and the pipeline joins drafts with the same id
 * with `mergeDrafts` (merge-drafts.ts). Point-level columns are taken from the first row.
 */

const DETECTING_COLUMNS = ['fonte', 'id_punto', 'nome_punto', 'tipo_sede'] as const

const STATUS_BY_STATO: Readonly<Record<string, PointStatus>> = { attivo: 'active', sospeso: 'suspended', chiuso: 'closed' }
const KIND_BY_TIPO_SEDE: Readonly<Record<string, SiteKind>> = { fissa: 'fixed', mobile: 'mobile', stagionale: 'seasonal', online: 'online' }
const BOOKING_BY_PRENOTAZIONE: Readonly<Record<string, Booking>> = { libero_accesso: 'walk_in', appuntamento: 'appointment', entrambi: 'both' }
const HOLIDAYS_BY_FESTIVI: Readonly<Record<string, 'open' | 'closed'>> = { aperto: 'open', chiuso: 'closed' }
/** How offices write the same codes: read as them, never listed as codes in a message. */
const BOOKING_AS_WRITTEN: Readonly<Record<string, Booking>> = {
  su_appuntamento: 'appointment', solo_su_appuntamento: 'appointment', previo_appuntamento: 'appointment', prenotazione: 'appointment',
  accesso_libero: 'walk_in', libero: 'walk_in', senza_appuntamento: 'walk_in', senza_prenotazione: 'walk_in',
}
const HOLIDAYS_AS_WRITTEN: Readonly<Record<string, 'open' | 'closed'>> = { aperti: 'open', aperta: 'open', chiusi: 'closed', chiusa: 'closed' }
/** Point-level columns whose absence from a file keeps the stored values (the contacts' are kept by `contact` below). */
const COLUMNS_KEPT_WHEN_ABSENT: ReadonlyArray<readonly [(typeof TEMPLATE_COLUMNS)[number], KeptWhenAbsent]> = [
  ['descrizione', 'description'], ['note_accessibilita', 'accessibility_notes'], ['accessibile', 'step_free'], ['lingue', 'languages'], ['temi', 'topics'], ['verificato_il', 'last_verified_at'],
]
// VERO and FALSO: Italian Excel's own booleans, as it saves a cell it read as one.
const YES = new Set(['si', 'sì', 'yes', 'true', '1', 'vero'])
const NO = new Set(['no', 'false', '0', 'falso'])

/** Codes are compared as written in the docs, but "Libero accesso" or "terzo-settore" are forgiven. */
const asCode = (s: string) => normalizeName(s).replace(/ /g, '_')
const quoted = (values: readonly string[]) => values.join(', ')

/** A season bound as ISO (2026-06-15, --06-15) or as Italians write it (15/06/2026, 15/06). */
function seasonBound(value: string | null): string | null | undefined {
  if (value === null) return null
  const candidate = italianDateToIso(value) ?? value
  return SeasonBoundSchema.safeParse(candidate).success ? candidate : undefined
}

/**
 * A free text the registry holds up to `max` characters: a longer one is cut there, with a
 * warning naming the column, rather than refusing the row (and its point) for an optional note.
 */
function cutText(row: Record<string, unknown>, column: string, max: number, warnings: RowError[]): string | null {
  const value = text(row, column)
  if (value === null || value.length <= max) return value
  warnings.push({ field: column, message: bilingual(
    `${value.length} caratteri, il massimo è ${max}: tagliato a ${max}`,
    `${value.length} characters, at most ${max}: cut to ${max}`,
  ) })
  // Cut between characters, not inside one written with two UTF-16 units (an emoji).
  const cut = /[\uD800-\uDBFF]/.test(value.charAt(max - 2)) ? max - 2 : max - 1
  return `${value.slice(0, cut).trimEnd()}…`
}

/** Values of a closed list, unknown ones warned about and dropped. */
function codesFrom<T extends string>(cell: string | null, allowed: readonly T[], column: string, warnings: RowError[]): T[] {
  const out: T[] = []
  for (const value of listOf(cell, /[|;,]/)) {
    const code = asCode(value) as T
    if (allowed.includes(code)) {
      if (!out.includes(code)) out.push(code)
    } else {
      const shown = JSON.stringify(value)
      warnings.push({ field: column, message: bilingual(`${shown} non è tra ${quoted(allowed)}; ignorato`, `${shown} is not one of ${quoted(allowed)}; ignored`) })
    }
  }
  return out
}

/**
 * A code a spreadsheet read as a number lost its leading zeros (052022 → 52022, 00184 → 184):
 * given them back, with a warning saying how the value was read.
 */
function restoredZeros(value: string | null, length: number, column: string, warnings: RowError[]): string | null {
  if (value === null || !/^\d+$/.test(value) || value.length >= length || value.length < length - 2) return value
  const restored = value.padStart(length, '0')
  warnings.push({ field: column, message: bilingual(`${value} letto come ${restored} (un foglio di calcolo aveva tolto gli zeri iniziali)`, `${value} read as ${restored} (a spreadsheet had dropped the leading zeros)`) })
  return restored
}

/**
 * An Italian landline written as a number lost its 0 in a spreadsheet (0585 000001 → 585000001):
 * given it back, with a warning. A mobile (3…) and a toll-free number (80…) start without one, and
 * a number written with spaces or signs was text, never a number.
 */
function restoredLandline(value: string | null, warnings: RowError[]): string | null {
  if (value === null || !/^[1-9]\d{4,9}$/.test(value) || value.startsWith('3') || value.startsWith('80')) return value
  const restored = `0${value}`
  warnings.push({ field: 'telefono', message: bilingual(`${value} letto come ${restored} (un foglio di calcolo aveva tolto lo zero del prefisso)`, `${value} read as ${restored} (a spreadsheet had dropped the area code's 0)`) })
  return restored
}

function toDraft(rawRow: Record<string, unknown>, { gazetteer, now }: ImportContext): RowResult {
  const row = Object.fromEntries(Object.entries(rawRow).map(([column, value]) => [column, typeof value === 'string' ? withoutFormulaGuard(value) : value]))
  const errors: RowError[] = []
  const warnings: RowError[] = []
  const required = (column: (typeof TEMPLATE_COLUMNS)[number], what: { it: string; en: string }): string | null => {
    const value = text(row, column)
    if (value === null) errors.push({ field: column, message: bilingual(`manca ${what.it}`, `${what.en} is missing`) })
    return value
  }
  /** "… non è tra a, b, c": what a code column's value that is none of its codes is told. */
  const notACode = (value: string | null, codes: Readonly<Record<string, unknown>>) => {
    const shown = JSON.stringify(value ?? '')
    return { it: `${shown} non è tra ${quoted(Object.keys(codes))}`, en: `${shown} is not one of ${quoted(Object.keys(codes))}` }
  }
  const fromList = <T>(column: (typeof TEMPLATE_COLUMNS)[number], map: Readonly<Record<string, T>>, fallback?: T): T | undefined => {
    const value = text(row, column)
    if (value === null && fallback !== undefined) return fallback
    const mapped = value === null ? undefined : map[asCode(value)]
    if (mapped === undefined) {
      const why = notACode(value, map)
      errors.push({ field: column, message: bilingual(why.it, why.en) })
    }
    return mapped
  }

  const fonte = required('fonte', { it: 'la fonte (chi invia il file)', en: 'the source (who sends the file)' })
  const idPunto = required('id_punto', { it: "l'identificativo del punto", en: 'the point id' })
  const name = required('nome_punto', { it: 'il nome del punto', en: 'the point name' })
  const operatorName = required('ente_gestore', { it: "l'ente gestore", en: 'the operator' })
  const status = fromList('stato', STATUS_BY_STATO, 'active')
  const operatorType = fromList('tipo_ente', Object.fromEntries(OPERATOR_TYPES.map((t) => [t, t])) as Record<string, Operator['type']>)
  const kind = fromList('tipo_sede', KIND_BY_TIPO_SEDE)
  // Optional columns: a value not read is its default, with a warning; the row is kept.
  // Without a `fallback`, left empty.
  const optionalFromList = <T>(column: (typeof TEMPLATE_COLUMNS)[number], codes: Readonly<Record<string, T>>, asWritten: Readonly<Record<string, T>>, fallback?: { code: string; value: T }): T | undefined => {
    const value = text(row, column)
    if (value === null) return fallback?.value
    const read = codes[asCode(value)] ?? asWritten[asCode(value)]
    if (read !== undefined) return read
    const why = notACode(value, codes)
    const [taken, takenEn] = fallback ? [`vale ${fallback.code}`, `${fallback.code} is taken`] : ['lasciato vuoto', 'left empty']
    warnings.push({ field: column, message: bilingual(`${why.it}: ${taken}`, `${why.en}: ${takenEn}`) })
    return fallback?.value
  }
  const booking = optionalFromList<Booking>('prenotazione', BOOKING_BY_PRENOTAZIONE, BOOKING_AS_WRITTEN, { code: 'entrambi', value: 'both' })
  const givenId = text(row, 'id_puntovicino')
  if (givenId !== null && !POINT_ID_PATTERN.test(givenId)) {
    const shown = JSON.stringify(givenId)
    errors.push({ field: 'id_puntovicino', message: bilingual(
      `${shown} non è un identificativo PuntoVicino (3–120 lettere minuscole, cifre e trattini); lasciatelo vuoto per un punto nuovo`,
      `${shown} is not a PuntoVicino id (3–120 lowercase letters, digits and hyphens); leave it empty for a new point`,
    ) })
  }
  const holidays = optionalFromList<'open' | 'closed'>('festivi', HOLIDAYS_BY_FESTIVI, HOLIDAYS_AS_WRITTEN)

  let location: Coordinates | undefined
  if (kind !== 'online') {
    const position = coordinates(row, { lat: 'latitudine', lon: 'longitudine' }, ITALY_BOUNDS)
    if (position.ok) location = position.value
    else if (kind !== undefined) errors.push(position.error)
  }

  const resolved = resolveComune(gazetteer, {
    istat: { value: restoredZeros(text(row, 'codice_istat_comune'), 6, 'codice_istat_comune', warnings), column: 'codice_istat_comune' },
    name: { value: text(row, 'comune'), column: 'comune' },
    province: text(row, 'provincia'),
    ...(location ? { near: location } : {}),
  })
  if (resolved.ok) warnings.push(...resolved.warnings)
  else errors.push(resolved.error)

  let validFrom = seasonBound(text(row, 'valido_dal'))
  let validTo = seasonBound(text(row, 'valido_al'))
  for (const [column, value] of [['valido_dal', validFrom], ['valido_al', validTo]] as const) {
    if (value === undefined && kind !== 'seasonal') {
      // Only a seasonal site needs its season: on another, a bound not read is left out, said.
      const shown = JSON.stringify(text(row, column))
      warnings.push({ field: column, message: bilingual(`${shown} non è una data: ignorata (la sede non è stagionale)`, `${shown} is not a date: ignored (the site is not seasonal)`) })
      if (column === 'valido_dal') validFrom = null
      else validTo = null
    } else if (value === undefined) {
      const shown = JSON.stringify(text(row, column))
      errors.push({
        field: column,
        message: bilingual(
          `${shown} non è una data (2026-06-15 o 15/06/2026) né un giorno dell'anno (--06-15 o 15/06)`,
          `${shown} is not a date (2026-06-15 or 15/06/2026) or a yearly day (--06-15 or 15/06)`,
        ),
      })
    }
  }
  // A yearly season a spreadsheet saved with this year's date (15/06 → 15/06/2026) ends for good:
  // said, the site kept, for a season meant to come back every year.
  if (kind === 'seasonal' && typeof validTo === 'string' && /^\d{4}-/.test(validTo) && validTo < toRomeWallClock(now).date) {
    warnings.push({ field: 'valido_al', message: bilingual(
      `la stagione è finita il ${validTo}: la sede non aprirà più; se torna ogni anno scrivete giorno e mese soli (15/06)`,
      `the season ended on ${validTo}: the site will not open again; if it comes back every year write the day and month only (15/06)`,
    ) })
  }
  if (kind === 'seasonal' && (validFrom === null || validTo === null)) {
    errors.push({ field: validFrom === null ? 'valido_dal' : 'valido_al', message: bilingual('una sede stagionale richiede valido_dal e valido_al', 'a stagionale site needs valido_dal and valido_al') })
  }

  if (errors.length > 0 || !resolved.ok || fonte === null || idPunto === null || name === null || operatorName === null ||
    status === undefined || operatorType === undefined || kind === undefined || booking === undefined) {
    return { ok: false, errors }
  }

  // Individual assistance is always offered: added when not listed, in the order given otherwise.
  const listedServices = codesFrom(text(row, 'servizi'), SERVICES, 'servizi', warnings)
  const services: Service[] = listedServices.includes('assistenza_individuale') ? listedServices : ['assistenza_individuale', ...listedServices]
  const topics: Topic[] = codesFrom(text(row, 'temi'), TOPICS, 'temi', warnings)
  const languages = listOf(text(row, 'lingue'), /[|;,\s]+/).map((l) => l.toLowerCase())
  const badLanguages = languages.filter((l) => !/^[a-z]{2}$/.test(l))
  if (badLanguages.length > 0) {
    const shown = quoted(badLanguages)
    warnings.push({
      field: 'lingue',
      message: bilingual(`${shown}: non sono codici ISO 639-1 di due lettere; ignorati`, `${shown}: not two-letter ISO 639-1 codes; ignored`),
    })
  }
  const goodLanguages = languages.filter((l) => /^[a-z]{2}$/.test(l))

  // Values written but not read: a point already stored keeps its own (kept-values.ts); so do the
  // values of a column the file does not have at all (deleted from the sheet as not needed).
  const kept: KeptValue[] = []
  const absent = (column: (typeof TEMPLATE_COLUMNS)[number]) => !Object.hasOwn(row, column)
  for (const [column, field] of COLUMNS_KEPT_WHEN_ABSENT) if (absent(column)) kept.push({ of: 'point', field })
  const contact = (contactKind: ContactKind, column: (typeof TEMPLATE_COLUMNS)[number], field: 'phone' | 'email' | 'website' | 'booking_url') => {
    const written = column === 'telefono' ? restoredLandline(text(row, column), warnings) : text(row, column)
    const picked = firstValidContact(contactKind, written, column)
    if (picked.warning) warnings.push(picked.warning)
    if (picked.unread || absent(column)) kept.push({ of: 'point', field })
    return picked.value
  }
  // A CAP's zeros come back only where the comune's own CAPs start with them (Rome's 00184, not Bari's "7012").
  const capOf = (column: 'cap' | 'cap_punto'): string | null => {
    const written = text(row, column)
    return written !== null && /^\d{3,4}$/.test(written) && resolved.ok && resolved.comune.postcode.startsWith('0'.repeat(5 - written.length)) ? restoredZeros(written, 5, column, warnings) : written
  }
  let postcode = capOf('cap')
  const capUnread = postcode !== null && !/^\d{5}$/.test(postcode)
  if (capUnread) {
    const shown = JSON.stringify(postcode)
    warnings.push({ field: 'cap', message: bilingual(`${shown} non è un CAP di cinque cifre; ${KEPT_IF_STORED.it}`, `${shown} is not a five-digit CAP; ${KEPT_IF_STORED.en}`) })
    postcode = null
  }
  const accessible = text(row, 'accessibile')
  const stepFree = accessible === null ? null : YES.has(accessible.toLowerCase()) ? true : NO.has(accessible.toLowerCase()) ? false : undefined
  if (stepFree === undefined) {
    // Not read: the stored answer stays, as an unreadable phone's does (VERO once cleared a "sì").
    const shown = JSON.stringify(accessible)
    warnings.push({ field: 'accessibile', message: bilingual(`${shown} non è si né no; resta quello registrato, se c'è`, `${shown} is not si or no; the stored answer is kept, if any`) })
    kept.push({ of: 'point', field: 'step_free' })
  }
  const verified = verificationDate(text(row, 'verificato_il'), 'verificato_il', now)
  if (verified.warning) warnings.push(verified.warning)
  const { hours, warnings: hoursWarnings } = readHours(text(row, 'orari'), HOURS_PARSERS)
  warnings.push(...hoursWarnings)
  // The text is kept to show it as published; when it is exactly how we would write the week
  // read from it (our own download), it says nothing more and is not kept.
  if (hours.opening_hours && hours.opening_hours_source === scheduleToOsm(hours.opening_hours, hours.public_holidays)) delete hours.opening_hours_source
  if (holidays !== undefined) {
    if (hours.public_holidays !== undefined && hours.public_holidays !== holidays) {
      warnings.push({ field: 'festivi', message: bilingual(
        `festivi dice ${text(row, 'festivi')}, gli orari dicono il contrario per i festivi: vale festivi`,
        `festivi says ${text(row, 'festivi')}, the hours say otherwise about public holidays: festivi wins`,
      ) })
    }
    hours.public_holidays = holidays
  }
  const closures = readClosures(text(row, 'chiusure'), 'chiusure', warnings)
  const stops = readStops(text(row, 'fermate'), 'fermate', warnings)
  if (stops && kind !== 'mobile') {
    warnings.push({ field: 'fermate', message: bilingual('le fermate datate sono solo di una sede mobile; ignorate', 'dated stops belong to a mobile site only; ignored') })
  }

  const comune = resolved.comune
  const address = { street: text(row, 'indirizzo'), postcode }
  // The point's own address (the operator's seat) when it is not its first site's.
  const pointStreet = text(row, 'indirizzo_punto')
  const pointPostcode = capOf('cap_punto')
  const pointAddress = pointStreet === null && pointPostcode === null ? address : { street: pointStreet, postcode: pointPostcode }
  const siteLabel = text(row, 'nome_sede') ?? name
  const idSede = text(row, 'id_sede')
  // Without id_sede, the site's own content names it, so a re-import gives the same site id.
  const siteId = (idSede && slugify(idSede)) || `sede-${shortHash([kind, siteLabel, address.street, location?.lat, location?.lon, validFrom].join('|')).slice(0, 8)}`
  // The site's CAP not read: its stored one stays, and the point's too where it is the site's address.
  if (capUnread && kind !== 'online') kept.push({ of: 'site', siteId, field: 'postcode' }, ...(pointAddress === address ? [{ of: 'point', field: 'postcode' } as const] : []))
  const site: Site = {
    id: siteId,
    kind,
    label: siteLabel,
    address: kind === 'online' ? null : address,
    comune: comuneRefOf(comune),
    ...(location ? { location } : {}),
    ...(validFrom !== null && validTo !== null ? { valid_from: validFrom, valid_to: validTo } : {}),
    ...hours,
    ...(stops && kind === 'mobile' ? { stops } : {}),
    ...(closures ? { closures } : {}),
  }

  const draft: PointDraft = {
    id: givenId ?? pointId(fonte, idPunto),
    name,
    status,
    operator: { name: operatorName, type: operatorType },
    ...italianPlace(comune),
    address: pointAddress,
    sites: [site],
    services,
    topics,
    booking,
    booking_url: contact('url', 'url_prenotazione', 'booking_url'),
    contacts: { phone: contact('phone', 'telefono', 'phone'), email: contact('email', 'email', 'email'), website: contact('url', 'sito_web', 'website') },
    languages: goodLanguages.length > 0 ? [...new Set(goodLanguages)] : ['it'],
    accessibility: { step_free: stepFree ?? null, notes: cutText(row, 'note_accessibilita', 500, warnings) },
    description: cutText(row, 'descrizione', 2000, warnings),
    source: { dataset: slugify(fonte), original_id: idPunto },
    last_verified_at: verified.value,
  }
  return draftResult(draft, warnings, kept)
}

export const templateFormat: ImportFormat = {
  name: 'template',
  detect: (header) => hasColumns(header, DETECTING_COLUMNS),
  columns: TEMPLATE_COLUMNS,
  toDraft,
}
