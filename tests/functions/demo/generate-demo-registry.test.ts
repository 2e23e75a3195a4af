import { beforeAll, describe, expect, it } from 'vitest'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { distanceKm } from '../../../functions/demo/demo-geography.ts'
import {
  DEMO_DESCRIPTION,
  DEMO_NOTICE,
  generateDemoRegistry,
  type DemoPointDraft,
} from '../../../functions/demo/generate-demo-registry.ts'
import { TOURIST_COMUNI_ISTAT } from '../../../functions/demo/tourist-comuni.ts'
import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import { hoursPerWeek } from '../../../shared/hours/hours-per-week.ts'
import { isItalianPublicHoliday } from '../../../shared/hours/holidays.ts'
import { siteIntervalsOn } from '../../../shared/hours/open-at.ts'
import { addDays, weekdayOf } from '../../../shared/hours/rome-time.ts'
import { PointDraftSchema, PointRecordSchema, type Site } from '../../../shared/schemas/point.ts'

const NOW = new Date('2026-11-01T09:00:00+01:00')
let comuni: Comune[]
let byIstat: Map<string, Comune>
let registry: DemoPointDraft[]

beforeAll(() => {
  comuni = loadComuni()
  byIstat = new Map(comuni.map((c) => [c.istat, c]))
  registry = generateDemoRegistry(comuni, { now: NOW })
})

const comuneOf = (istat: string | null | undefined): Comune => {
  const c = byIstat.get(istat ?? '')
  if (!c) throw new Error(`comune ${istat} is not in the gazetteer`)
  return c
}
const share = (predicate: (p: DemoPointDraft) => boolean): number => registry.filter(predicate).length / registry.length
const hasKind = (kind: string) => (p: DemoPointDraft) => p.sites.some((s) => s.kind === kind)

describe('generateDemoRegistry', () => {
  it('gives byte-identical JSON for the same seed and a different registry for another seed', () => {
    const again = generateDemoRegistry(comuni, { now: NOW })
    expect(JSON.stringify(again)).toBe(JSON.stringify(registry))
    expect(JSON.stringify(generateDemoRegistry(comuni, { now: NOW, seed: 7 }))).not.toBe(JSON.stringify(registry))
  })

  it('gives Piemonte, Toscana and Umbria exactly their PNRR targets and 3,000 points in all', () => {
    const perRegion = (code: string): number => registry.filter((p) => p.region?.istat === code).length
    expect(perRegion('01')).toBe(199)
    expect(perRegion('09')).toBe(169)
    expect(perRegion('10')).toBe(42)
    expect(registry).toHaveLength(3000)
    for (const code of ['02', '03', '04', '05', '06', '07', '08', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20']) {
      expect(perRegion(code), `region ${code}`).toBeGreaterThan(0)
    }
    // Lombardia is ten million people, Molise three hundred thousand.
    expect(perRegion('03')).toBeGreaterThan(perRegion('14') * 20)
  })

  it('produces only drafts that the draft schema and, with a version, the record schema accept', () => {
    for (const draft of registry) {
      const asDraft = PointDraftSchema.safeParse(draft)
      expect(asDraft.success, `${draft.id}: ${asDraft.error?.message}`).toBe(true)
      const asRecord = PointRecordSchema.safeParse({ ...draft, version: 1 })
      expect(asRecord.success, `${draft.id}: ${asRecord.error?.message}`).toBe(true)
    }
  })

  it('uses unique ids shaped demo-<region>-<nnnn> and site ids <point id>-s<k>', () => {
    expect(new Set(registry.map((p) => p.id)).size).toBe(registry.length)
    for (const p of registry) {
      expect(p.id).toMatch(new RegExp(`^demo-${p.region?.istat}-\\d{4}$`))
      p.sites.forEach((s, k) => expect(s.id).toBe(`${p.id}-s${k + 1}`))
    }
  })

  it('places every point in a real comune whose region and province agree with the gazetteer', () => {
    for (const p of registry) {
      const c = comuneOf(p.comune.istat)
      expect(p.comune.name).toBe(c.name)
      expect(p.region).toEqual({ istat: c.regionIstat, name: c.regionName })
      expect(p.province).toBe(c.province)
      expect(p.address.postcode).toBe(c.postcode || null)
    }
  })

  it('keeps sites within 30 km of their comune and a van within 40 km of its base', () => {
    for (const p of registry) {
      const home = comuneOf(p.comune.istat)
      for (const s of p.sites) {
        if (s.kind === 'online') {
          expect(s.location).toBeUndefined()
          continue
        }
        const siteComune = comuneOf(s.comune?.istat ?? p.comune.istat)
        expect(siteComune.regionIstat).toBe(home.regionIstat)
        expect(distanceKm(s.location!, siteComune), s.id).toBeLessThanOrEqual(30)
        if (s.kind === 'mobile') {
          expect(distanceKm(s.location!, home), s.id).toBeLessThanOrEqual(40)
          for (const stop of s.stops ?? []) expect(distanceKm(stop.place.location, home), s.id).toBeLessThanOrEqual(40)
        }
      }
    }
  })

  it('has about 8% mobile, 5% seasonal and 5% online points, the rest fixed', () => {
    expect(share(hasKind('mobile'))).toBeGreaterThan(0.06)
    expect(share(hasKind('mobile'))).toBeLessThan(0.1)
    expect(share(hasKind('seasonal'))).toBeGreaterThan(0.03)
    expect(share(hasKind('seasonal'))).toBeLessThan(0.07)
    expect(share(hasKind('online'))).toBeGreaterThan(0.03)
    expect(share(hasKind('online'))).toBeLessThan(0.07)
    for (const p of registry) {
      expect(p.sites.length).toBeGreaterThanOrEqual(1)
      expect(p.sites.length).toBeLessThanOrEqual(6)
      expect(p.sites[0]?.kind === 'fixed' || p.sites[0]?.kind === 'mobile', p.id).toBe(true)
    }
    expect(share((p) => p.sites.length <= 2)).toBeGreaterThan(0.75)
  })

  it('sends each van to 3–6 different comuni with weekly half-days that never overlap', () => {
    for (const p of registry.filter(hasKind('mobile'))) {
      const vanSites = p.sites.filter((s) => s.kind === 'mobile')
      expect(vanSites.length).toBeGreaterThanOrEqual(3)
      expect(vanSites.length).toBeLessThanOrEqual(6)
      expect(new Set(vanSites.map((s) => s.comune?.istat)).size).toBe(vanSites.length)
      const halfDays = vanSites.flatMap((s) => Object.entries(s.opening_hours ?? {}).flatMap(([day, list]) => (list ?? []).map((i) => `${day} ${i.start}`)))
      expect(new Set(halfDays).size).toBe(halfDays.length)
    }
  })

  it('dates the vans’ extra stops in the six weeks after now, never on a Sunday or a public holiday', () => {
    const stops = registry.flatMap((p) => p.sites.flatMap((s) => s.stops ?? []))
    expect(stops.length).toBeGreaterThan(20)
    for (const stop of stops) {
      expect(stop.date > '2026-11-01' && stop.date <= addDays('2026-11-01', 42)).toBe(true)
      expect(weekdayOf(stop.date)).not.toBe('su')
      expect(isItalianPublicHoliday(stop.date), stop.date).toBe(false)
    }
  })

  it('opens summer desks from 15 June to 15 September in known resorts', () => {
    const seasonal = registry.flatMap((p) => p.sites.filter((s) => s.kind === 'seasonal'))
    for (const s of seasonal) {
      expect([s.valid_from, s.valid_to]).toEqual(['--06-15', '--09-15'])
      expect(TOURIST_COMUNI_ISTAT).toContain(s.comune?.istat)
    }
  })

  it('lists only resorts that exist in the gazetteer', () => {
    for (const istat of TOURIST_COMUNI_ISTAT) expect(byIstat.has(istat), istat).toBe(true)
  })

  it('opens about 24 hours a week on average, on the half hour, with a few points under 20', () => {
    const hours = registry.map((p) => hoursPerWeek(p))
    const average = hours.reduce((s, h) => s + h, 0) / hours.length
    expect(average).toBeGreaterThan(21)
    expect(average).toBeLessThan(27)
    const under20 = hours.filter((h) => h < 20).length / hours.length
    expect(under20).toBeGreaterThan(0.01)
    expect(under20).toBeLessThan(0.15)
    for (const s of registry.flatMap((p) => p.sites)) {
      for (const interval of Object.values(s.opening_hours ?? {}).flat()) {
        expect(interval?.start).toMatch(/:(00|30)$/)
        expect(interval?.end).toMatch(/:(00|30)$/)
      }
    }
  })

  it('leaves national holidays to the calendar rule: no site lists one as a closure', () => {
    for (const s of registry.flatMap((p) => p.sites)) {
      for (const c of s.closures ?? []) {
        if (c.reason === 'Chiusura estiva') {
          expect(c.from.slice(5, 7), s.id).toBe('08')
        } else {
          // A patron saint's day, one day long, never a national holiday (that would be a repeat).
          expect(c.to, s.id).toBe(c.from)
          expect(isItalianPublicHoliday(c.from), `${s.id} ${c.from}`).toBe(false)
        }
      }
    }
  })

  it('closes the sites on public holidays, except a few libraries and online helplines marked open', () => {
    const sites = registry.flatMap((p) => p.sites)
    const open = sites.filter((s) => s.public_holidays === 'open')
    expect(open.length).toBeGreaterThan(20)
    expect(open.length / sites.length).toBeLessThan(0.1)
    expect(sites.some((s) => s.public_holidays === 'closed')).toBe(false)
    for (const s of open) expect(s.kind === 'online' || (s.kind === 'fixed' && s.label.startsWith('Biblioteca')), s.id).toBe(true)
    // Christmas 2026 is a Friday: every desk that opens on Fridays is closed, unless marked open.
    const openOnFridays = sites.filter((s) => (s.opening_hours?.fr?.length ?? 0) > 0)
    const christmas = (s: Site) => siteIntervalsOn(s, '2026-12-25').length > 0
    expect(openOnFridays.filter((s) => s.public_holidays !== 'open').some(christmas)).toBe(false)
    expect(openOnFridays.filter((s) => s.public_holidays === 'open').every(christmas)).toBe(true)
  })

  it('keeps the local closures: the patron saint of the big cities and the libraries’ August break', () => {
    const florence = registry.flatMap((p) => p.sites).filter((s) => s.comune?.istat === '048017' && s.kind !== 'online')
    expect(florence.length).toBeGreaterThan(0)
    for (const s of florence) expect(s.closures?.map((c) => c.from)).toEqual(expect.arrayContaining(['2026-06-24', '2027-06-24']))
    expect(registry.some((p) => p.sites[0]?.closures?.some((c) => c.from.startsWith('2027-08') && c.to > addDays(c.from, 10)))).toBe(true)
  })

  it('reads the year in Rome, not in the process time zone', () => {
    // 00:30 on New Year's Day in Rome is still 31 December in New York, where the tests run.
    const newYear = generateDemoRegistry(comuni, { now: new Date('2027-01-01T00:30:00+01:00') })
    const closures = newYear.flatMap((p) => p.sites.flatMap((s) => s.closures ?? []))
    expect(closures.some((c) => c.from === '2028-06-24')).toBe(true)
    expect(closures.some((c) => c.from.startsWith('2026'))).toBe(false)
  })

  it('uses only visibly fake contacts on example.org', () => {
    for (const p of registry) {
      expect(p.contacts.email).toMatch(/@example\.org$/)
      expect(new URL(p.contacts.website ?? '').hostname).toMatch(/(^|\.)example\.org$/)
      expect(p.contacts.phone).toMatch(/^\+39 000 000 \d{4}$/)
      if (p.booking_url !== null) expect(new URL(p.booking_url).hostname).toBe('prenota.example.org')
    }
  })

  it('marks every point as generated demo data', () => {
    for (const p of registry) {
      expect(p.source).toEqual({ dataset: 'demo', original_id: p.id })
      expect(p.description?.startsWith(DEMO_DESCRIPTION)).toBe(true)
    }
    expect(DEMO_NOTICE).toMatch(/non sono reali/)
    expect(DEMO_NOTICE).toMatch(/not real/)
  })

  it('names Toscana points Punto Digitale Facile and Umbria points Digipass across its 12 social zones', () => {
    const toscana = registry.filter((p) => p.region?.istat === '09')
    expect(toscana.every((p) => p.name.startsWith('Punto Digitale Facile – '))).toBe(true)
    const umbria = registry.filter((p) => p.region?.istat === '10')
    expect(umbria.every((p) => p.name.startsWith('Digipass '))).toBe(true)
    const zones = new Set(umbria.map((p) => /Zona sociale (\d+)/.exec(p.operator.name)?.[1]))
    expect(zones.size).toBe(12)
  })

  it('speaks German in Alto Adige, French in Valle d’Aosta and always Italian', () => {
    expect(registry.every((p) => p.languages[0] === 'it')).toBe(true)
    const bz = registry.filter((p) => p.province === 'BZ')
    expect(bz.filter((p) => p.languages.includes('de')).length).toBeGreaterThan(bz.length * 0.8)
    const ao = registry.filter((p) => p.province === 'AO')
    expect(ao.some((p) => p.languages.includes('fr'))).toBe(true)
    expect(registry.filter((p) => p.languages.includes('de')).every((p) => p.province === 'BZ')).toBe(true)
  })

  it('offers individual help everywhere, 3–7 topics, and mostly active, step-free points', () => {
    for (const p of registry) {
      expect(p.services).toContain('assistenza_individuale')
      expect(p.topics.length).toBeGreaterThanOrEqual(3)
      expect(p.topics.length).toBeLessThanOrEqual(7)
      if (p.accessibility.step_free === false) expect(p.accessibility.notes).toBeTruthy()
    }
    expect(share((p) => p.status === 'active')).toBeGreaterThan(0.92)
    expect(share((p) => p.accessibility.step_free === true)).toBeGreaterThan(0.78)
    expect(share((p) => p.accessibility.step_free === true)).toBeLessThan(0.92)
    expect(share((p) => p.topics.includes('spid'))).toBeGreaterThan(share((p) => p.topics.includes('pec')))
  })

  it('puts verification and edit dates before now', () => {
    for (const p of registry) {
      expect(Date.parse(p.updated_at)).toBeLessThan(NOW.getTime())
      if (p.last_verified_at !== null) {
        expect(Date.parse(p.last_verified_at)).toBeLessThan(NOW.getTime())
        expect(Date.parse(p.updated_at)).toBeGreaterThanOrEqual(Date.parse(p.last_verified_at))
      }
    }
  })
})
