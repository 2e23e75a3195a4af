import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileFilter } from '../../../shared/filters/compile-filter.ts'
import { OpenVerdict } from '../../../shared/geo/open-week.ts'
import { siteAtPlace, type PlaceRole } from '../../../shared/geo/site-places.ts'
import { buildSnapshot, type Snapshot } from '../../../shared/geo/snapshot.ts'
import { isOpenAt } from '../../../shared/hours/open-at.ts'
import type { PointRecord } from '../../../shared/schemas/point.ts'
import { generateRegistry } from './fixtures.ts'

/**
 * Issue 12: "open at" decided from typed arrays (the place's week, its closures' window, the
 * holiday flag) must equal `isOpenAt` on the record, for every place and every instant tried;
 * where the arrays cannot tell, they must say so rather than guess.
 */
const TODAY = '2026-12-04'
const generated = generateRegistry({ points: 1500, seed: 7, today: TODAY })
const template = generated.find((p) => p.status === 'active' && p.sites[0]!.kind === 'fixed')!
/** Hours off the quarter hours, a site open on public holidays, and closures around the holidays. */
const handMade: PointRecord[] = [
  { ...template, id: 'zz-odd-minutes', sites: [{ id: 's1', kind: 'fixed', label: 'Sede', address: null, location: { lat: 43.1, lon: 12.4 }, opening_hours: { mo: [{ start: '09:10', end: '12:50' }], tu: [{ start: '08:05', end: '08:20' }], sa: [{ start: '23:50', end: '24:00' }] } }] },
  { ...template, id: 'zz-open-on-holidays', sites: [{ id: 's1', kind: 'fixed', label: 'Sede', address: null, location: { lat: 43.2, lon: 12.5 }, public_holidays: 'open', opening_hours: { tu: [{ start: '09:00', end: '13:00' }], fr: [{ start: '09:00', end: '13:00' }] } }] },
  { ...template, id: 'zz-christmas-closure', sites: [{ id: 's1', kind: 'fixed', label: 'Sede', address: null, location: { lat: 43.3, lon: 12.6 }, closures: [{ from: '2026-12-24', to: '2026-12-27' }, { from: '2027-01-05', to: '2027-01-06' }], opening_hours: { mo: [{ start: '09:00', end: '18:00' }], th: [{ start: '09:00', end: '18:00' }], sa: [{ start: '09:00', end: '12:00' }] } }] },
]
const snapshot = buildSnapshot([...generated, ...handMade], { registryVersion: 1, builtAt: new Date(`${TODAY}T10:00:00+01:00`) })

function truthAt(s: Snapshot, at: Date, place: number): boolean {
  const t = s.tables
  // The site's hours, whatever the point's status: what the engine's record check asks.
  const point = s.records.get(t.placePoint[place]!)
  const site = point.sites[t.placeSite[place]! - t.pointFirstSite[t.placePoint[place]!]!]!
  const slot = 2 * t.placeSlot[place]!
  const location = { lon: t.index.coords[slot]!, lat: t.index.coords[slot + 1]! }
  return isOpenAt(at)(siteAtPlace(site, { role: t.placeRole[place] as PlaceRole, location }))
}

/** Every place's verdict at `at` against the truth: mismatches, and how many the arrays decided. */
function compare(at: Date): { mismatches: string[]; decided: number } {
  const filter = compileFilter(snapshot, { openAt: at })
  const mismatches: string[] = []
  let decided = 0
  for (let e = 0; e < snapshot.placeCount; e++) {
    const verdict = filter.openVerdict(e)
    if (verdict === OpenVerdict.undecided) continue
    decided++
    if ((verdict === OpenVerdict.open) !== truthAt(snapshot, at, e)) mismatches.push(`${snapshot.ids.get(snapshot.tables.placePoint[e]!)} place ${e} at ${at.toISOString()}: ${verdict}`)
  }
  return { mismatches, decided }
}

describe('open at, from the week table', () => {
  it('equals isOpenAt for every place at any minute of eight weeks around today, holidays and the DST change included', () => {
    let decidedTotal = 0
    let runs = 0
    fc.assert(
      fc.property(fc.integer({ min: -28 * 1440, max: 28 * 1440 }), (minuteOffset) => {
        const { mismatches, decided } = compare(new Date(Date.parse(`${TODAY}T00:00:00+01:00`) + minuteOffset * 60_000))
        decidedTotal += decided
        runs++
        expect(mismatches).toEqual([])
      }),
      { numRuns: 60, seed: 12 },
    )
    // Not vacuous: most places are decided without their record.
    expect(decidedTotal / (runs * snapshot.placeCount)).toBeGreaterThan(0.5)
  })

  it('decides the instants where the rules differ: public holidays, inside and beside closures, minutes off the quarter hours, both sides of the clock change', () => {
    const instants = [
      '2026-12-08T10:00:00+01:00', // Immacolata, a Tuesday
      '2026-12-25T11:00:00+01:00', // Christmas, a Friday, inside a closure
      '2026-12-28T10:00:00+01:00', // the Monday after the closure
      '2027-01-06T10:00:00+01:00', // Epiphany, inside the second closure
      '2026-12-07T09:09:00+01:00', '2026-12-07T09:10:00+01:00', '2026-12-07T12:49:00+01:00', '2026-12-07T12:50:00+01:00',
      '2026-12-08T08:04:00+01:00', '2026-12-08T08:05:00+01:00', '2026-12-12T23:59:00+01:00',
      '2027-03-28T01:59:00+01:00', '2027-03-28T03:00:00+02:00', '2027-10-31T02:30:00+02:00', '2027-10-31T02:30:00+01:00',
    ]
    for (const instant of instants) expect(compare(new Date(instant)).mismatches, instant).toEqual([])
    // The hand-made cases are decided where they can be, and left to the record where they cannot.
    const place = (id: string) => snapshot.tables.placePoint.indexOf(snapshot.pointIds.indexOf(id))
    const verdict = (id: string, at: string) => compileFilter(snapshot, { openAt: new Date(at) }).openVerdict(place(id))
    expect(verdict('zz-open-on-holidays', '2026-12-08T10:00:00+01:00')).toBe(OpenVerdict.open)
    expect(verdict('zz-odd-minutes', '2026-12-07T10:00:00+01:00')).toBe(OpenVerdict.open)
    expect(verdict('zz-odd-minutes', '2026-12-07T09:12:00+01:00')).toBe(OpenVerdict.undecided)
    expect(verdict('zz-christmas-closure', '2026-12-28T10:00:00+01:00')).toBe(OpenVerdict.undecided) // inside the closures' window
    expect(verdict('zz-christmas-closure', '2027-01-07T10:00:00+01:00')).toBe(OpenVerdict.open)
  })
})
