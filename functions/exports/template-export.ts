import { osmWeek } from './schedule-texts.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { Address, Booking, PointRecord, PointStatus, Site, SiteKind } from '../../shared/schemas/point.ts'
import { closuresCell, stopsCell } from '../import/formats/template-cells.ts'
import { TEMPLATE_COLUMNS } from '../import/formats/template-columns.ts'
import { recordsCsv } from './csv-export.ts'

/**
 * The whole registry in the import template's columns (docs/import-template.md): what a region
 * downloads, corrects in a spreadsheet and sends back with `npm run import`. One row per site;
 * untouched, the file imports as "unchanged" for every point (tests/functions/exports/
 * template-round-trip.test.ts), because each column is written the way the template reads it.
 */
export const TEMPLATE_FILE = 'punti-facilitazione-modello.csv'

type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number]

const STATO: Readonly<Record<PointStatus, string>> = { active: 'attivo', suspended: 'sospeso', closed: 'chiuso' }
const TIPO_SEDE: Readonly<Record<SiteKind, string>> = { fixed: 'fissa', mobile: 'mobile', seasonal: 'stagionale', online: 'online' }
const PRENOTAZIONE: Readonly<Record<Booking, string>> = { walk_in: 'libero_accesso', appointment: 'appuntamento', both: 'entrambi' }
const FESTIVI = { open: 'aperto', closed: 'chiuso' } as const

const sameAddress = (a: Address | null, b: Address | null): boolean => (a?.street ?? null) === (b?.street ?? null) && (a?.postcode ?? null) === (b?.postcode ?? null)

/**
 * The hours as the operator published them when the registry kept that text (it could not read
 * it, or wrote it otherwise than we would); else the week in OpenStreetMap's syntax. (A text left
 * behind beside a week set since never reaches here: shared/registry/published-hours.ts.)
 * Holidays go in `festivi`, so the text never says them.
 */
function hoursCell(site: Site): string | null {
  if (site.opening_hours_source !== undefined) return site.opening_hours_source
  return site.opening_hours ? osmWeek(site.opening_hours) : null
}

/**
 * A recurring season bound as Italians write it (`--06-15` → `15/06`, which the import reads back):
 * starting with `-`, the ISO form would get the formula guard's apostrophe in every spreadsheet.
 */
const seasonBoundCell = (bound: string | undefined): string | null => {
  if (bound === undefined) return null
  const recurring = /^--(\d{2})-(\d{2})$/.exec(bound)
  return recurring ? `${recurring[2]}/${recurring[1]}` : bound
}

export function templateRows(point: PointRecord): Array<Record<TemplateColumn, string | number | null>> {
  const firstAddress = point.sites[0]?.address ?? null
  // The point's own address only when it is not its first site's (the template's default).
  const ownAddress = sameAddress(point.address, firstAddress) ? null : point.address
  return point.sites.map((site) => ({
    fonte: point.source.dataset,
    id_punto: point.source.original_id,
    nome_punto: point.name,
    stato: STATO[point.status],
    ente_gestore: point.operator.name,
    tipo_ente: point.operator.type,
    codice_istat_comune: site.comune?.istat ?? point.comune?.istat ?? null,
    comune: site.comune?.name ?? point.comune?.name ?? null,
    provincia: null,
    indirizzo: site.address?.street ?? null,
    cap: site.address?.postcode ?? null,
    id_sede: site.id,
    tipo_sede: TIPO_SEDE[site.kind],
    nome_sede: site.label,
    latitudine: site.location?.lat ?? null,
    longitudine: site.location?.lon ?? null,
    orari: hoursCell(site),
    valido_dal: seasonBoundCell(site.valid_from),
    valido_al: seasonBoundCell(site.valid_to),
    servizi: point.services.join('|'),
    temi: point.topics.join('|'),
    prenotazione: PRENOTAZIONE[point.booking],
    url_prenotazione: point.booking_url,
    telefono: point.contacts.phone,
    email: point.contacts.email,
    sito_web: point.contacts.website,
    lingue: point.languages.join('|'),
    accessibile: point.accessibility.step_free === null ? null : point.accessibility.step_free ? 'si' : 'no',
    note_accessibilita: point.accessibility.notes,
    verificato_il: point.last_verified_at,
    descrizione: point.description ?? null,
    festivi: site.public_holidays ? FESTIVI[site.public_holidays] : null,
    chiusure: closuresCell(site.closures) || null,
    fermate: stopsCell(site.stops) || null,
    indirizzo_punto: ownAddress?.street ?? null,
    cap_punto: ownAddress?.postcode ?? null,
    id_puntovicino: point.id,
  }))
}

/**
 * Every Italian point of the snapshot, of every status, in id order. Points abroad (the French
 * standard's) are left out: the template places a site by an Italian comune, and a re-import
 * leaves points absent from the file as they are.
 */
export const templateCsv = (snapshot: Snapshot): Generator<string, number> =>
  recordsCsv(snapshot, TEMPLATE_COLUMNS, (point) => (point.country === 'IT' ? templateRows(point) : []))
