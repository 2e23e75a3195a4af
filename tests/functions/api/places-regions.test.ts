import { describe, expect, it } from 'vitest'
import { REGIONS } from '../../../shared/gazetteer/admin-units.ts'
import { createApiFixture } from './support/app-fixture.ts'

const fixture = createApiFixture()
const { records } = fixture

interface Place {
  istat: string
  name: string
  alt_name: string | null
  province: string
  region: { istat: string; name: string }
  lat: number
  lon: number
  population: number
}

const places = async (query: string) => (await fixture.getJson<{ items: Place[] }>(`/v1/places?${query}`)).items

async function expectBadParameter(query: string, field: string): Promise<void> {
  const response = await fixture.get(`/v1/places?${query}`)
  expect(response.status).toBe(400)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect((await response.json()).errors.map((e: { field: string }) => e.field)).toContain(field)
}

describe('GET /v1/places', () => {
  it('offers only the comuni of an area with region or province (a widget filtered to Toscana suggested Perugia)', async () => {
    expect((await places('q=san&limit=50')).some((p) => p.region.istat !== '09')).toBe(true)
    const tuscan = await places('q=san&limit=50&region=09')
    expect(tuscan.length).toBeGreaterThan(10)
    expect(tuscan.every((p) => p.region.istat === '09')).toBe(true)
    expect((await places('q=san&province=fi&limit=50')).every((p) => p.province === 'FI')).toBe(true)
    // Nothing of that name in the area: no suggestion from elsewhere, and no near miss from elsewhere either.
    const perugia = await fixture.getJson('/v1/places?q=Perugia&region=09')
    expect(perugia.items).toEqual([])
    expect(perugia.did_you_mean).toEqual([])
    // …and it says the name is a comune elsewhere, not an unknown one.
    expect(perugia.outside_area).toBe(true)
    expect((await fixture.getJson('/v1/places?q=Atlantide&region=09')).outside_area).toBeUndefined()
    // The start of a name is no comune: "Mila" is not said to be a comune outside the area.
    expect((await fixture.getJson('/v1/places?q=Mila&region=09')).outside_area).toBeUndefined()
    expect((await fixture.getJson('/v1/places?q=milano&region=09')).outside_area).toBe(true)
    // A CAP of another region finds nothing in this one, and says it is outside the area, not unknown.
    const perugiaCap = await fixture.getJson('/v1/places?q=06125&region=09')
    expect(perugiaCap.items).toEqual([])
    expect(perugiaCap.postcode).toEqual({ code: '06125', exact: false, outside_area: true })
    expect((await fixture.getJson('/v1/places?q=99999&region=09')).postcode).toEqual({ code: '99999', exact: false })
    expect((await places('q=06125&region=10')).map((p) => p.name)).toEqual(['Perugia'])
    // A comune's widget offers that comune only: Terni is outside, not a place to search from.
    expect((await places('q=per&comune=054039')).map((p) => p.name)).toEqual(['Perugia'])
    const terni = await fixture.getJson('/v1/places?q=Terni&comune=054039')
    expect([terni.items, terni.outside_area]).toEqual([[], true])
    await expectBadParameter('q=terni&comune=048017&region=10', 'comune')
    await expectBadParameter('q=san&region=21', 'region')
  })

  it('offers the names a typo away when nothing starts with what was typed, and picks none itself', async () => {
    const page = await fixture.getJson('/v1/places?q=Peruga')
    expect(page.items).toEqual([])
    expect(page.did_you_mean[0]).toMatchObject({ name: 'Perugia', province: 'PG' })
    expect((await fixture.getJson('/v1/places?q=Perugia')).did_you_mean).toBeUndefined()
  })

  it('finds comuni by CAP: all that share it, or the city of its postal zone, saying which', async () => {
    const shared = await fixture.getJson('/v1/places?q=10060&limit=50')
    expect(shared.postcode).toEqual({ code: '10060', exact: true })
    expect(shared.items.length).toBeGreaterThan(10)
    const zone = await fixture.getJson('/v1/places?q=06125')
    expect(zone.postcode).toEqual({ code: '06125', exact: false })
    expect(zone.items.map((p: { name: string }) => p.name)).toEqual(['Perugia'])
    expect((await fixture.getJson('/v1/places?q=99999')).items).toEqual([])
  })

  it('finds a comune by its six-digit ISTAT code, the code a widget is filtered by, and says when it lies outside the area asked', async () => {
    const bevagna = await fixture.getJson('/v1/places?q=054004')
    expect(bevagna.items).toMatchObject([{ istat: '054004', name: 'Bevagna', province: 'PG' }])
    expect((await fixture.getJson('/v1/places?q=054004&region=10')).items.map((p: { name: string }) => p.name)).toEqual(['Bevagna'])
    const elsewhere = await fixture.getJson('/v1/places?q=054004&region=09')
    expect(elsewhere).toMatchObject({ items: [], outside_area: true })
    expect((await fixture.getJson('/v1/places?q=999999')).items).toEqual([])
  })

  it('finds Bolzano by its German name Bozen', async () => {
    const [first] = await places('q=Bozen')
    expect(first).toMatchObject({ istat: '021008', name: 'Bolzano', alt_name: 'Bozen', province: 'BZ' })
  })

  it('tells the two Reggio apart by province, most populous first', async () => {
    const items = await places('q=reggio&limit=10')
    const reggio = items.filter((p) => /^Reggio\b/.test(p.name))
    expect(reggio.map((p) => p.province).sort()).toEqual(['RC', 'RE'])
    const populations = items.map((p) => p.population)
    expect(populations).toEqual([...populations].sort((a, b) => b - a))
  })

  it('matches a prefix without regard to accents or case, with the documented fields', async () => {
    const [forli] = await places('q=FORLI')
    expect(forli).toMatchObject({ name: 'Forlì', province: 'FC', region: { istat: '08' } })
    expect(forli!.lat).toBeGreaterThan(44)
    expect(forli!.population).toBeGreaterThan(100_000)
    expect(await places('q=forl%C3%AC')).toEqual(await places('q=forli'))
  })

  it('returns at most limit items, 10 by default, for limits from 1 to 50', async () => {
    expect(await places('q=san')).toHaveLength(10)
    expect(await places('q=san&limit=1')).toHaveLength(1)
    expect(await places('q=san&limit=50')).toHaveLength(50)
  })

  it.each([['limit=0', 'limit'], ['limit=51', 'limit'], ['limit=2.5', 'limit'], ['limit=dieci', 'limit'], ['', 'q'], ['limit=5', 'q'], ['q=', 'q'], ['q=%20', 'q'], ['q=roma&province=XX', 'province'], ['q=roma&comune=58091', 'comune'], ['q=%25', 'q'], ['q=fir&region=08&province=FI', 'province']])(
    'rejects "%s" with a 400 naming %s',
    async (query, field) => {
      await expectBadParameter(query, field)
    },
  )
})

describe('GET /v1/regions', () => {
  interface Region {
    istat: string
    name: string
    active_points: number
    sites: number
    pnrr_target: { points: number; citizens: number; services: number | null } | null
  }

  it('lists the 20 regions with the PNRR targets known from their plans and null elsewhere', async () => {
    const { items } = await fixture.getJson<{ items: Region[] }>('/v1/regions')
    expect(items).toHaveLength(20)
    expect(items.map((r) => r.istat)).toEqual(Object.keys(REGIONS).sort()) // by code, 01 first
    const byName = new Map(items.map((r) => [r.name, r]))
    // Each known target names the plan it comes from (issue 13).
    expect(byName.get('Piemonte')!.pnrr_target).toEqual({ points: 199, citizens: 160_000, services: 240_000, source: expect.stringContaining('Regione Piemonte') })
    expect(byName.get('Toscana')!.pnrr_target).toEqual({ points: 169, citizens: 136_000, services: 204_000, source: expect.stringContaining('Regione Toscana') })
    expect(byName.get('Umbria')!.pnrr_target).toEqual({ points: 42, citizens: 33_000, services: 49_500, source: expect.stringContaining('Regione Umbria') })
    expect(items.filter((r) => r.pnrr_target === null)).toHaveLength(17)
  })

  it('puts the residents reached within 10 km beside the citizens target, as /v1/coverage counts them', async () => {
    const body = await fixture.getJson<{ items: Array<Region & { residents: number; residents_within_10km: number }>; national: { residents: number; residents_within_10km: number } }>('/v1/regions')
    for (const region of body.items) {
      const coverage = await fixture.getJson<{ residents: number; within_km: Record<string, { residents: number }> }>(`/v1/coverage?region=${region.istat}`)
      expect(region.residents, region.name).toBe(coverage.residents)
      expect(region.residents_within_10km, region.name).toBe(coverage.within_km['10']!.residents)
    }
    expect(body.national.residents).toBe(body.items.reduce((n, r) => n + r.residents, 0))
  })

  it("counts each region's active points and their sites as the snapshot holds them", async () => {
    const body = await fixture.getJson<{ items: Region[]; national: { active_points: number; pnrr_target: { points: number; citizens: number } } }>('/v1/regions')
    for (const region of body.items) {
      const active = records.filter((p) => p.status === 'active' && p.region?.istat === region.istat)
      expect(region.active_points, region.name).toBe(active.length)
      expect(region.sites, region.name).toBe(active.reduce((n, p) => n + p.sites.length, 0))
    }
    expect(body.national.active_points).toBe(records.filter((p) => p.status === 'active' && p.region).length)
    expect(body.national.pnrr_target).toEqual({ points: 3000, citizens: 2_000_000, source: expect.stringContaining('1.7.2') })
  })
})
