import { describe, expect, it } from 'vitest'
import { openingHint } from '../../../shared/geo/opening-hint.ts'
import { siteAtPlace, sitePlaces } from '../../../shared/geo/site-places.ts'
import { buildSnapshot, SnapshotWalk, type Snapshot } from '../../../shared/geo/snapshot.ts'
import { POINT_STATUSES, SITE_KINDS, type PointRecord, type Site } from '../../../shared/schemas/point.ts'
import { generateRegistry, shuffled } from './fixtures.ts'

const TODAY = '2026-11-20'
const BUILT_AT = new Date(`${TODAY}T10:00:00Z`)
const build = (records: readonly PointRecord[]) => buildSnapshot(records, { registryVersion: 1, builtAt: BUILT_AT })
const byId = (records: readonly PointRecord[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

/** Every table read back through the definitions (`sitePlaces`, `siteAtPlace`, `openingHint`), point by point. */
function layoutOf(s: Snapshot) {
  const t = s.tables
  return s.points.map((point, p) => ({
    id: s.ids.get(p),
    status: POINT_STATUSES[t.pointStatus[p]!],
    stepFree: t.pointStepFree[p],
    sites: Array.from({ length: t.pointFirstSite[p + 1]! - t.pointFirstSite[p]! }, (_, k) => {
      const g = t.pointFirstSite[p]! + k
      return {
        kind: SITE_KINDS[t.siteKind[g]!],
        places: Array.from({ length: t.siteFirstPlace[g + 1]! - t.siteFirstPlace[g]! }, (_, n) => {
          const e = t.siteFirstPlace[g]! + n
          const slot = t.placeSlot[e]!
          return { owner: [t.placePoint[e], t.placeSite[e]], role: t.placeRole[e], hint: t.placeOpenHint[e], lon: t.index.coords[2 * slot], lat: t.index.coords[2 * slot + 1] }
        }),
      }
    }),
  }))
}

/** What `layoutOf` must read, computed from the records with the plain definitions. */
function expectedLayout(records: readonly PointRecord[]) {
  let g = 0
  return byId(records).map((point, p) => ({
    id: point.id,
    status: point.status,
    stepFree: point.accessibility.step_free === true ? 1 : 0,
    sites: point.sites.map((site) => {
      const owner = [p, g++]
      return {
        kind: site.kind,
        places: sitePlaces(site, TODAY).map((place) => ({
          owner,
          role: place.role,
          hint: openingHint(siteAtPlace(site, place)),
          lon: place.location.lon,
          lat: place.location.lat,
        })),
      }
    }),
  }))
}


describe('buildSnapshot', () => {
  const records = generateRegistry({ points: 1500, seed: 5, today: TODAY })

  it('lays out points by id, their sites in order and each site’s places as sitePlaces lists them, hinted as the site at that place', () => {
    const s = build(records)
    expect([s.pointCount, s.siteCount, s.placeCount]).toEqual([
      records.length,
      records.reduce((n, r) => n + r.sites.length, 0),
      records.reduce((n, r) => n + r.sites.reduce((m, site) => m + sitePlaces(site, TODAY).length, 0), 0),
    ])
    expect(layoutOf(s)).toEqual(expectedLayout(records))
  })

  it('builds the same tables and ids whatever the order the records come in', () => {
    const reference = build(records)
    const other = build(shuffled(records, 9))
    expect(other.pointIds).toEqual(reference.pointIds)
    for (const name of Object.keys(reference.tables) as (keyof Snapshot['tables'])[]) {
      if (name === 'index') expect(new Uint8Array(other.tables.index.data)).toEqual(new Uint8Array(reference.tables.index.data))
      else expect(other.tables[name]).toEqual(reference.tables[name])
    }
  })

  it('grows past its first guess when a point has many sites and a van many stop places', () => {
    const [first] = records
    const van = (n: number): Site => ({
      id: `van${n}`, kind: 'mobile', label: 'Furgone', address: null, location: { lat: 43, lon: 11 },
      stops: Array.from({ length: 30 }, (_, k) => ({ date: TODAY, start: '09:00', end: '10:00', place: { label: `Piazza ${k}`, location: { lat: 43 + k / 100, lon: 11 + n / 100 } } })),
    })
    const crowded = [{ ...first!, sites: Array.from({ length: 40 }, (_, n) => van(n)) }]
    const s = build(crowded)
    expect([s.siteCount, s.placeCount]).toEqual([40, 1200])
    expect(layoutOf(s)).toEqual(expectedLayout(crowded))
  })

  it('orders ids that are not ASCII as JS compares strings', () => {
    const ids = ['pv-é', 'pv-z', 'pv-\u{1F600}', 'pv-\uFFFD', 'pv-a']
    const s = build(ids.map((id, i) => ({ ...records[i]!, id })))
    expect(s.pointIds).toEqual([...ids].sort())
    expect(layoutOf(s)).toEqual(expectedLayout(ids.map((id, i) => ({ ...records[i]!, id }))))
  })

  it('rejects a repeated id, naming it', () => {
    expect(() => build([...records.slice(0, 50), { ...records[7]!, name: 'Copia' }])).toThrow(`points: duplicate id ${records[7]!.id}`)
  })

  it('refuses a walk told its ids beforehand that is given more records, or fewer, than those ids', () => {
    const told = records.slice(0, 5)
    const overfed = new SnapshotWalk('2026-11-20', { ids: told.map((r) => r.id) })
    for (const record of told) overfed.add(record, 0)
    expect(() => overfed.add(records[5]!, 0)).toThrow('add: more than the 5 records whose ids were given')
    const underfed = new SnapshotWalk('2026-11-20', { ids: told.map((r) => r.id) })
    for (const record of told.slice(0, 4)) underfed.add(record, 0)
    expect(() => underfed.finish()).toThrow('finish: 4 records added, 5 ids given')
  })
})
