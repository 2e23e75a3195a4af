import { stringify } from 'csv-stringify'
import { renderItalianHours } from '../../shared/hours/italian-text.ts'
import { nextOpening, isOpenAt } from '../../shared/hours/open-at.ts'
import { scheduleToOsm } from '../../shared/hours/osm.ts'
import type { PointHit } from '../../shared/geo/query.ts'
import { toRomeIso } from '../../shared/util/rome-iso.ts'
import { QUOTE_FOR_SPREADSHEETS, spreadsheetSafe } from '../exports/spreadsheet-safe.ts'

/**
 * The CSV export: one row per site, the JSON field names flattened, lists joined by `|`. Only
 * /v1/points.csv loads this module (and csv-stringify), on its first request.
 */
export const csvColumns = [
  'point_id', 'name', 'status', 'operator_name', 'operator_type', 'region_istat', 'region_name', 'province',
  'comune_istat', 'comune_name', 'address_street', 'address_postcode', 'site_id', 'site_kind', 'site_label',
  'site_street', 'site_postcode', 'lat', 'lon', 'valid_from', 'valid_to', 'opening_hours_osm', 'opening_hours_text',
  'services', 'topics', 'booking', 'booking_url', 'phone', 'email', 'website', 'languages', 'step_free',
  'open_now', 'next_opening', 'distance_m', 'updated_at', 'last_verified_at', 'source_dataset', 'source_id',
] as const

/** `lat`/`lon` are where the site matched (see `geoJsonFeature`), so both exports agree. */
export function csvRow({ point, site, distance_m, location: matchedAt }: PointHit, now: Date): Record<(typeof csvColumns)[number], string | number | boolean | null> {
  const next = nextOpening(now)(site)
  const location = matchedAt ?? site.location
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
    opening_hours_osm: site.opening_hours ? scheduleToOsm(site.opening_hours, site.public_holidays ?? 'closed') : null,
    opening_hours_text: site.opening_hours_unparsed ? (site.opening_hours_source ?? null) : site.opening_hours ? renderItalianHours(site.opening_hours) : null,
    services: point.services.join('|'),
    topics: point.topics.join('|'),
    booking: point.booking,
    booking_url: point.booking_url,
    phone: point.contacts.phone,
    email: point.contacts.email,
    website: point.contacts.website,
    languages: point.languages.join('|'),
    step_free: point.accessibility.step_free,
    open_now: point.status === 'active' && isOpenAt(now)(site),
    next_opening: point.status === 'active' && next ? toRomeIso(next) : null,
    distance_m,
    updated_at: point.updated_at,
    last_verified_at: point.last_verified_at,
    source_dataset: point.source.dataset,
    source_id: point.source.original_id,
  }
}

/**
 * Writes the rows as CSV (UTF-8 with BOM, header row) to `out`, one row at a time, waiting while
 * `out` drains: the selection is never held twice (once as records, once as one big CSV string).
 */
export async function writeCsv(rows: Iterable<PointHit>, now: Date, out: { write(chunk: string): Promise<unknown> }): Promise<void> {
  const csv = stringify({
    header: true,
    columns: csvColumns,
    bom: true,
    quoted_match: QUOTE_FOR_SPREADSHEETS,
    cast: { boolean: (value) => (value ? 'true' : 'false'), string: spreadsheetSafe },
  })
  const written = (async () => {
    for await (const chunk of csv) await out.write(chunk as string)
  })()
  for (const hit of rows) {
    if (!csv.write(csvRow(hit, now))) await new Promise((resolve) => csv.once('drain', resolve))
  }
  csv.end()
  await written
}
