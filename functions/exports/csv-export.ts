import { nextOpening, isOpenAt } from '../../shared/hours/open-at.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'
import { italianWeek, osmWeek } from './schedule-texts.ts'
import type { PointHit } from '../../shared/geo/query.ts'
import { siteAtPlace } from '../../shared/geo/site-places.ts'
import type { PointRecord, Site } from '../../shared/schemas/point.ts'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import { placeFacts } from './place-facts.ts'
import { toRomeIso } from '../../shared/util/rome-iso.ts'
import type { ExportFormat } from './export-format.ts'
import { QUOTE_FOR_SPREADSHEETS, spreadsheetSafe } from './spreadsheet-safe.ts'

/**
 * The CSV export: one row per site, the JSON field names flattened, lists joined by `|`, UTF-8
 * with a BOM (so spreadsheets read the accents), cells a spreadsheet would run as formulas made
 * inert (spreadsheet-safe.ts). Only the exports load this module.
 */
export const csvColumns = [
  'point_id', 'name', 'status', 'operator_name', 'operator_type', 'region_istat', 'region_name', 'province',
  'comune_istat', 'comune_name', 'address_street', 'address_postcode', 'site_id', 'site_kind', 'site_label',
  'site_street', 'site_postcode', 'lat', 'lon', 'valid_from', 'valid_to', 'opening_hours_osm', 'opening_hours_text',
  'services', 'topics', 'booking', 'booking_url', 'phone', 'email', 'website', 'languages', 'step_free',
  'open_now', 'next_opening', 'distance_m', 'updated_at', 'last_verified_at', 'source_dataset', 'source_id',
  // Added with issue 9, at the end so column positions read by earlier clients do not move.
  'place_kind', 'place_label', 'place_dates',
  // Added 2026-12-08: the row's own comune (comune_istat is the point's), and a stop's hours.
  'place_comune_istat', 'place_sessions',
] as const
export type CsvColumn = (typeof csvColumns)[number]

/** Columns that depend on the instant or the caller's position: in API answers, not in the files. */
export const LIVE_CSV_COLUMNS: readonly CsvColumn[] = ['open_now', 'next_opening', 'distance_m']
export const fileCsvColumns = csvColumns.filter((column) => !LIVE_CSV_COLUMNS.includes(column))

/**
 * The site's hours as OSM text and as an Italian sentence: the same for every row of the site
 * while its record lives (a snapshot's records are never changed), and together half the cost of
 * a row, so they are made once per site object.
 */
const siteHoursTexts = new WeakMap<Site, { osm: string | null; text: string | null }>()
function hoursTextsOf(site: Site): { osm: string | null; text: string | null } {
  let texts = siteHoursTexts.get(site)
  if (!texts) {
    texts = {
      osm: site.opening_hours ? osmWeek(site.opening_hours, site.public_holidays ?? 'closed') : null,
      text: site.opening_hours_unparsed ? (site.opening_hours_source ?? null) : site.opening_hours ? italianWeek(site.opening_hours) : null,
    }
    siteHoursTexts.set(site, texts)
  }
  return texts
}

/** A stop's row has no weekly hours: the van is there on its dates (place_dates). */
const NO_HOURS_TEXT = { osm: null, text: null } as const

/** `lat`/`lon` are where the site matched (see `geoJsonFeature`), so both exports agree. */
export function csvRow(hit: PointHit, now: Date | null): Record<CsvColumn, string | number | boolean | null> {
  const { point, site, distance_m, location: matchedAt } = hit
  // At a place, the site as it is there: a van's stop is open when the van is at that stop.
  const here = hit.place ? siteAtPlace(site, hit.place) : site
  const next = now && nextOpening(now)(here)
  const location = matchedAt ?? site.location
  const place = placeFacts(hit, now && toRomeWallClock(now).date)
  // A stop's row: the van is there on its dates (place_dates), not on the base's weekly hours.
  const hours = place.kind === 'stop' ? NO_HOURS_TEXT : hoursTextsOf(site)
  return {
    point_id: point.id,
    name: point.name,
    status: point.status,
    operator_name: point.operator.name,
    operator_type: point.operator.type,
    region_istat: point.region?.istat ?? null,
    region_name: point.region?.name ?? null,
    province: point.province,
    comune_istat: point.comune.istat,
    comune_name: point.comune.name,
    address_street: point.address.street,
    address_postcode: point.address.postcode,
    site_id: site.id,
    site_kind: site.kind,
    site_label: site.label,
    site_street: site.address?.street ?? null,
    site_postcode: site.address?.postcode ?? null,
    lat: location?.lat ?? null,
    lon: location?.lon ?? null,
    valid_from: site.valid_from ?? null,
    valid_to: site.valid_to ?? null,
    opening_hours_osm: hours.osm,
    opening_hours_text: hours.text,
    services: point.services.join('|'),
    topics: point.topics.join('|'),
    booking: point.booking,
    booking_url: point.booking_url,
    phone: point.contacts.phone,
    email: point.contacts.email,
    website: point.contacts.website,
    languages: point.languages.join('|'),
    step_free: point.accessibility.step_free,
    open_now: now !== null && point.status === 'active' && isOpenAt(now)(here),
    next_opening: now !== null && point.status === 'active' && next ? toRomeIso(next) : null,
    distance_m,
    updated_at: point.updated_at,
    last_verified_at: point.last_verified_at,
    source_dataset: point.source.dataset,
    source_id: point.source.original_id,
    place_kind: place.kind,
    place_label: place.label,
    place_dates: place.dates.join('|'),
    place_comune_istat: place.comuneIstat,
    place_sessions: place.sessions.join('|'),
  }
}

/**
 * One cell as RFC 4180 writes it: quoted when it holds a quote, a comma or a line break, and
 * also a `;` or a tab (spreadsheet-safe.ts); text made inert for spreadsheets first. A few lines
 * here instead of a CSV library's stream per row: an export page writes thousands of rows.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = typeof value === 'string' ? spreadsheetSafe(value) : String(value)
  return NEEDS_QUOTES.test(text) || QUOTE_FOR_SPREADSHEETS.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
const NEEDS_QUOTES = /[",\r\n]/

export const csvLine = (cells: readonly (string | number | boolean | null | undefined)[]): string => `${cells.map(csvCell).join(',')}\r\n`

/** A CSV file's first line: a BOM, so spreadsheet programs read accents right, then the header. */
export const csvHead = (header: readonly string[]): string => `\uFEFF${csvLine(header)}`

/** A small whole table (a header and its rows) as a CSV file. */
export const csvTable = (header: readonly string[], rows: ReadonlyArray<readonly (string | number | boolean | null | undefined)[]>): string => `${csvHead(header)}${rows.map(csvLine).join('')}`

/**
 * Every record of the snapshot as the rows `rowsOf` makes of it (none, one per site…), in
 * `columns`' order: a whole-registry CSV file, as lines (a national one is longer than any string
 * can be), returning how many rows it holds.
 */
export function* recordsCsv<C extends string>(snapshot: Snapshot, columns: readonly C[], rowsOf: (point: PointRecord) => ReadonlyArray<Record<C, string | number | null>>): Generator<string, number> {
  yield csvHead(columns)
  let rows = 0
  for (const point of snapshot.records.each()) {
    for (const row of rowsOf(point)) {
      yield csvLine(columns.map((column) => row[column]))
      rows++
    }
  }
  return rows
}

export const csvFormat: ExportFormat = {
  name: 'csv',
  contentType: 'text/csv; charset=utf-8',
  fileName: 'punti-facilitazione.csv',
  open: (live) => csvHead(live ? csvColumns : fileCsvColumns),
  row: (hit, at) => {
    const record = csvRow(hit, at)
    return csvLine((at ? csvColumns : fileCsvColumns).map((column) => record[column]))
  },
  separator: '',
  close: () => '',
}
