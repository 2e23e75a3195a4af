import { describe, expect, it } from 'vitest'
import { changedFields, classifyChange } from '../../../shared/registry/point-changes.ts'
import { samplePoint } from '../../support/sample-point.ts'

describe('changedFields', () => {
  it('names the top-level fields whose content differs, bookkeeping aside', () => {
    const before = { ...samplePoint('pv-changes'), version: 2, updated_at: '2026-11-01T08:00:00.000Z' }
    expect(changedFields(before, { ...before, name: 'Altro nome', version: 3 })).toEqual(['name'])
    expect(classifyChange(before, { ...before, last_verified_at: '2026-12-01T10:00:00+01:00' })).toBe('verified')
  })

  it('takes an optional field absent and the same field null as the same (a download imported back is no change)', () => {
    const { description: _absent, ...without } = samplePoint('pv-changes')
    expect(changedFields(without, { ...without, description: null })).toEqual([])
    expect(changedFields(without, { ...without, description: 'Nuova descrizione' })).toEqual(['description'])
  })
})
