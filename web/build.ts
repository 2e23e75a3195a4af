import { build, type Metafile } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { escapeAttribute } from './dom/escape-attribute.ts'
import { REGIONS } from '../shared/gazetteer/admin-units.ts'
import { regionPath } from '../shared/text/page-paths.ts'
import { writeBuiltinBasemap } from './map/write-builtin-basemap.ts'

/**
 * Builds web/dist/: the page and embed bundle (app.js), the widget (widget.js), the embed
 * builder (builder.js), the operators' console (console.js, gestione/index.html), the statistics
 * page and its embed (stats.js, statistiche.html, embed/statistiche.html), their lazily loaded chunks (the map), the HTML pages, styles,
 * self-hosted fonts, the offline basemap and MapLibre's worker.
 *
 * Configuration (environment, read at build time):
 *   PUNTOVICINO_MAP_STYLE  style URL for the map (a style whose sources may be pmtiles://…);
 *                          empty: the site's own tiles/style.json (the archive published with
 *                          `npm run basemap -- publish`, or chosen with `use`), and the built-in
 *                          offline map where there is none.
 *   PUNTOVICINO_API_BASE   API origin when the page is not served by the API itself; empty: same origin.
 */
const WEB = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(WEB, '..')
export const DIST = join(WEB, 'dist')

export interface WebBuild {
  readonly metafile: Metafile
  readonly ms: number
}

export async function buildWeb({ mapStyle = process.env.PUNTOVICINO_MAP_STYLE ?? '', apiBase = process.env.PUNTOVICINO_API_BASE ?? '' } = {}): Promise<WebBuild> {
  const started = performance.now()
  rmSync(DIST, { recursive: true, force: true })
  mkdirSync(DIST, { recursive: true })
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: {
      app: 'web/pages/page-main.ts',
      widget: 'web/widget/puntovicino-locator.ts',
      builder: 'web/builder/builder-main.ts',
      console: 'web/console/console-main.ts',
      stats: 'web/stats/stats-main.ts',
      'point-page': 'web/site-pages/point-page-main.ts',
    },
    outdir: DIST,
    // Chunks sit beside the entries: MapLibre finds its worker next to the module that loads it.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    minify: true,
    sourcemap: 'linked',
    legalComments: 'linked',
    metafile: true,
    loader: { '.css': 'text' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  })

  for (const folder of ['gestione', 'embed']) mkdirSync(join(DIST, folder), { recursive: true })
  for (const page of ['index.html', 'embed.html', 'embed-builder.html', 'gestione/index.html', 'statistiche.html', 'embed/statistiche.html', 'accessibilita.html', 'privacy.html']) {
    const html = withPartials(readFileSync(join(WEB, 'pages', page), 'utf8')).replaceAll('%MAP_STYLE%', escapeAttribute(mapStyle)).replaceAll('%API_BASE%', escapeAttribute(apiBase))
    writeFileSync(join(DIST, page), html)
  }
  copyInto('styles', readdirSync(join(WEB, 'styles')).map((f) => join(WEB, 'styles', f)))
  copyInto('fonts', [400, 600, 700].map((w) => join(ROOT, 'node_modules/@fontsource/titillium-web/files', `titillium-web-latin-${w}-normal.woff2`)))
  writeBuiltinBasemap(DIST)
  copyInto('.', [join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'), join(WEB, 'pages', 'favicon.svg'), join(WEB, 'pages', 'og-image.png')])
  writeFileSync(join(DIST, 'meta.json'), JSON.stringify(result.metafile))
  return { metafile: result.metafile, ms: performance.now() - started }
}

/**
 * `<!-- include: header -->` → web/pages/partials/header.html: what the pages share is written
 * once. `region-links` is made here: the regions' pages, linked where the locator mounts, so that a
 * browser without JavaScript, or whose script never arrived, still has a way in (the locator
 * replaces them when it starts).
 */
function withPartials(page: string): string {
  return page.replace(/<!-- include: ([a-z-]+) -->\n?/g, (_, name: string) =>
    name === 'region-links' ? regionLinks() : readFileSync(join(WEB, 'pages', 'partials', `${name}.html`), 'utf8'),
  )
}

function regionLinks(): string {
  const byName = Object.entries(REGIONS).sort(([, a], [, b]) => a.localeCompare(b, 'it'))
  const items = byName.map(([code, name]) => `<li><a href="${regionPath(code)}">${escapeAttribute(name)}</a></li>`).join('')
  return `<ul class="pv-region-links">${items}</ul>\n`
}

function copyInto(folder: string, files: readonly string[]): void {
  const target = join(DIST, folder)
  mkdirSync(target, { recursive: true })
  for (const file of files) copyFileSync(file, join(target, file.split('/').at(-1)!))
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { ms } = await buildWeb()
  console.log(`[web] built web/dist in ${Math.round(ms)} ms`)
}
