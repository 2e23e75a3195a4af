import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { haystackMatches, normalizeText, textQueryNeedles, writePointHaystack } from '../../../shared/filters/text-query.ts'
import { normalizeName } from '../../../shared/gazetteer/normalize-name.ts'
import { Utf8ColumnBuilder } from '../../../shared/geo/utf8-column.ts'
import { generateRegistry } from '../geo/fixtures.ts'

const text = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom("Sant'Agata de' Goti", 'SANT AGATA-DE-GOTI', 'Caffè  Digitale', 'Bolzano/Bozen', 'Via dell’Università 12', ' --x-- '),
)

describe('normalizeText', () => {
  it('gives the same words as normalizeName for any text, ASCII shortcut or not', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(normalizeText(t)).toBe(normalizeName(t))
      }),
      { numRuns: 500 },
    )
  })
})

describe('writePointHaystack and haystackMatches', () => {
  const generated = generateRegistry({ points: 200, seed: 5, today: '2026-11-20' })
  // A point of a bilingual comune, whose name in the second language is searched too.
  const points = [...generated, { ...generated[0]!, id: 'p-dobbiaco', comune: { istat: '021028', name: 'Dobbiaco', alt_name: 'Toblach' } }]
  const builder = new Utf8ColumnBuilder(points.length, 8)
  for (const point of points) writePointHaystack(point, builder, new Map())
  const haystacks = builder.finish()

  it("writes each part normalised with a leading space, skipping a missing street, with the comune's name in its second language where it has one", () => {
    points.forEach((point, i) => {
      const parts = [point.name, point.operator.name, point.address.street ?? '', point.comune.name, point.comune.alt_name ?? ''].map(normalizeName).filter((p) => p !== '')
      expect(haystacks.get(i)).toBe(parts.map((p) => ' ' + p).join(''))
    })
  })

  it('matches when every query word starts a word of the haystack, like a string search on it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: points.length - 1 }), fc.constantFrom('bibl', 'caffe digitale', 'universita', 'via garib', 'roma', 'ncora', 'forli', 'bozen'), (i, q) => {
        const expected = normalizeName(q).split(' ').every((word) => haystacks.get(i).includes(' ' + word))
        expect(haystackMatches(haystacks, i, textQueryNeedles(q))).toBe(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('has no needles for a blank query', () => {
    expect(textQueryNeedles(' ’ - ')).toEqual([])
  })
})
