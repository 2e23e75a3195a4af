import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildFaceGlyphs, GLYPHS_DIR } from '../../../functions/basemap/build-glyphs.ts'
import { glyphCodePoints } from '../../../functions/basemap/glyph-pbf.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { MAP_FONTS } from '../../../shared/map/map-fonts.ts'

const committed = (font: string) => new Map(readdirSync(join(GLYPHS_DIR, font)).map((file) => [file, readFileSync(join(GLYPHS_DIR, font, file))]))

function codePointsOf(font: string): Set<number> {
  return new Set([...committed(font).values()].flatMap((pbf) => glyphCodePoints(pbf)))
}

describe('the map glyphs (data/glyphs/, Titillium Web through fontnik)', () => {
  it('are what `npm run basemap -- glyphs` builds from the fonts today, byte for byte', async () => {
    for (const font of Object.values(MAP_FONTS)) {
      const built = await buildFaceGlyphs(font)
      const files = committed(font)
      expect([...built.keys()].sort()).toEqual([...files.keys()].sort())
      for (const [file, pbf] of built) expect(Buffer.compare(Buffer.from(pbf), files.get(file)!), `${font}/${file}`).toBe(0)
    }
  })

  it('hold every letter of every comune name, Italian and second-language, in each face the maps use', () => {
    const letters = new Set(loadComuni().flatMap((c) => [...`${c.name}${c.altName ?? ''} - 0123456789`].map((ch) => ch.codePointAt(0)!)))
    for (const font of Object.values(MAP_FONTS)) {
      const available = codePointsOf(font)
      const missing = [...letters].filter((cp) => cp !== 0x20 && !available.has(cp)).map((cp) => String.fromCodePoint(cp))
      expect(missing, font).toEqual([])
    }
  })

  it('cover Slovene, French and German letters of bilingual areas (č š ž, œ é, ß ä)', () => {
    const available = codePointsOf(MAP_FONTS.regular)
    for (const ch of 'čšžČŠŽœéèàßäöüÄÖÜ’') expect(available.has(ch.codePointAt(0)!), ch).toBe(true)
    expect(existsSync(join(GLYPHS_DIR, MAP_FONTS.regular, '0-255.pbf'))).toBe(true)
  })
})
