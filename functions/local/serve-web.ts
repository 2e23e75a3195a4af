import { chosenCoding, weakTag } from './content-coding.ts'
import { ifNoneMatchNames } from '../api/if-none-match.ts'
import type { Context, Hono, Next } from 'hono'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { extname, join, relative, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { EMBED_PATHS, LOCAL_CONTENT_SECURITY_POLICY, embeddableContentSecurityPolicy } from '../site/content-security-policy.ts'

/**
 * Serves the built web assets (web/dist, made by `npm run build:web`) from the API's own app:
 * `/` the citizen page, `/embed` the iframe embed, `/embed-builder`, `/widget.js` and the rest.
 * Only files that exist in web/dist are answered, so `/v1/*`, `/healthz` and the API's 404
 * problem+json are never shadowed. Files are read and gzipped once at start. Mounted after
 * createApp, these come after the points and health routes but before the read API's others,
 * which the app reaches only where nothing else answers (functions/api/deferred-routes.ts): no
 * file here may share a path with them (robots.txt, the sitemaps, /comuni/…).
 */
export const DEFAULT_WEB_DIST = resolve(process.env.PUNTOVICINO_WEB_DIST ?? 'web/dist')

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.geojson', '.svg', '.map'])
/** Addresses served by a file of another name. Browsers still ask for /favicon.ico whatever the page's `<link rel="icon">` says. */
const ROUTES: Record<string, string> = { '/': 'index.html', '/embed': 'embed.html', '/embed-builder': 'embed-builder.html', '/gestione/': 'gestione/index.html', '/gestione': 'gestione/index.html', '/statistiche': 'statistiche.html', '/accessibilita': 'accessibilita.html', '/privacy': 'privacy.html', '/embed/statistiche': 'embed/statistiche.html', '/favicon.ico': 'favicon.svg' }
/** Only the embeds are meant to sit in another site's iframe; the pages and the builder refuse to be framed elsewhere (clickjacking). */
const FRAMEABLE = new Set<string>(EMBED_PATHS)
/** esbuild's chunk names carry a content hash: such a file never changes under its name. */
const HASHED = /-[A-Z0-9]{8}\.js$/

interface Asset {
  readonly path: string
  readonly body: Uint8Array
  readonly gzip: Uint8Array | null
  readonly type: string
  readonly etag: string
  readonly cacheControl: string
}

/** The production policy (less its HTTPS upgrade); `frame-ancestors` lets any site frame the embed, and no other site frame anything else. */
export function contentSecurityPolicyFor(path: string): string {
  return FRAMEABLE.has(path) ? embeddableContentSecurityPolicy(LOCAL_CONTENT_SECURITY_POLICY) : LOCAL_CONTENT_SECURITY_POLICY
}

export function cacheControlFor(path: string): string {
  // The map's style.json is replaced when a street map is chosen: asked again on each load.
  if (path.endsWith('.html') || path.endsWith('/style.json')) return 'no-cache'
  if (HASHED.test(path)) return 'public, max-age=31536000, immutable'
  // Stable names (app.js, widget.js on other sites, fonts, basemap): short, so a release spreads within minutes.
  return 'public, max-age=300'
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path) : [path]
  })
}

function loadAssets(dist: string): Map<string, Asset> {
  const assets = new Map<string, Asset>()
  for (const file of listFiles(dist)) {
    const path = `/${relative(dist, file).split('\\').join('/')}`
    if (path === '/meta.json') continue
    const body = readFileSync(file)
    const extension = extname(file)
    assets.set(path, {
      path,
      body,
      gzip: COMPRESSIBLE.has(extension) && body.length > 1024 ? gzipSync(body, { level: 6 }) : null,
      type: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`,
      cacheControl: cacheControlFor(path),
    })
  }
  for (const [route, file] of Object.entries(ROUTES)) {
    const asset = assets.get(`/${file}`)
    if (asset) assets.set(route, { ...asset, path: route })
  }
  return assets
}

function respond(c: Context, asset: Asset): Response {
  const headers: Record<string, string> = {
    'content-type': asset.type,
    'cache-control': asset.cacheControl,
    etag: asset.gzip ? weakTag(asset.etag) : asset.etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
    // The widget's modules load from other sites' pages: module scripts need CORS.
    'access-control-allow-origin': '*',
  }
  if (asset.type.startsWith('text/html')) {
    headers['referrer-policy'] = 'strict-origin-when-cross-origin'
    headers['content-security-policy'] = contentSecurityPolicyFor(asset.path)
  }
  if (ifNoneMatchNames(c.req.header('if-none-match'), asset.etag)) return new Response(null, { status: 304, headers })
  const gzip = asset.gzip && chosenCoding(c.req.header('accept-encoding'), ['gzip'] as const) === 'gzip'
  if (gzip) headers['content-encoding'] = 'gzip'
  const body = gzip ? asset.gzip! : asset.body
  headers['content-length'] = String(body.length)
  return new Response(c.req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers })
}

/** Mounts the citizen page and widget when built; without web/dist the API still runs, and `/` says how to build. */
export async function mountWeb(app: Hono<any, any, any>, { distDir = DEFAULT_WEB_DIST }: { distDir?: string } = {}): Promise<void> {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.get('/', (c) => c.text('PuntoVicino: the web page is not built. Run `npm run build:web` (or `npm start`, which builds it).', 503))
    return
  }
  const assets = loadAssets(distDir)
  app.on(['GET', 'HEAD'], '*', async function serveWeb(c: Context, next: Next) {
    const asset = assets.get(c.req.path)
    if (!asset) return next()
    return respond(c, asset)
  })
}
