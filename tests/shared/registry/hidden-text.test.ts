import { describe, expect, it } from 'vitest'
import { hiddenTextProblems } from '../../../shared/registry/hidden-text.ts'
import { samplePoint } from '../../support/sample-point.ts'
import { validateDraft } from '../../../functions/import/formats/validate-draft.ts'

/**
 * Characters that change how text shows without being seen (a right-to-left override, a zero-width
 * space) were stored and published in names, labels and addresses: a name can then read as
 * another's on the pages, in a spreadsheet and in a calendar. Refused where a point is written.
 */
describe('hidden text in a point', () => {
  it('is named by field, for the API and for an import row alike', () => {
    const base = samplePoint('hidden')
    const draft = { ...base, name: 'Punto \u202Eocinav', sites: [{ ...base.sites[0]!, label: 'Sede\u200Bprincipale' }], operator: { ...base.operator, name: 'Comune\uFEFF' } }
    expect(hiddenTextProblems(draft).map((p) => p.field)).toEqual(['name', 'operator.name', 'sites.0.label'])
    expect(hiddenTextProblems(draft)[0]!.message).toMatch(/U\+202E/)
    expect(hiddenTextProblems(base)).toEqual([])
    const row = validateDraft(draft)
    expect(row.ok).toBe(false)
    expect(row.ok ? [] : row.errors.map((e) => e.field)).toEqual(['name', 'operator.name', 'sites.0.label'])
    // Every bidirectional control, left-to-right and right-to-left marks included; the description and notes are published too.
    expect(hiddenTextProblems({ ...base, name: 'A\u200Fb', description: 'x\u061Cy', accessibility: { ...base.accessibility, notes: 'n\u200En' } }).map((p) => p.field)).toEqual(['name', 'description', 'accessibility.notes'])
  })

  it('refuses only what a write brings: a point stored with one before this check can still be verified, closed or otherwise edited', () => {
    const base = samplePoint('hidden')
    const stored = { ...base, name: 'Punto\u200B vecchio' }
    expect(hiddenTextProblems({ ...stored, description: 'Nuova descrizione' }, stored)).toEqual([])
    expect(hiddenTextProblems({ ...stored, description: 'Nuova\u202E' }, stored).map((p) => p.field)).toEqual(['description'])
  })
})
