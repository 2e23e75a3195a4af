import { describe, expect, it } from 'vitest'
import { threeWayMerge } from '../../../shared/registry/three-way-merge.ts'
import { samplePoint } from '../../support/sample-point.ts'

describe('threeWayMerge', () => {
  const base = samplePoint('merge-1', {
    contacts: { phone: '075 000 0001', email: 'vecchia@example.org', website: null },
    sites: [
      { ...samplePoint('x').sites[0]!, id: 's1', label: 'Biblioteca', opening_hours: { mo: [{ start: '09:00', end: '12:00' }] } },
      { ...samplePoint('x').sites[0]!, id: 's2', label: 'URP', opening_hours: { we: [{ start: '15:00', end: '18:00' }] } },
    ],
  })

  it("keeps both operators' changes inside one field: my phone and their e-mail, my Monday on one site and their Saturday on another", () => {
    const mine = structuredClone(base)
    mine.contacts.phone = '075 100 0001'
    mine.sites[0]!.opening_hours!.mo = [{ start: '09:00', end: '12:00' }, { start: '15:00', end: '17:00' }]
    const theirs = structuredClone(base)
    theirs.contacts.email = 'nuova@example.org'
    theirs.sites[1]!.opening_hours!.sa = [{ start: '09:00', end: '12:00' }]
    const { merged, conflicts } = threeWayMerge(base, mine, theirs)
    expect(conflicts).toEqual([])
    expect(merged.contacts).toEqual({ phone: '075 100 0001', email: 'nuova@example.org', website: null })
    expect(merged.sites[0]!.opening_hours).toEqual(mine.sites[0]!.opening_hours)
    expect(merged.sites[1]!.opening_hours).toEqual(theirs.sites[1]!.opening_hours)
  })

  it('names the values both changed differently and keeps mine there; a change both made alike is no conflict', () => {
    const mine = structuredClone(base)
    mine.contacts.email = 'mia@example.org'
    mine.name = 'Nome nuovo'
    const theirs = structuredClone(base)
    theirs.contacts.email = 'loro@example.org'
    theirs.name = 'Nome nuovo'
    const { merged, conflicts } = threeWayMerge(base, mine, theirs)
    expect(conflicts).toEqual(['contacts.email'])
    expect(merged.contacts.email).toBe('mia@example.org')
    expect(merged.name).toBe('Nome nuovo')
  })

  it('matches sites by id: a site they added stays, a site I removed goes, and one they changed meanwhile is named as a conflict', () => {
    const added = { ...base.sites[0]!, id: 's3', label: 'Centro sociale' }
    const mine = structuredClone(base)
    mine.sites = [mine.sites[0]!] // I remove s2
    const theirs = structuredClone(base)
    theirs.sites.push(added)
    expect(threeWayMerge(base, mine, theirs).merged.sites.map((s) => s.id)).toEqual(['s1', 's3'])
    const theirsChangedS2 = structuredClone(base)
    theirsChangedS2.sites[1]!.label = 'URP rinnovato'
    const { merged, conflicts } = threeWayMerge(base, mine, theirsChangedS2)
    expect(conflicts).toEqual(['sites.s2'])
    expect(merged.sites.map((s) => s.id)).toEqual(['s1'])
  })
})
