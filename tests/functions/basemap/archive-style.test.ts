import { createExpression, latest, validateStyleMin, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec'
import type { StyleSpecification } from 'maplibre-gl'
import { describe, expect, it } from 'vitest'
import { ARCHIVE_SOURCE, ITALIAN_FIRST_NAME, archiveLayers, archiveStyle, styleSourceLayers } from '../../../functions/basemap/archive-style.ts'
import { MAP_FONTS } from '../../../shared/map/map-fonts.ts'
import { builtinStyle } from '../../../web/map/builtin-style.ts'

/** The label a feature gets, as MapLibre evaluates the expression. */
function label(properties: Record<string, string>): string {
  const parsed = createExpression(ITALIAN_FIRST_NAME, 'text-field', latest.layout_symbol['text-field'] as unknown as StylePropertySpecification)
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value))
  const value = parsed.value.evaluate({ zoom: 12 } as never, { type: 'Point', properties } as never) as { sections: Array<{ text: string }> }
  return value.sections.map((s) => s.text).join('')
}

/** Every font a style's layers ask for, literal or inside an expression. */
function fontsOf(style: StyleSpecification): Set<string> {
  const fonts = new Set<string>()
  const walk = (value: unknown): void => {
    if (typeof value === 'string' && /Titillium|Noto/.test(value)) fonts.add(value)
    else if (Array.isArray(value)) value.forEach(walk)
    else if (value && typeof value === 'object') Object.values(value).forEach(walk)
  }
  for (const layer of style.layers) walk('layout' in layer ? layer.layout?.['text-font' as never] : undefined)
  for (const layer of style.layers) walk('layout' in layer ? layer.layout?.['text-field' as never] : undefined)
  return fonts
}

describe('the street style (Protomaps layers, our theme)', () => {
  const style = archiveStyle({ archiveFile: 'italia-0123456789ab.pmtiles', attribution: '© OpenStreetMap' })

  it('is a valid MapLibre style, as is the built-in one', () => {
    expect(validateStyleMin(style as never)).toEqual([])
    expect(validateStyleMin(builtinStyle() as never)).toEqual([])
  })

  it('names places as Italians read them: Italian, the bilingual official name where there is one, the local name abroad', () => {
    expect(label({ name: 'Roma', 'name:it': 'Roma' })).toBe('Roma')
    expect(label({ name: 'Bolzano - Bozen', 'name:it': 'Bolzano', 'name:de': 'Bozen' })).toBe('Bolzano - Bozen')
    expect(label({ name: 'Via Museo - Museumstraße', 'name:it': 'Via Museo' })).toBe('Via Museo - Museumstraße')
    expect(label({ name: 'Duino Aurisina - Devin Nabrežina', 'name:it': 'Duino Aurisina' })).toBe('Duino Aurisina - Devin Nabrežina')
    expect(label({ name: 'Nice', 'name:it': 'Nizza' })).toBe('Nizza\nNice')
    expect(label({ name: 'Via Garibaldi' })).toBe('Via Garibaldi')
    expect(label({ 'name:it': 'Lago Trasimeno' })).toBe('Lago Trasimeno')
  })

  it('draws every name with that rule and asks for no icon (no sprite is served)', () => {
    const symbols = archiveLayers().filter((l) => l.type === 'symbol')
    expect(symbols.length).toBeGreaterThan(10)
    for (const layer of symbols) expect(layer.layout).not.toHaveProperty('icon-image')
    const named = symbols.filter((l) => JSON.stringify(l.layout?.['text-field']).includes('"name'))
    expect(named.length).toBeGreaterThan(5)
    for (const layer of named) expect(layer.layout?.['text-field']).toEqual(ITALIAN_FIRST_NAME)
    expect(style.sprite).toBeUndefined()
  })

  it('asks only for our Titillium glyphs, from our own site, and credits the archive', () => {
    expect([...fontsOf(style)].sort()).toEqual(Object.values(MAP_FONTS).sort())
    expect([...fontsOf(builtinStyle())].every((f) => Object.values(MAP_FONTS).includes(f as never))).toBe(true)
    expect(style.glyphs).toBe('../basemap/fonts/{fontstack}/{range}.pbf')
    expect(style.sources[ARCHIVE_SOURCE]).toMatchObject({ type: 'vector', url: 'pmtiles://italia-0123456789ab.pmtiles', attribution: '© OpenStreetMap' })
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//)
  })

  it('reads the nine layers of the Protomaps schema', () => {
    expect(styleSourceLayers()).toEqual(['boundaries', 'buildings', 'earth', 'landcover', 'landuse', 'places', 'pois', 'roads', 'water'])
  })
})
