import { describe, expect, it } from 'vitest'
import { presentPoint } from '../../../functions/api/present-point.ts'
import { buildPoint, buildSite } from '../../shared/hours/hours-fixtures.ts'
import { createApiFixture } from './support/app-fixture.ts'

const NOVEMBER = new Date('2026-11-24T10:00:00+01:00')

describe('presentPoint', () => {
  it('names the season of a seasonal site in both hours texts', () => {
    const desk = buildSite({ id: 'estate', kind: 'seasonal', label: 'Sportello estivo', valid_from: '--06-15', valid_to: '--09-15', opening_hours: { tu: [{ start: '17:00', end: '20:00' }] } })
    const view = presentPoint(buildPoint([desk]), NOVEMBER)
    expect(view.opening_hours_text).toBe('dal 15 giu al 15 set: mar 17:00–20:00')
    expect(view.opening_hours_text_en).toBe('15 Jun to 15 Sep: Tue 17:00–20:00')
    expect(view.open_now).toBe(false)
  })

  it('lists the next sessions of a van that only has a weekly round, two weeks ahead', () => {
    const van = buildSite({ id: 'van', kind: 'mobile', label: 'Unità mobile a Vinci', opening_hours: { th: [{ start: '15:00', end: '18:00' }] } })
    const view = presentPoint(buildPoint([van]), NOVEMBER)
    expect(view.next_stops.map((s) => `${s.date} ${s.start}`)).toEqual(['2026-11-26 15:00', '2026-12-03 15:00'])
  })

  it('writes its data-quality notes in Italian and English, quoting the published hours', () => {
    const unread = buildSite({ label: 'URP', opening_hours_source: 'Lun-Ven dalle 9:00 alle 13:00 Mar e Gio dalle 14:00 alle 16:', opening_hours_unparsed: true })
    const [note] = presentPoint(buildPoint([unread]), NOVEMBER).data_quality
    expect(note).toEqual({
      code: 'hours_unparsed',
      message: 'orari non interpretabili, riportati come pubblicati: «Lun-Ven dalle 9:00 alle 13:00 Mar e Gio dalle 14:00 alle 16:»',
      message_en: 'hours could not be read and are given as published: «Lun-Ven dalle 9:00 alle 13:00 Mar e Gio dalle 14:00 alle 16:»',
    })
  })
})

describe('presentPoint without any hours', () => {
  it('says so in a data-quality note rather than leaving the reader to infer "closed"', () => {
    const view = presentPoint(buildPoint([buildSite({ label: 'Sede' })]), NOVEMBER)
    expect(view.data_quality).toEqual([{ code: 'no_hours', message: 'orari non indicati: contattare il punto', message_en: 'no hours given: contact the point' }])
    expect(view.opening_hours_text).toBe('orari non indicati')
  })
})

describe('error messages of /v1/points', () => {
  const fixture = createApiFixture()
  it('says what a malformed value should be, and that a parameter sent twice must be given once', async () => {
    const problemOf = async (path: string) => (await (await fixture.get(path)).json()) as { errors: unknown[] }
    const limit = await problemOf('/v1/points?limit=abc')
    expect(limit.errors).toEqual([{ field: 'limit', message: 'must be a whole number from 1 to 100' }])
    const twice = await problemOf('/v1/points?near=43.7,11.2&near=45.4,9.1')
    expect(twice.errors).toEqual([{ field: 'near', message: 'must be given once' }])
  })

  it('refuses a comune code of the right shape that names no comune, in the list and the exports, rather than answer "nothing here"', async () => {
    for (const path of ['/v1/points', '/v1/points.csv', '/v1/points.geojson']) {
      const response = await fixture.get(`${path}?comune=048099`)
      expect(response.status, path).toBe(400)
      expect(((await response.json()) as { errors: unknown[] }).errors).toEqual([{ field: 'comune', message: 'names no comune: give the six-digit ISTAT code of a current comune, e.g. 048017 (Firenze)' }])
    }
    expect((await fixture.get('/v1/points?comune=048017')).status).toBe(200)
  })

  it('refuses an area that contradicts itself (a province of another region, a comune of another province) rather than answer nothing', async () => {
    const errorsOf = async (path: string) => {
      const response = await fixture.get(path)
      expect(response.status, path).toBe(400)
      return ((await response.json()) as { errors: unknown[] }).errors
    }
    expect(await errorsOf('/v1/points?region=08&province=FI')).toEqual([{ field: 'province', message: 'is not a province of region 08 (Emilia-Romagna)' }])
    expect(await errorsOf('/v1/points.csv?comune=048017&province=PG')).toEqual([{ field: 'comune', message: 'is not a comune of province PG' }])
    expect(await errorsOf('/v1/points?comune=048017&region=10')).toEqual([{ field: 'comune', message: 'is not a comune of region 10 (Umbria)' }])
    expect((await fixture.get('/v1/points?region=09&province=FI&comune=048017')).status).toBe(200)
  })

  it('hides suspended and closed points unless status asks for them', async () => {
    const active = await fixture.getJson<{ items: Array<{ status: string }> }>('/v1/points?region=01&limit=100')
    expect(new Set(active.items.map((p) => p.status))).toEqual(new Set(['active']))
    const all = await fixture.getJson<{ items: Array<{ status: string }> }>('/v1/points?region=01&status=suspended,closed&limit=100')
    expect(all.items.length).toBeGreaterThan(0)
    expect(all.items.every((p) => p.status !== 'active')).toBe(true)
  })

  it('never calls a suspended or closed point open: not through open_now or open_at, nor through the site it names', async () => {
    type Item = { id: string; status: string; open_now: boolean; next_stops: unknown[]; site?: { open_now: boolean; closes_at: string | null; next_opening: string | null }; matched_place?: { next_session: unknown } }
    // Tuesday 10:30, when most points are open: the ones not active are open at no instant.
    const inactive = '&status=suspended,closed&limit=100'
    for (const when of ['open_now=true', `open_at=${encodeURIComponent('2026-11-04T10:30:00+01:00')}`]) {
      expect((await fixture.getJson<{ items: Item[] }>(`/v1/points?${when}${inactive}`)).items).toEqual([])
      const all = await fixture.getJson<{ items: Item[] }>(`/v1/points?${when}&status=active,suspended,closed&limit=100`)
      expect(new Set(all.items.map((p) => p.status))).toEqual(new Set(['active']))
      expect((await (await fixture.get(`/v1/points.csv?${when}${inactive}`)).text()).trim().split('\n')).toHaveLength(1)
    }
    // Named with near, a closed point's site has its hours but no opening: as the point, and as its calendar.
    const near = await fixture.getJson<{ items: Item[] }>(`/v1/points?near=43.77,11.25${inactive}`)
    expect(near.items.length).toBeGreaterThan(0)
    for (const item of near.items) {
      expect({ ...item.site, id: item.id, matched: item.matched_place?.next_session ?? null, stops: item.next_stops }).toMatchObject({ id: item.id, open_now: false, closes_at: null, next_opening: null, matched: null, stops: [] })
    }
  })
})
