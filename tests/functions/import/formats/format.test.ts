import { describe, expect, it } from 'vitest'
import { FORMATS, detectFormat } from '../../../../functions/import/formats/format.ts'
import { docsPath, fixturePath, rowsOf } from './fixture-rows.ts'

describe('detectFormat', () => {
  it.each([
    ['it_puglia_punti_facilitazione_sample3.csv', 'puglia'],
    ['fr_lieux_mediation_numerique_hinaura_ara.json', 'fr-standard'],
    ['fr_lieux_mediation_numerique_charente.json', 'fr-standard'],
    ['fr_schema_lieux_mediation_numerique_exemple.csv', 'fr-standard'],
  ])('detects %s as %s', async (file, format) => {
    const { header } = await rowsOf(fixturePath(file))
    expect(detectFormat(header)?.format.name).toBe(format)
  })

  it('detects our example template as the template', async () => {
    const { header } = await rowsOf(docsPath('examples/template-esempio.csv'))
    expect(detectFormat(header)?.format.name).toBe('template')
  })

  it('claims no header that none of the formats has', () => {
    expect(detectFormat(['name', 'lat', 'lon'])).toBeUndefined()
    expect(detectFormat([])).toBeUndefined()
  })

  it('has exactly one format claiming each known header', async () => {
    for (const path of [fixturePath('it_puglia_punti_facilitazione_sample3.csv'), fixturePath('fr_lieux_mediation_numerique_charente.json'), docsPath('examples/template-esempio.csv')]) {
      const { header } = await rowsOf(path)
      expect(FORMATS.filter((f) => f.detect(header))).toHaveLength(1)
    }
  })
})
