import { z } from 'zod'
import { areaContradictions, PROVINCE_SIGLE, REGIONS } from '../gazetteer/admin-units.ts'
import { normalizeText } from '../filters/text-query.ts'
import { cursorParameter, decimalText, limitParameter } from './query-values.ts'
import { POINTS_PAGE } from './page-sizes.ts'
import { POINT_STATUSES, SERVICES, SITE_KINDS, TOPICS } from '../vocabulary.ts'

/**
 * The query string of `/v1/points` (and `.geojson`, `.csv`), as the public contract writes it.
 * Every parameter is a string on the wire; each is parsed here into a typed value or rejected
 * with a message that names what is wrong. Unknown parameters are rejected too (`.strict()`),
 * because a misspelt filter silently ignored would return the wrong points.
 */

/** Words to search for, in /v1/points and /v1/places alike. */
export const SEARCH_TEXT = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  // Punctuation alone normalises to nothing, and nothing is a prefix of every word: "%" would match every point.
  .refine((q) => normalizeText(q) !== '', 'must contain a letter or a digit')

/**
 * `kind=online` alone: help that has no place, so with `near` it means the remote help of the
 * region around there (API.md), which no distance orders and no radius cuts. One rule for the
 * query's validation and the route's walk.
 */
export const asksOnlineOnly = (kind: readonly string[] | undefined): boolean => kind?.length === 1 && kind[0] === 'online'

/** An area that contradicts itself is a 400 naming the narrower parameter, not an empty answer that reads as "no help there". */
export function checkArea(q: { region?: string; province?: string; comune?: string }, ctx: z.RefinementCtx): void {
  for (const { field, message } of areaContradictions(q)) ctx.addIssue({ code: 'custom', path: [field], message })
}

function commaList<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z
    .string()
    .transform((raw, ctx) => {
      const items = raw.split(',').map((s) => s.trim())
      const problem = commaListProblem(items, values, what)
      if (problem) {
        ctx.addIssue({ code: 'custom', message: `${problem}; expected a comma list of ${values.join(', ')}` })
        return z.NEVER
      }
      return [...new Set(items)] as Array<T[number]>
    })
}

/** What is wrong with a comma list's items, if anything. "a,,b" or a trailing comma is a slip (a value lost on the way?): said, never skipped. */
function commaListProblem(items: readonly string[], values: readonly string[], what: string): string | null {
  const given = items.filter((s) => s.length > 0)
  if (given.length === 0) return `no ${what} given`
  const unknown = given.filter((s) => !values.includes(s))
  if (unknown.length > 0) return `unknown ${what} ${unknown.map((u) => `"${u}"`).join(', ')}`
  if (given.length < items.length) return 'has an empty item (two commas together, or a comma at an end)'
  return null
}

const DATE_TIME_SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?(?: \d{2}:\d{2})?$/

/**
 * Why an `open_at` is refused, in its own terms: a 30 February or a 24:00 has the right shape and
 * was told "must be an ISO 8601 date-time with offset", which it looked like it was.
 */
function openAtProblem(input: unknown): string {
  const example = 'e.g. 2026-12-01T10:00:00+01:00'
  const shape = typeof input === 'string' ? DATE_TIME_SHAPE.exec(input) : null
  if (!shape) return `must be an ISO 8601 date-time with offset, ${example}`
  const [, year, month, day, hours, minutes, seconds, offset] = shape.map((part) => part ?? '')
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) return `names no real day (${year}-${month}-${day}): ${example}`
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds || 0) > 59) return `names no real time (${hours}:${minutes}${seconds ? `:${seconds}` : ''}; the day's last minute is 23:59, midnight is the next day's 00:00): ${example}`
  if (!offset) {
    // "10:00:00+01:00" written into a URL unencoded: the server reads its + as a space.
    const unencodedPlus = typeof input === 'string' ? / (\d{2}:\d{2})$/.exec(input) : null
    if (unencodedPlus) return `has a space before ${unencodedPlus[1]}: in a URL a + is read as a space, so write the offset's + as %2B (…T10:00:00%2B${unencodedPlus[1]})`
    return `needs its offset from UTC (Z, or +01:00 in winter and +02:00 in summer in Rome): ${example}`
  }
  return `must be an ISO 8601 date-time with offset, ${example}`
}

const booleanFlag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true')

const DECIMAL_DEGREES = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/

function numberList(count: number, description: string) {
  return z.string().transform((raw, ctx) => {
    const parts = raw.split(',')
    // Decimal degrees as written (43.77, -0.5; a space after the comma is forgiven): Number() also
    // took 0x10, 0b101 and 1e1 as degrees.
    const numbers = parts.map((p) => (DECIMAL_DEGREES.test(p.trim()) ? Number(p) : Number.NaN))
    if (parts.length !== count || numbers.some((n) => !Number.isFinite(n))) {
      ctx.addIssue({ code: 'custom', message: `must be ${description}` })
      return z.NEVER
    }
    return numbers
  })
}

/**
 * The filters of `/v1/points` and of its exports; each adds its own `limit`. Only `near` carries an
 * OpenAPI example: the interactive reference fills every example in when a developer tries a
 * call, and every filter at once finds nothing. The others give theirs in the description.
 */
const filterFields = {
  near: numberList(2, 'LAT,LON in decimal degrees, e.g. 43.7696,11.2558')
    .refine(([lat, lon]) => Math.abs(lat!) <= 90 && Math.abs(lon!) <= 180, 'latitude must be within ±90 and longitude within ±180')
    .transform(([lat, lon]) => ({ lat: lat!, lon: lon! }))
    .optional()
    .meta({ description: 'Order by distance from LAT,LON', example: '43.7696,11.2558' }),
  radius_km: decimalText('must be a number of kilometres, e.g. 2.5')
    .pipe(z.number().gt(0, 'must be greater than 0').max(500, 'must be at most 500'))
    .optional()
    .meta({ description: 'With near: only within this distance (0 < r ≤ 500)' }),
  bbox: numberList(4, 'MIN_LON,MIN_LAT,MAX_LON,MAX_LAT')
    .refine(([minLon, minLat, maxLon, maxLat]) => minLon! <= maxLon! && minLat! <= maxLat!, 'minimums must not exceed maximums')
    .refine(([minLon, minLat, maxLon, maxLat]) => [minLon, maxLon].every((v) => Math.abs(v!) <= 180) && [minLat, maxLat].every((v) => Math.abs(v!) <= 90), 'coordinates out of range')
    .transform((b) => b as [number, number, number, number])
    .optional()
    .meta({ description: 'Only sites inside MIN_LON,MIN_LAT,MAX_LON,MAX_LAT, e.g. 10.7,43.6,11.5,44.0' }),
  region: z
    .string()
    // Own keys only: `in` would also accept "__proto__" or "toString", which the engine cannot encode.
    .refine((r) => Object.hasOwn(REGIONS, r), { message: `must be a two-digit ISTAT region code, 01 to 20` })
    .optional()
    .meta({ description: 'ISTAT region code, e.g. 09 (Toscana)' }),
  province: z
    .string()
    .transform((p) => p.toUpperCase())
    .refine((p) => PROVINCE_SIGLE.has(p), { message: 'must be an Italian province sigla, e.g. FI' })
    .optional()
    .meta({ description: 'Province sigla, e.g. FI' }),
  comune: z
    .string()
    // Province part and serial part both start at 001: "000000" is no comune, and the engine
    // reads a code of 0 as "no comune filter", so it must not get through as one.
    .regex(/^(?!000)\d{3}(?!000)\d{3}$/, 'must be a six-digit ISTAT comune code')
    .optional()
    .meta({ description: 'ISTAT comune code, e.g. 048017 (Firenze)' }),
  service: commaList(SERVICES, 'service').optional().meta({ description: 'Comma list, all required, e.g. formazione_gruppo' }),
  topic: commaList(TOPICS, 'topic').optional().meta({ description: 'Comma list, all required, e.g. spid,cie' }),
  open_now: booleanFlag.optional().meta({ description: 'true: only active points with a site open now (Europe/Rome); false: no constraint (the same as leaving it out)' }),
  // RFC 3339 allows a lowercase t and z; ISO 8601 and zod want them uppercase.
  open_at: z
    .preprocess((value) => (typeof value === 'string' ? value.toUpperCase() : value), z.iso.datetime({ offset: true, error: (issue) => openAtProblem(issue.input) }))
    .transform((s) => new Date(s))
    .optional()
    .meta({ description: 'Only active points with a site open at this instant' }),
  kind: commaList(SITE_KINDS, 'kind').optional().meta({ description: 'Comma list, any of, e.g. mobile' }),
  accessible: booleanFlag.optional().meta({ description: 'true: only step-free sites; false: no constraint (the same as leaving it out)' }),
  status: commaList(POINT_STATUSES, 'status')
    .optional()
    .meta({ description: 'Comma list, any of, e.g. active,suspended; default active only (suspended and closed points are hidden unless asked for)' }),
  q: SEARCH_TEXT.optional().meta({ description: 'Free text over name, operator, address and comune, e.g. biblioteca' }),
  cursor: cursorParameter('The opaque next_cursor of the previous page'),
}

/** The area filters, as /v1/places also takes them: a search box that offers only the comuni of a region's, a province's or a comune's widget. */
export const AREA_PARAMETERS = { region: filterFields.region, province: filterFields.province, comune: filterFields.comune }

function checkCombinations(q: { radius_km?: number; near?: unknown; kind?: readonly string[]; open_now?: boolean; open_at?: Date; region?: string; province?: string; comune?: string }, ctx: z.RefinementCtx): void {
  checkArea(q, ctx)
  if (q.radius_km !== undefined && q.near === undefined) {
    ctx.addIssue({ code: 'custom', path: ['radius_km'], message: 'needs near=LAT,LON' })
  } else if (q.radius_km !== undefined && asksOnlineOnly(q.kind)) {
    ctx.addIssue({ code: 'custom', path: ['radius_km'], message: 'does not apply to kind=online alone: online help has no place to measure to' })
  }
  // open_now=false sets no constraint, so it goes with open_at.
  if (q.open_now === true && q.open_at !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['open_at'], message: 'give open_now or open_at, not both' })
  }
}

export const PointsQuerySchema = z
  .object({
    ...filterFields,
    limit: limitParameter(POINTS_PAGE.maxRows, POINTS_PAGE.defaultRows, 'Points per page'),
    view: z
      .enum(['full', 'compact'], { error: 'must be full or compact' })
      .optional()
      .meta({ description: 'compact (addition): each item only what a list shows — id, name, comune, distance, the matched site and place, open now, next opening, location (CompactPoint). Default full' }),
  })
  .strict()
  .superRefine(checkCombinations)
export type PointsQuery = z.infer<typeof PointsQuerySchema>

/**
 * Pages of `/v1/points.csv` and `.geojson`: at most `maxRows` rows (one per site), and never more
 * than `maxBytes` of rows, so a page always fits one Lambda response (6 MB after base64).
 */
export const EXPORT_PAGE = { defaultRows: 1000, maxRows: 5000, maxBytes: 4 * 1024 * 1024 } as const

export const ExportQuerySchema = z
  .object({ ...filterFields, limit: limitParameter(EXPORT_PAGE.maxRows, EXPORT_PAGE.defaultRows, 'Rows (sites) per page') })
  .strict()
  .superRefine(checkCombinations)
export type ExportQuery = z.infer<typeof ExportQuerySchema>
