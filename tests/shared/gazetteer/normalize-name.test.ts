import { describe, expect, it } from 'vitest'
import { normalizeName } from '../../../shared/gazetteer/normalize-name.ts'

describe('normalizeName', () => {
  it('drops accents and case', () => {
    expect(normalizeName('Forlì')).toBe('forli')
    expect(normalizeName('CANTÙ')).toBe('cantu')
  })

  it('turns straight and typographic apostrophes and hyphens into single spaces', () => {
    expect(normalizeName("Sant'Agata de' Goti")).toBe('sant agata de goti')
    expect(normalizeName('Sant’Agata  de’ Goti')).toBe('sant agata de goti')
    expect(normalizeName('Castelbello-Ciardes')).toBe('castelbello ciardes')
  })

  it('trims and collapses surrounding punctuation and spaces', () => {
    expect(normalizeName('  St. Ulrich ')).toBe('st ulrich')
  })

  it('keeps letters that have no decomposition', () => {
    expect(normalizeName('Villnöß')).toBe('villnoß')
  })
})
