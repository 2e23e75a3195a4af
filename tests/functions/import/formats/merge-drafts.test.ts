import { describe, expect, it } from 'vitest'
import { mergeDrafts } from '../../../../functions/import/formats/merge-drafts.ts'
import { validateDraft } from '../../../../functions/import/formats/validate-draft.ts'
import type { PointDraft, Site } from '../../../../shared/schemas/point.ts'

const site = (id: string): Site => ({ id, kind: 'fixed', label: id, address: null, location: { lat: 41.1, lon: 16.8 } })
const draft = (overrides: Partial<PointDraft>): PointDraft => ({
  id: 'test-p1', name: 'P1', status: 'active', operator: { name: 'Comune di Bari', type: 'comune' },
  region: { istat: '16', name: 'Puglia' }, province: 'BA', comune: { istat: '072006', name: 'Bari' }, country: 'IT',
  address: { street: null, postcode: null }, sites: [site('a')], services: ['assistenza_individuale'], topics: ['spid'],
  booking: 'both', booking_url: null, contacts: { phone: null, email: null, website: null }, languages: ['it'],
  accessibility: { step_free: null, notes: null }, source: { dataset: 'test', original_id: 'P1' }, last_verified_at: null,
  ...overrides,
})

describe('mergeDrafts', () => {
  it('appends the second draft\'s sites and keeps the first draft\'s point fields', () => {
    const merged = mergeDrafts(draft({}), draft({ name: 'Other name', sites: [site('b')] }))
    expect(merged.sites.map((s) => s.id)).toEqual(['a', 'b'])
    expect(merged.name).toBe('P1')
  })

  it('unites services, topics and languages without duplicates', () => {
    const merged = mergeDrafts(draft({}), draft({ sites: [site('b')], services: ['assistenza_individuale', 'formazione_gruppo'], topics: ['spid', 'cie'], languages: ['it', 'de'] }))
    expect(merged).toMatchObject({ services: ['assistenza_individuale', 'formazione_gruppo'], topics: ['spid', 'cie'], languages: ['it', 'de'] })
  })

  it('refuses to merge two different points', () => {
    expect(() => mergeDrafts(draft({}), draft({ id: 'test-p2' }))).toThrow('mergeDrafts: cannot merge point test-p2 into test-p1')
  })

  it('leaves a duplicate site id for validation to report', () => {
    const merged = mergeDrafts(draft({}), draft({}))
    expect(validateDraft(merged)).toEqual({ ok: false, errors: [{ field: 'sites.1.id', message: 'valore non valido / invalid value: duplicate site id a' }] })
  })
})
