import { build, type Metafile } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { startE2eServers } from '../tests/e2e/support/server.ts'
import { buildWeb, DIST } from './build.ts'
import { writeBuiltinBasemap } from './map/write-builtin-basemap.ts'

/**
 * `npm run audit:web`: the budgets of issue 4, measured honestly on this machine.
 *  1. JavaScript before the first results list (entry + its static imports, gzip) ≤ 60 KB.
 *  2. Lighthouse 12, mobile preset, Debian chromium: the page (accessibility 100, best
 *     practices ≥ 95, performance ≥ 90) and, in the same run, a plain MapLibre cluster page.
 * Prints the figures and rewrites the "## Web" section of docs/PERFORMANCE.md.
 */
const WEB = dirname(fileURLToPath(import.meta.url))
const ROOT = resolve(WEB, '..')
const ARTIFACTS = join(ROOT, 'tests/artifacts')
const JS_BUDGET_BYTES = 60 * 1024
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1']
const NEAR = '41.902,12.496'

const gzipSize = (file: string) => gzipSync(readFileSync(join(ROOT, file)), { level: 6 }).length

/** An entry's output plus every chunk it imports statically: what runs before anything lazy. */
function initialJs(metafile: Metafile, entry: string): { files: string[]; gzip: number } {
  const files = new Set<string>()
  const visit = (output: string) => {
    if (files.has(output)) return
    files.add(output)
    for (const imported of metafile.outputs[output]?.imports ?? []) if (imported.kind === 'import-statement') visit(imported.path)
  }
  visit(entry)
  return { files: [...files], gzip: [...files].reduce((sum, f) => sum + gzipSize(f), 0) }
}

function lazyJs(metafile: Metafile, pattern: RegExp): number {
  return Object.keys(metafile.outputs).filter((f) => pattern.test(f) && f.endsWith('.js')).reduce((sum, f) => sum + gzipSize(f), 0)
}

/** The baseline page, built into web/dist/baseline/ and served from its own port. */
async function serveBaseline(): Promise<{ url: string; close: () => void }> {
  const dir = join(DIST, 'baseline')
  await build({ absWorkingDir: ROOT, entryPoints: ['web/audit/baseline-map.ts'], outfile: join(dir, 'baseline.js'), bundle: true, format: 'esm', minify: true, logLevel: 'warning' })
  copyFileSync(join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'), join(dir, 'maplibre-gl-worker.mjs'))
  writeBuiltinBasemap(dir)
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Baseline: MapLibre cluster page</title><style>${readFileSync(join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl.css'), 'utf8')} body{margin:0} #map{height:100vh}</style></head><body><main><h1 style="position:absolute;left:-9999px">Mappa dei punti</h1><div id="map"></div></main><script type="module" src="baseline.js"></script></body></html>`,
  )
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.geojson': 'application/geo+json' }
  const server = createServer((request, response) => {
    const path = join(dir, new URL(request.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html'))
    if (!path.startsWith(dir) || !existsSync(path)) return void response.writeHead(404).end()
    const body = readFileSync(path)
    const gz = gzipSync(body)
    response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream', 'content-encoding': 'gzip', 'cache-control': 'public, max-age=300' }).end(gz)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() }
}

interface Scores {
  performance: number
  accessibility: number
  bestPractices: number
  fcpMs: number
  lcpMs: number
  tbtMs: number
  cls: number
  /** Main-thread time by Lighthouse's groups, largest first: where the blocking time goes. */
  mainThread: string
}

/**
 * Lighthouse's mobile preset (slow 4G, 4× CPU). `wideScreen`: the same throttling on a 1024×900
 * screen, where the map sits beside the list and so loads during the run (on a phone-sized screen
 * it waits for the citizen to switch to it, and Lighthouse never sees it).
 */
async function runLighthouse(url: string, port: number, report: string, { wideScreen = false } = {}): Promise<Scores> {
  const screenEmulation = wideScreen ? { mobile: true, width: 1024, height: 900, deviceScaleFactor: 1, disabled: false } : undefined
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices'], ...(screenEmulation ? { screenEmulation } : {}) })
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
  const { categories, audits } = result.lhr
  // The whole report, to see which tasks block (gitignored; not part of the budget).
  mkdirSync(ARTIFACTS, { recursive: true })
  writeFileSync(join(ARTIFACTS, `lighthouse-${report}.json`), JSON.stringify(result.lhr))
  const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100)
  const numeric = (id: string) => audits[id]?.numericValue ?? Number.NaN
  for (const id of ['accessibility', 'best-practices']) {
    for (const ref of categories[id]?.auditRefs ?? []) {
      const audit = audits[ref.id]
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) console.log(`  [${id}] ${url}: ${audit.id} — ${audit.title}`)
    }
  }
  return { performance: score('performance'), accessibility: score('accessibility'), bestPractices: score('best-practices'), fcpMs: numeric('first-contentful-paint'), lcpMs: numeric('largest-contentful-paint'), tbtMs: numeric('total-blocking-time'), cls: numeric('cumulative-layout-shift'), mainThread: mainThreadBreakdown(audits['mainthread-work-breakdown']?.details) }
}

function mainThreadBreakdown(details: unknown): string {
  const items = ((details as { items?: { groupLabel: string; duration: number }[] } | undefined)?.items ?? []).filter((i) => i.duration >= 50)
  return items.map((i) => `${i.groupLabel} ${(i.duration / 1000).toFixed(1)} s`).join(', ')
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const row = (name: string, s: Scores) => `| ${name} | ${s.performance} | ${s.accessibility} | ${s.bestPractices} | ${Math.round(s.fcpMs)} | ${Math.round(s.lcpMs)} | ${Math.round(s.tbtMs)} | ${s.cls.toFixed(3)} |`

const { metafile } = await buildWeb()
const page = initialJs(metafile, 'web/dist/app.js')
const widget = initialJs(metafile, 'web/dist/widget.js')
const mapChunk = lazyJs(metafile, /results-map-/)
const worker = gzipSize('web/dist/maplibre-gl-worker.mjs')
console.log(`JS before the first list: page ${kb(page.gzip)} gzip (${page.files.length} files), widget ${kb(widget.gzip)}; budget ${kb(JS_BUDGET_BYTES)}`)
console.log(`Loaded after the list: map chunk ${kb(mapChunk)} gzip + MapLibre worker ${kb(worker)} gzip`)

const servers = await startE2eServers()
const baseline = await serveBaseline()
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: CHROME_FLAGS })
let pageScores: Scores
let mapScores: Scores
let baselineScores: Scores
try {
  pageScores = await runLighthouse(`${servers.baseUrl}/?near=${NEAR}&place=Roma`, chrome.port, 'page')
  mapScores = await runLighthouse(`${servers.baseUrl}/?near=${NEAR}&place=Roma`, chrome.port, 'page-with-map', { wideScreen: true })
  baselineScores = await runLighthouse(`${baseline.url}?api=${encodeURIComponent(servers.baseUrl)}&near=${NEAR}`, chrome.port, 'baseline')
} finally {
  chrome.kill()
  baseline.close()
  await servers.close()
}

const checks = [
  [`JS before first list ≤ 60 KB gzip`, page.gzip <= JS_BUDGET_BYTES && widget.gzip <= JS_BUDGET_BYTES],
  ['Lighthouse accessibility = 100', pageScores.accessibility === 100],
  ['Lighthouse best practices ≥ 95', pageScores.bestPractices >= 95],
  ['Lighthouse performance ≥ 90 with the map enabled (phone: list first, map on demand)', pageScores.performance >= 90],
  ['With the map loaded in the run (1024 px): accessibility 100 and beats the plain MapLibre baseline', mapScores.accessibility === 100 && mapScores.performance > baselineScores.performance],
  ['Page beats the MapLibre baseline on performance', pageScores.performance > baselineScores.performance],
] as const
const section = `## Web

Measured by \`npm run audit:web\` on ${new Date().toISOString().slice(0, 10)} (this machine: 2 shared cores, Debian chromium, software GL).
Lighthouse ${'12'} mobile preset (simulated slow 4G and 4× CPU slowdown), page at \`/?near=${NEAR}&place=Roma\` with the demo registry.

| JavaScript (gzip) | size |
| --- | --- |
| page before the first list (\`app.js\` + static chunks) | ${kb(page.gzip)} (budget 60 KB) |
| widget before the first list (\`widget.js\` + static chunks) | ${kb(widget.gzip)} |
| map, loaded after the list (MapLibre + pmtiles + our map code) | ${kb(mapChunk)} |
| MapLibre worker, loaded by the map | ${kb(worker)} |

| Lighthouse | performance | accessibility | best practices | FCP ms | LCP ms | TBT ms | CLS |
| --- | --- | --- | --- | --- | --- | --- | --- |
${row('PuntoVicino page (list first, map later)', pageScores)}
${row('the same, 1024 px wide: the map beside the list, loaded in the run', mapScores)}
${row('baseline: plain MapLibre cluster page', baselineScores)}

${checks.map(([name, ok]) => `- ${ok ? 'PASS' : 'FAIL'}: ${name}`).join('\n')}

Where the main thread goes with the map loaded: ${mapScores.mainThread}; the plain MapLibre page: ${baselineScores.mainThread}.
Not reached here: performance ≥ 90 *while MapLibre loads inside Lighthouse's window*. On this machine WebGL is software
(SwiftShader, no GPU) under a 4× CPU slowdown, so drawing any MapLibre map blocks for seconds: the plain MapLibre page
scores ${baselineScores.performance}. Our page keeps the list (the citizen's answer) independent of it: the list is painted
before the map chunk is even requested, and on a phone the map waits until the citizen asks for it.

Why the page is fast: the list is plain DOM from ~${Math.round(page.gzip / 1024)} KB of JavaScript; zod stays out of the browser
(the page takes its word lists from the zod-free \`shared/vocabulary.ts\` and uses the schemas for types only); MapLibre is imported
only after the list is on screen and the map is in view (on a phone, once the citizen switches to the map), and never without WebGL.

Why the layout stays still (CLS): the locator holds a screen's height before \`app.js\` mounts it and while the first list
loads, so the footer and the map column never start in view and get pushed down; the map column appears only once the
list is there; the three faces are preloaded, and the semibold and bold ones (the language bar, title, headings, result
names) are \`font-display: optional\`: one that misses the first paint is not swapped in later (swapped late, the semibold
moved the page 44 px, a shift of 0.30). \`tests/e2e/locator-page.test.ts\` checks the layout shift on a phone with a slow list and slow fonts.
`
const docPath = join(ROOT, 'docs/PERFORMANCE.md')
const existing = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Performance\n'
const start = existing.indexOf('## Web\n')
const updated = start < 0 ? `${existing.trimEnd()}\n\n${section}` : `${existing.slice(0, start)}${section}${existing.slice(start).replace(/^## Web\n[\s\S]*?(?=\n## |$)/, '').trimStart() ? `\n${existing.slice(start).replace(/^## Web\n[\s\S]*?(?=\n## |$)/, '').trimStart()}` : ''}`
writeFileSync(docPath, updated)
console.log(section)
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1
