import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { contentPointId, pointId } from '../../../../functions/import/formats/point-id.ts'
import { slugify } from '../../../../shared/util/slugify.ts'
import { PointDraftSchema } from '../../../../shared/schemas/point.ts'

const ID_RULE = PointDraftSchema.shape.id

describe('pointId', () => {
  it('joins the source and a slug of the original id', () => {
    expect(pointId('puglia', '5447245')).toBe('puglia-5447245')
    expect(pointId('Regione Toscana', 'PT/001 – Sède')).toBe('regione-toscana-pt-001-sede')
  })

  it('cuts a long id to 120 characters and ends it with a hash, so long ids sharing a start stay distinct', () => {
    const long = 'x'.repeat(200)
    const a = pointId('fr', `${long}-a`)
    const b = pointId('fr', `${long}-b`)
    expect(a.length).toBeLessThanOrEqual(120)
    expect(a).not.toBe(b)
    expect(a).toBe(pointId('fr', `${long}-a`))
  })

  it('hashes an id that has no letters or digits', () => {
    expect(pointId('fr', '***')).toMatch(/^fr-[0-9a-f]{12}$/)
  })

  it('always produces an id the registry accepts', () => {
    fc.assert(
      fc.property(fc.constantFrom('puglia', 'fr', 'regione-esempio'), fc.string({ minLength: 1, maxLength: 300 }), (source, original) => {
        expect(ID_RULE.safeParse(pointId(source, original)).success).toBe(true)
      }),
    )
  })
})

describe('contentPointId', () => {
  it('ignores case, accents and spacing in the parts', () => {
    expect(contentPointId('puglia', ['URP Città', '072006'])).toBe(contentPointId('puglia', [' urp  citta ', '072006']))
    expect(contentPointId('puglia', ['URP', '072006'])).not.toBe(contentPointId('puglia', ['URP', '072007']))
  })
})

describe('slugify', () => {
  it('keeps lowercase letters, digits and single inner hyphens', () => {
    expect(slugify('  Sede n° 3 — Bari!  ')).toBe('sede-n-3-bari')
  })
})
