import { describe, expect, it } from 'vitest'
import { CompactPointSchema, type CompactPoint, type PointView } from '../../../shared/schemas/point-view.ts'
import { createApiFixture } from './support/app-fixture.ts'

/** Issue 12's compact list (`view=compact`): what a list shows, the same answers as the full view, in fewer bytes. */
const fixture = createApiFixture()

describe('GET /v1/points?view=compact', () => {
  it('answers the same points, in the same order, with the same list facts as the full view, valid against CompactPoint', async () => {
    for (const query of ['near=43.111,12.389&service=formazione_gruppo&limit=10', 'near=45.07,7.686&open_now=true&limit=10', 'region=10&limit=25', 'near=41.9,12.49&kind=mobile&limit=5']) {
      const full = await fixture.getJson<{ items: PointView[] }>(`/v1/points?${query}`)
      const compact = await fixture.getJson<{ items: CompactPoint[] }>(`/v1/points?${query}&view=compact`)
      expect(compact.items.map((p) => p.id), query).toEqual(full.items.map((p) => p.id))
      compact.items.forEach((item, i) => {
        CompactPointSchema.parse(item)
        const whole = full.items[i]!
        expect(item).toEqual({
          id: whole.id,
          name: whole.name,
          status: whole.status,
          comune: { istat: whole.comune.istat, name: whole.comune.name },
          location: whole.location,
          open_now: whole.open_now,
          closes_at: whole.closes_at,
          next_opening: whole.next_opening,
          ...(whole.distance_m !== undefined ? { distance_m: whole.distance_m } : {}),
          ...(whole.site ? { site: { id: whole.site.id, label: whole.site.label, kind: whole.site.kind, open_now: whole.site.open_now, closes_at: whole.site.closes_at, next_opening: whole.site.next_opening } } : {}),
          ...(whole.matched_place ? { matched_place: whole.matched_place } : {}),
        })
      })
    }
  })

  it('is several times smaller, pages on with either view, and refuses an unknown view', async () => {
    const full = await (await fixture.get('/v1/points?near=43.111,12.389&limit=10')).text()
    const compact = await (await fixture.get('/v1/points?near=43.111,12.389&limit=10&view=compact')).text()
    expect(compact.length * 4).toBeLessThan(full.length)
    const first = await fixture.getJson<{ items: CompactPoint[]; next_cursor: string }>('/v1/points?region=09&limit=5&view=compact')
    const second = await fixture.getJson<{ items: CompactPoint[] }>(`/v1/points?region=09&limit=5&view=compact&cursor=${encodeURIComponent(first.next_cursor)}`)
    expect(second.items[0]!.id > first.items.at(-1)!.id).toBe(true)
    // The walk is the filters': the full view continues where the compact one stopped.
    const full2 = await fixture.getJson<{ items: CompactPoint[] }>(`/v1/points?region=09&limit=5&cursor=${encodeURIComponent(first.next_cursor)}`)
    expect(full2.items.map((p) => p.id)).toEqual(second.items.map((p) => p.id))
    const bad = await fixture.get('/v1/points?region=09&view=short')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe('view')
  })
})
