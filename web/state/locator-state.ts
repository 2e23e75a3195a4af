import { areaContradictions, PROVINCE_SIGLE, REGIONS } from '../../shared/gazetteer/admin-units.ts'
import { minutesOfDay, POINT_ID_PATTERN, SERVICES, SITE_KINDS, timeOfDay, TOPICS } from '../../shared/vocabulary.ts'
import { romeInstant, toRomeWallClock } from '../../shared/hours/rome-time.ts'
import { toRomeIso } from '../../shared/util/rome-iso.ts'
import type { Service, SiteKind, Topic } from '../../shared/schemas/point.ts'
import { DEFAULT_LANG, readLang, type Lang } from '../../shared/i18n/langs.ts'
import { roundPosition, type LatLon } from './round-position.ts'

/**
 * Everything that defines a view of the locator, so a link reproduces it. The URL uses the
 * API's own parameter names (`near`, `service`, `open_now`, …, see `PointsQuerySchema`) plus
 * three of the page's: `place` (the label of where `near` came from), `point` (the open detail)
 * and `lang`.
 *
 * A hand-edited or stale link must still open a working page, so parsing is lenient: a value
 * the API would reject is dropped, never forwarded (the API answers 400 to bad values).
 */
export interface LocatorState {
  readonly near: LatLon | null
  readonly place: string | null
  readonly region: string | null
  readonly province: string | null
  readonly comune: string | null
  readonly q: string | null
  readonly service: readonly Service[]
  readonly topic: readonly Topic[]
  readonly kind: readonly SiteKind[]
  readonly open_now: boolean
  /**
   * "Open when I can go": a day and time on Rome's clock, `YYYY-MM-DDTHH:MM`, as the page's
   * address keeps it (the API gets the instant with that day's offset). Null with `open_now`.
   */
  readonly open_at: string | null
  readonly accessible: boolean
  readonly point: string | null
  readonly lang: Lang
}

/**
 * `place` when `near` came from the device's geolocation: a marker, not a label, so the view (and
 * a shared link) reads right in every language; only the display translates it.
 */
export const HERE_PLACE = '@here'

export const EMPTY_STATE: LocatorState = {
  near: null,
  place: null,
  region: null,
  province: null,
  comune: null,
  q: null,
  service: [],
  topic: [],
  kind: [],
  open_now: false,
  open_at: null,
  accessible: false,
  point: null,
  lang: DEFAULT_LANG,
}

function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return []
  const items = raw.split(',').map((s) => s.trim()).filter((s): s is T => (allowed as readonly string[]).includes(s))
  return [...new Set(items)]
}

function parseNear(raw: string | null): LatLon | null {
  if (!raw) return null
  const parts = raw.split(',')
  if (parts.length !== 2 || parts.some((p) => p.trim() === '')) return null
  const [lat, lon] = parts.map(Number) as [number, number]
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return null
  // A shared link may carry more precision than this page ever sends: round it here too.
  return roundPosition({ lat, lon })
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/
const INSTANT_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/

/**
 * A link's `open_at`: Rome's wall clock as this page writes it, or an instant with its offset as
 * the API takes it (read as Rome's clock). Null for anything else, a 30 February or a 25:00.
 */
function parseOpenAt(raw: string | null): string | null {
  if (!raw) return null
  const wall = WALL_CLOCK.exec(raw)
  if (wall) {
    const [, year, month, day, hours, minutes] = wall.map(Number) as [number, number, number, number, number, number]
    const date = new Date(Date.UTC(year, month - 1, day))
    const realDay = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    return realDay && hours < 24 && minutes < 60 ? raw : null
  }
  if (!INSTANT_WITH_OFFSET.test(raw)) return null
  const at = new Date(raw)
  if (Number.isNaN(at.getTime())) return null
  const clock = toRomeWallClock(at)
  return `${clock.date}T${timeOfDay(clock.minutes)}`
}

/** How long after its time a chosen "open at" still means something: a link opened a little late. */
const PAST_OPEN_AT_GRACE_MS = 60 * 60_000

/**
 * The state without an "open at" already past (a link shared last week): the page asks for
 * points open when the citizen can go, which is never yesterday. Kept up to an hour late.
 */
export function withoutPastOpenAt(state: LocatorState, now: Date): LocatorState {
  if (!state.open_at) return state
  return openAtDate(state.open_at).getTime() + PAST_OPEN_AT_GRACE_MS < now.getTime() ? { ...state, open_at: null } : state
}

/** The moment a Rome wall-clock `open_at` names (the first, on the night the clocks go back). */
export const openAtDate = (openAt: string): Date => romeInstant(openAt.slice(0, 10), minutesOfDay(openAt.slice(11)))

/** The instant of a Rome wall-clock `open_at`, with that day's offset, as the API takes it. */
export const openAtInstant = (openAt: string): string => toRomeIso(openAtDate(openAt))

const text = (raw: string | null, max: number): string | null => {
  const trimmed = raw?.trim() ?? ''
  return trimmed.length > 0 ? trimmed.slice(0, max) : null
}

/** The view described by a URL's query string; `defaults` fill what the URL leaves out (a widget's prefilters). */
export function parseLocatorState(params: URLSearchParams, defaults: Partial<LocatorState> = {}): LocatorState {
  const base = { ...EMPTY_STATE, ...defaults }
  const region = params.get('region')
  const province = params.get('province')?.toUpperCase() ?? null
  const comune = params.get('comune')
  const point = params.get('point')
  const lang = params.get('lang')
  const has = (name: string) => params.has(name)
  const openNow = has('open_now') ? params.get('open_now') === 'true' : base.open_now
  const area = {
    region: region !== null ? (region in REGIONS ? region : null) : base.region,
    province: province !== null ? (PROVINCE_SIGLE.has(province) ? province : null) : base.province,
    comune: comune !== null ? (/^\d{6}$/.test(comune) ? comune : null) : base.comune,
  }
  // A province of another region, a comune of another province: the API refuses such an area, so the narrower part is dropped (and reported to an embed's webmaster).
  for (let found = areaContradictions(area); found.length > 0; found = areaContradictions(area)) area[found[0]!.field] = null
  return {
    near: has('near') ? parseNear(params.get('near')) : base.near,
    place: has('place') ? text(params.get('place'), 120) : base.place,
    ...area,
    q: has('q') ? text(params.get('q'), 100) : base.q,
    service: has('service') ? listOf(params.get('service'), SERVICES) : base.service,
    topic: has('topic') ? listOf(params.get('topic'), TOPICS) : base.topic,
    kind: has('kind') ? listOf(params.get('kind'), SITE_KINDS) : base.kind,
    open_now: openNow,
    // The API takes one of the two, and this page never writes both: a hand-made link with both gets "open now".
    open_at: openNow ? null : has('open_at') ? parseOpenAt(params.get('open_at')) : base.open_at,
    accessible: has('accessible') ? params.get('accessible') === 'true' : base.accessible,
    point: point !== null ? (POINT_ID_PATTERN.test(point) ? point : null) : base.point,
    lang: readLang(lang) ?? base.lang,
  }
}

/** The filters as the API's query string (without paging): what `/v1/points` receives. */
export function toPointsQuery(state: LocatorState): URLSearchParams {
  const query = new URLSearchParams()
  if (state.near) query.set('near', `${state.near.lat},${state.near.lon}`)
  if (state.region) query.set('region', state.region)
  if (state.province) query.set('province', state.province)
  if (state.comune) query.set('comune', state.comune)
  if (state.q) query.set('q', state.q)
  if (state.service.length > 0) query.set('service', state.service.join(','))
  if (state.topic.length > 0) query.set('topic', state.topic.join(','))
  if (state.kind.length > 0) query.set('kind', state.kind.join(','))
  if (state.open_now) query.set('open_now', 'true')
  else if (state.open_at) query.set('open_at', openAtInstant(state.open_at))
  if (state.accessible) query.set('accessible', 'true')
  return query
}

/** The page's own query string: the API filters plus place, point and a non-default language. */
export function serializeLocatorState(state: LocatorState): URLSearchParams {
  const params = toPointsQuery(state)
  // Rome's clock as the citizen chose it, which reads the same whatever the season.
  if (params.has('open_at')) params.set('open_at', state.open_at!)
  if (state.place) params.set('place', state.place)
  if (state.point) params.set('point', state.point)
  if (state.lang !== DEFAULT_LANG) params.set('lang', state.lang)
  return params
}

/** True when the state asks for something the list can answer (a place, a prefilter or a search). */
export const hasSearch = (state: LocatorState): boolean =>
  state.near !== null || state.region !== null || state.province !== null || state.comune !== null || state.q !== null

