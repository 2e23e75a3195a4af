import { describe, expect, it } from 'vitest'
import { SiteSchema } from '../../../shared/schemas/point.ts'

const site = {
  id: 'sede',
  kind: 'fixed',
  label: 'Biblioteca comunale',
  address: { street: 'Via Roma 1', postcode: '50100' },
  location: { lat: 43.7696, lon: 11.2558 },
  opening_hours: { mo: [{ start: '09:00', end: '13:00' }] },
}

const issues = (value: unknown) => SiteSchema.safeParse(value).error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) ?? []

describe('SiteSchema', () => {
  it('accepts public_holidays closed or open, and its absence (closed by default)', () => {
    expect(SiteSchema.parse({ ...site, public_holidays: 'open' }).public_holidays).toBe('open')
    expect(SiteSchema.parse({ ...site, public_holidays: 'closed' }).public_holidays).toBe('closed')
    expect(SiteSchema.parse(site).public_holidays).toBeUndefined()
  })

  it('rejects any other public_holidays value, naming the field', () => {
    expect(issues({ ...site, public_holidays: 'sometimes' }).map((i) => i.path)).toEqual(['public_holidays'])
  })

  it('accepts a season whose bounds are both dates or both recurring month-days', () => {
    expect(issues({ ...site, kind: 'seasonal', valid_from: '2026-06-15', valid_to: '2026-09-15' })).toEqual([])
    expect(issues({ ...site, kind: 'seasonal', valid_from: '--12-01', valid_to: '--02-28' })).toEqual([])
  })

  it('rejects a season mixing a date and a recurring month-day, naming valid_to', () => {
    const expected = [{ path: 'valid_to', message: 'valid_to must have the same form as valid_from: both dates YYYY-MM-DD or both recurring --MM-DD' }]
    expect(issues({ ...site, kind: 'seasonal', valid_from: '2026-06-15', valid_to: '--09-15' })).toEqual(expected)
    expect(issues({ ...site, kind: 'seasonal', valid_from: '--06-15', valid_to: '2026-09-15' })).toEqual(expected)
  })

  it('names only the bound that is no date when one is mistyped, not the other one too (the console showed three errors, two on the field left alone)', async () => {
    expect(issues({ ...site, kind: 'seasonal', valid_from: '1 giugno', valid_to: '--09-15' }).map((i) => i.path)).toEqual(['valid_from'])
    const { PointDraftSchema } = await import('../../../shared/schemas/point.ts')
    const { samplePoint } = await import('../../support/sample-point.ts')
    const point = samplePoint('stagione', { sites: [{ ...samplePoint('x').sites[0]!, kind: 'seasonal', valid_from: '1 giugno', valid_to: '2026-09-15' }] })
    expect(PointDraftSchema.safeParse(point).error?.issues.map((i) => i.path.join('.'))).toEqual(['sites.0.valid_from'])
  })

})

describe('links a point gives citizens', () => {
  // A `javascript:` address stored as a website or booking link would run on a click: inside the
  // widget, on the host's page, whatever its CSP. Only web addresses are links a citizen follows.
  it('are web addresses only: website and booking_url refuse javascript:, data: and other schemes, naming the field', async () => {
    const { ContactsSchema, PointRecordSchema } = await import('../../../shared/schemas/point.ts')
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'file:///etc/passwd']) {
      const contacts = ContactsSchema.safeParse({ phone: null, email: null, website: bad })
      expect(contacts.success, bad).toBe(false)
      expect(contacts.error?.issues[0]?.path, bad).toEqual(['website'])
      expect(PointRecordSchema.shape.booking_url.safeParse(bad).success, bad).toBe(false)
    }
    expect(ContactsSchema.safeParse({ phone: null, email: null, website: 'https://www.comune.perugia.it/facilitazione' }).success).toBe(true)
    expect(PointRecordSchema.shape.booking_url.safeParse('http://prenota.example.it/punto?x=1').success).toBe(true)
  })
})

describe("a point's area", () => {
  // A point is found by its comune, listed under its region's editors and shown on the comune's
  // page: a region, province and comune that disagree put it where its region cannot see it.
  const draftIssues = async (overrides: Record<string, unknown>) => {
    const { PointDraftSchema } = await import('../../../shared/schemas/point.ts')
    const { samplePoint } = await import('../../support/sample-point.ts')
    return PointDraftSchema.safeParse({ ...samplePoint('area-case'), ...overrides }).error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) ?? []
  }

  it('is refused when its comune is not in its region or province, naming the field', async () => {
    expect(await draftIssues({ region: { istat: '10', name: 'Umbria' }, province: 'PG' })).toEqual([{ path: 'comune.istat', message: 'is not a comune of province PG' }])
    expect(await draftIssues({ region: { istat: '10', name: 'Umbria' }, province: null })).toEqual([{ path: 'comune.istat', message: 'is not a comune of region 10 (Umbria)' }])
    expect(await draftIssues({ region: { istat: '10', name: 'Umbria' } })).toEqual([
      { path: 'province', message: 'is not a province of region 10 (Umbria)' },
      { path: 'comune.istat', message: 'is not a comune of region 10 (Umbria)' },
    ])
  })

  it('is accepted when region, province and comune agree, and for points outside Italy', async () => {
    expect(await draftIssues({})).toEqual([])
    expect(await draftIssues({ region: { istat: '10', name: 'Umbria' }, province: 'PG', comune: { istat: '054039', name: 'Perugia' } })).toEqual([])
    expect(await draftIssues({ region: null, province: null, country: 'FR', comune: { istat: null, name: 'Lyon', code: '69123' } })).toEqual([])
  })
})

describe('what validation keeps', () => {
  // The write API refuses any field validation drops (unknownFields): every field of every demo
  // point, vans, seasons, closures and all, must come through the schema as sent.
  it('is every field of every demo point', async () => {
    const { PointDraftSchema } = await import('../../../shared/schemas/point.ts')
    const { unknownFields } = await import('../../../shared/util/unknown-fields.ts')
    const { generateDemoRegistry } = await import('../../../functions/demo/generate-demo-registry.ts')
    const { loadComuni } = await import('../../../functions/gazetteer/load-comuni.ts')
    const drafts = generateDemoRegistry(loadComuni())
    expect(drafts.length).toBeGreaterThan(2_000)
    expect(drafts.flatMap((draft) => unknownFields(draft, PointDraftSchema.parse(draft)).map((field) => `${draft.id}: ${field}`))).toEqual([])
  })
})

describe("a written point's weekly hours", () => {
  // Stored as sent, Monday showed three slots for four hours: 09:00–13:00 twice and 10:00–11:00.
  it('are refused where two slots of one day overlap, naming the later slot', async () => {
    const { PointDraftSchema } = await import('../../../shared/schemas/point.ts')
    const { samplePoint } = await import('../../support/sample-point.ts')
    const point = samplePoint('slots')
    const withMonday = (mo: Array<{ start: string; end: string }>) => ({ ...point, sites: [{ ...point.sites[0]!, opening_hours: { mo } }] })
    const issues = (mo: Array<{ start: string; end: string }>) => PointDraftSchema.safeParse(withMonday(mo)).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []
    expect(issues([{ start: '09:00', end: '13:00' }, { start: '09:00', end: '13:00' }, { start: '10:00', end: '11:00' }])).toEqual([
      'sites.0.opening_hours.mo.1: overlaps 09:00–13:00 on the same day',
      'sites.0.opening_hours.mo.2: overlaps 09:00–13:00 on the same day',
    ])
    expect(issues([{ start: '15:00', end: '18:00' }, { start: '09:00', end: '13:00' }])).toEqual([])
    expect(issues([{ start: '09:00', end: '12:00' }, { start: '12:00', end: '13:00' }])).toEqual([])
  })
})

describe("a written point's seasons", () => {
  it('are refused with dated bounds the wrong way round (never open), naming valid_to; a stored one is still read, and a recurring season may wrap the new year', async () => {
    const { PointDraftSchema, PointRecordSchema } = await import('../../../shared/schemas/point.ts')
    const { samplePoint } = await import('../../support/sample-point.ts')
    const point = samplePoint('seasons')
    const withSeason = (valid_from: string, valid_to: string) => ({ ...point, sites: [{ ...point.sites[0]!, kind: 'seasonal' as const, valid_from, valid_to }] })
    const issues = (from: string, to: string) => PointDraftSchema.safeParse(withSeason(from, to)).error?.issues.map((i) => i.path.join('.')) ?? []
    expect(issues('2026-09-15', '2026-06-15')).toEqual(['sites.0.valid_to'])
    expect(issues('2026-06-15', '2026-06-15')).toEqual([])
    expect(issues('--09-15', '--06-15')).toEqual([])
    // Stored before the rule: served as it is, not dropped from the answers with the whole point.
    expect(PointRecordSchema.safeParse({ ...withSeason('2026-09-15', '2026-06-15'), version: 1, updated_at: '2026-12-01T10:00:00+01:00' }).success).toBe(true)
  })
})
