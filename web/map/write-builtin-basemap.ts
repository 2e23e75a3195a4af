import { copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { parseComuniCsv } from '../../shared/gazetteer/comuni.ts'
import { STYLE_PATH } from '../../shared/map/basemap-layout.ts'
import { GLYPHS_FOLDER } from '../../shared/map/map-fonts.ts'
import { BASEMAP_FILES, BASEMAP_FOLDER } from './basemap-files.ts'
import { builtinStyle } from './builtin-style.ts'
import { comuneLabels } from './comune-labels.ts'

const DATA = resolve(import.meta.dirname, '../../data')

/**
 * Writes the built-in map's files into `<dist>/basemap/`: the ISTAT boundaries, the comuni's
 * labels and the glyph ranges (data/glyphs/, built by `npm run basemap -- glyphs`) under
 * `basemap/fonts/`, where the built-in style and an archive's style.json both find them; and the
 * built-in style itself as the site's `tiles/style.json`, until a street map is published.
 */
export function writeBuiltinBasemap(dist: string): void {
  const folder = join(dist, BASEMAP_FOLDER)
  mkdirSync(folder, { recursive: true })
  copyFileSync(join(DATA, BASEMAP_FILES.regions), join(folder, BASEMAP_FILES.regions))
  copyFileSync(join(DATA, BASEMAP_FILES.provinces), join(folder, BASEMAP_FILES.provinces))
  const comuni = parseComuniCsv(readFileSync(join(DATA, 'it_comuni_gazetteer.csv'), 'utf8'))
  writeFileSync(join(folder, BASEMAP_FILES.comuni), JSON.stringify(comuneLabels(comuni)))
  cpSync(join(DATA, 'glyphs'), join(dist, GLYPHS_FOLDER), { recursive: true })
  mkdirSync(dirname(join(dist, STYLE_PATH)), { recursive: true })
  writeFileSync(join(dist, STYLE_PATH), JSON.stringify(builtinStyle()))
}
