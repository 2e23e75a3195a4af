import { REGIONS } from '../../shared/gazetteer/admin-units.ts'
import type { Gazetteer } from '../../shared/gazetteer/create-gazetteer.ts'
import { normalizeName } from '../../shared/gazetteer/normalize-name.ts'
import type { Location } from '../../shared/schemas/hours.ts'
import type { PointDraft, PointRecord } from '../../shared/schemas/point.ts'
import type { FieldError } from './problem.ts'
import { isPhoneNumber } from '../../shared/text/phone-number.ts'
import { kmFarFromComune } from '../../shared/gazetteer/position-in-area.ts'

/**
 * How far past the nearest comune's centre a place may be and still count as in that comune's
 * neighbours' regions. The gazetteer knows comuni by their centres only, and a large comune's
 * edge is 10–15 km from its centre (Gubbio, Città di Castello): a site near a border is taken as
 * in either region, one deep inside another region is not.
 */
export const BORDER_SLACK_KM = 12

/**
 * What a written Italian point says of its comune, checked against the ISTAT comuni (the schema
 * has already checked that region, province and comune agree by their codes): the code names a
 * comune, and the name is that comune's, so the public pages and the comune filter show it where
 * it is. A foreign point (no region) names no ISTAT comune.
 */
export function comuneProblems(draft: PointDraft, gazetteer: Gazetteer): FieldError[] {
  if (draft.region === null) return []
  const problems: FieldError[] = []
  const code = draft.comune.istat
  const comune = code === null ? undefined : gazetteer.byIstat(code)
  if (code === null) problems.push({ field: 'comune.istat', message: 'an Italian point names the ISTAT code of its comune' })
  else if (!comune) problems.push({ field: 'comune.istat', message: 'is not the ISTAT code of a comune' })
  else if (![comune.name, comune.altName].some((name) => name !== null && normalizeName(name) === normalizeName(draft.comune.name))) {
    problems.push({ field: 'comune.name', message: `is not the name of comune ${code} (${comune.name})` })
  }
  if (REGIONS[draft.region.istat] === undefined) problems.push({ field: 'region.istat', message: 'is not an ISTAT region code (01–20)' })
  else if (draft.region.name !== REGIONS[draft.region.istat]) problems.push({ field: 'region.name', message: `must be "${REGIONS[draft.region.istat]}" for region ${draft.region.istat}` })
  draft.sites.forEach((site, i) => {
    const siteCode = site.comune?.istat
    if (siteCode && !gazetteer.byIstat(siteCode)) problems.push({ field: `sites.${i}.comune.istat`, message: 'is not the ISTAT code of a comune' })
  })
  return problems
}

/**
 * The places of a point (its sites, a van's stops) that this write puts where its author does not
 * reach: new or moved places only, so a place a national admin set across a border stays when a
 * region editor changes the hours. Each is named with the regions it lies in.
 */
export function placesOutsideReach(draft: PointDraft, stored: PointRecord | null, reached: ReadonlySet<string> | 'all', gazetteer: Gazetteer): FieldError[] {
  // A point abroad is no excuse: every new place of it must lie where its author reaches.
  if (reached === 'all') return []
  const known = new Set(stored ? placesOf(stored).map(({ location }) => keyOf(location)) : [])
  const outside: FieldError[] = []
  for (const { field, location } of placesOf(draft)) {
    if (known.has(keyOf(location))) continue
    const regions = new Set(gazetteer.comuniNear(location.lat, location.lon, BORDER_SLACK_KM).map((comune) => comune.regionIstat))
    if (![...regions].some((r) => reached.has(r))) outside.push({ field, message: `(${location.lat}, ${location.lon}) lies in ${[...regions].map((r) => `region ${r} (${REGIONS[r] ?? r})`).join(' or ')}, outside the regions you edit` })
  }
  return outside
}

/**
 * A phone a citizen can call: "chiamare il comune" was stored, shown as a tel: link that dials
 * nothing, and emptied by the next import. A new or changed one only: a point stored with an old
 * text must still be closed or verified. `phone` as sent (a body the schema refused is checked too).
 */
export function newPhoneProblem(phone: unknown, stored: PointRecord | null): FieldError | null {
  if (typeof phone !== 'string' || phone === stored?.contacts.phone || isPhoneNumber(phone)) return null
  return { field: 'contacts.phone', message: 'must be a phone number: digits with spaces, dots or dashes, optionally +39 first (6 to 15 digits), e.g. 075 577 0005' }
}

/**
 * What this write adds or changes that no one would mean: a stop dated before today (never shown,
 * it vanished from view without a word), and a site placed far from the comune it is in (its own
 * comune, else the point's: a site moved to Terni while still in Perugia). What is kept as stored
 * is left alone: a stop that has since passed stays. (A phone that is no number: newPhoneProblem.)
 */
export function slipsInWrite(draft: PointDraft, stored: PointRecord | null, gazetteer: Gazetteer, today: string): FieldError[] {
  const problems: FieldError[] = []
  const storedSites = new Map((stored?.sites ?? []).map((site) => [site.id, site]))
  draft.sites.forEach((site, i) => {
    const before = storedSites.get(site.id)
    const storedStops = new Set((before?.stops ?? []).map((stop) => JSON.stringify([stop.date, stop.start, stop.place.location])))
    site.stops?.forEach((stop, j) => {
      if (stop.date < today && !storedStops.has(JSON.stringify([stop.date, stop.start, stop.place.location]))) {
        problems.push({ field: `sites.${i}.stops.${j}.date`, message: `${stop.date} is before today (${today}): a stop in the past is never shown; correct the date or remove the stop` })
      }
    })
    if (!site.location || (before?.location && keyOf(before.location) === keyOf(site.location))) return
    const comune = gazetteer.byIstat(site.comune?.istat ?? draft.comune.istat ?? '')
    if (!comune) return
    const km = kmFarFromComune(comune, site.location)
    if (km !== null) problems.push({ field: `sites.${i}.location`, message: `is ${km} km from ${comune.name} (${comune.province}), the comune this site is in: check the coordinates, or give the site its own comune (sites.${i}.comune)` })
  })
  return problems
}

function placesOf(point: Pick<PointDraft, 'sites'>): Array<{ field: string; location: Location }> {
  return point.sites.flatMap((site, i) => [
    ...(site.location ? [{ field: `sites.${i}.location`, location: site.location }] : []),
    ...(site.stops ?? []).map((stop, j) => ({ field: `sites.${i}.stops.${j}.place.location`, location: stop.place.location })),
  ])
}

const keyOf = (l: Location) => `${l.lat},${l.lon}`
