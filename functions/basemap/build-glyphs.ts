import fontnik from 'fontnik'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { MAP_FONTS, type MapFontName } from '../../shared/map/map-fonts.ts'
import { glyphCodePoints } from './glyph-pbf.ts'

/**
 * Builds the map's glyph ranges from Titillium Web (SIL OFL 1.1, via @fontsource/titillium-web)
 * with fontnik, Mapbox's kept SDF glyph tool. The output is committed under data/glyphs/ (so
 * `npm start` needs no native module) and rebuilt with `npm run basemap -- glyphs`; a test
 * rebuilds it and compares. Each face comes as a Latin and a Latin Extended file (fontsource's
 * subsets): their ranges are merged, so "Città", "Brixen" and "Nabrežina" draw from one stack.
 */
const ROOT = resolve(import.meta.dirname, '../..')
export const GLYPHS_DIR = join(ROOT, 'data/glyphs')

const FACE_FILES: Record<MapFontName, { weight: number; style: 'normal' | 'italic' }> = {
  [MAP_FONTS.regular]: { weight: 400, style: 'normal' },
  [MAP_FONTS.bold]: { weight: 600, style: 'normal' },
  [MAP_FONTS.italic]: { weight: 400, style: 'italic' },
}
const SUBSETS = ['latin', 'latin-ext'] as const
const FONT_FILES = join(ROOT, 'node_modules/@fontsource/titillium-web/files')
const RANGE = 256
const LAST_CODE_POINT = 0xffff

const range = (font: Uint8Array, start: number) =>
  new Promise<Uint8Array>((resolve, reject) => fontnik.range({ font, start, end: start + RANGE - 1 }, (error, pbf) => (error ? reject(error) : resolve(pbf))))
const composite = (buffers: Uint8Array[]) =>
  new Promise<Uint8Array>((resolve, reject) => fontnik.composite(buffers, (error, pbf) => (error ? reject(error) : resolve(pbf))))

/** The glyph ranges of one face: file name (`0-255.pbf`) → bytes; empty ranges are left out. */
export async function buildFaceGlyphs(fontName: MapFontName): Promise<Map<string, Uint8Array>> {
  const { weight, style } = FACE_FILES[fontName]
  const fonts = SUBSETS.map((subset) => readFileSync(join(FONT_FILES, `titillium-web-${subset}-${weight}-${style}.woff`)))
  const ranges = new Map<string, Uint8Array>()
  for (let start = 0; start <= LAST_CODE_POINT; start += RANGE) {
    const parts = await Promise.all(fonts.map((font) => range(font, start)))
    const withGlyphs = parts.filter((part) => glyphCodePoints(part).length > 0)
    if (withGlyphs.length === 0) continue
    ranges.set(`${start}-${start + RANGE - 1}.pbf`, withGlyphs.length === 1 ? withGlyphs[0]! : await composite(withGlyphs))
  }
  return ranges
}

/** Rewrites the glyph folder (data/glyphs/ unless told) from the fonts; returns the files written, relative to it. */
export async function writeGlyphs(outDir = GLYPHS_DIR): Promise<string[]> {
  const written: string[] = []
  rmSync(outDir, { recursive: true, force: true })
  for (const fontName of Object.values(MAP_FONTS)) {
    const folder = join(outDir, fontName)
    mkdirSync(folder, { recursive: true })
    for (const [file, pbf] of await buildFaceGlyphs(fontName)) {
      writeFileSync(join(folder, file), pbf)
      written.push(join(fontName, file))
    }
  }
  return written
}
