import { Hono } from 'hono'
import { honoPath, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import { NoQuerySchema, validRequest } from '../request-validator.ts'
import { LOCAL_CONTENT_SECURITY_POLICY } from '../../site/content-security-policy.ts'

/** Swagger UI's files this page needs, served by us so the reference works with no outside network. */
export const DOCS_ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const
export type DocsAssetName = keyof typeof DOCS_ASSETS
export type DocsAssetReader = (name: DocsAssetName) => Promise<Uint8Array | undefined>

/**
 * The reference with our own header and a quick start first, Italian then English: three calls a
 * developer can paste, which return results. Swagger UI's interactive reference follows.
 */
const PAGE = `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PuntoVicino API v1 — riferimento interattivo</title>
<link rel="stylesheet" href="/v1/docs/assets/swagger-ui.css">
<link rel="stylesheet" href="/v1/docs/docs.css">
</head>
<body>
<header class="pv-docs-header"><div class="pv-docs-wrap"><a href="/" class="pv-docs-brand">PuntoVicino</a><span>API aperta dei punti di facilitazione digitale · Open API</span></div></header>
<main class="pv-docs-wrap">
<section class="pv-quickstart" aria-labelledby="qs-it">
<h1 id="qs-it">Inizia in tre chiamate</h1>
<p>Nessuna chiave, nessuna registrazione, CORS aperto. Orari in Europe/Rome, errori in <code>application/problem+json</code>.</p>
<ol>
<li>Trova il comune e le sue coordinate:<pre><code data-origin>curl '{origin}/v1/places?q=perugia&amp;limit=1'</code></pre></li>
<li>I tre punti più vicini:<pre><code data-origin>curl '{origin}/v1/points?near=43.1107,12.3908&amp;limit=3'</code></pre></li>
<li>Solo quelli aperti ora che fanno corsi di gruppo:<pre><code data-origin>curl '{origin}/v1/points?near=43.1107,12.3908&amp;open_now=true&amp;service=formazione_gruppo'</code></pre></li>
</ol>
<p>L'intero registro come file: <a href="/opendata/punti-facilitazione.csv">CSV</a> · <a href="/opendata/punti-facilitazione.geojson">GeoJSON</a> · <a href="/opendata/">tutti i dati aperti</a>.</p>
<h2 id="qs-en" lang="en">Quick start (English)</h2>
<p lang="en">No key, no sign-up, CORS open. Find a comune (<code>/v1/places?q=perugia</code>), the nearest points (<code>/v1/points?near=LAT,LON&amp;limit=3</code>), then filter them (<code>open_now=true</code>, <code>service=formazione_gruppo</code>). The whole registry: <a href="/opendata/punti-facilitazione.csv">CSV</a>, <a href="/opendata/punti-facilitazione.geojson">GeoJSON</a>, <a href="/opendata/">all the open data</a>.</p>
</section>
<div id="swagger-ui" aria-label="Riferimento API / API reference"></div>
</main>
<script src="/v1/docs/assets/swagger-ui-bundle.js"></script>
<script src="/v1/docs/init.js"></script>
</body>
</html>`

// A file, not an inline script, so a strict Content-Security-Policy (script-src 'self') holds.
const INIT = `for (const code of document.querySelectorAll('[data-origin]')) code.textContent = code.textContent.replace('{origin}', location.origin)
window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: true })`

/** Our colours (Designers Italia) over Swagger UI's, and the quick start's layout. */
const CSS = `body{margin:0;font-family:"Titillium Web",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#17324d}
.pv-docs-wrap{max-width:1200px;margin:0 auto;padding:0 1rem}
.pv-docs-header{background:#0066cc;color:#fff;padding:1rem 0}
.pv-docs-header .pv-docs-wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline}
.pv-docs-brand{color:#fff;font-size:1.5rem;font-weight:700;text-decoration:none;display:inline-flex;min-height:44px;align-items:center}
.pv-quickstart{padding:1.5rem 0 .5rem}
.pv-quickstart h1{font-size:1.75rem;margin:0 0 .5rem}
.pv-quickstart pre{background:#17324d;color:#fff;padding:.75rem 1rem;border-radius:4px;overflow-x:auto}
.pv-quickstart a{color:#0066cc}
.swagger-ui .topbar{display:none}
.swagger-ui .info .title,.swagger-ui .opblock-tag{color:#17324d}
.swagger-ui .opblock.opblock-get{border-color:#0066cc;background:rgba(0,102,204,.05)}
.swagger-ui .opblock.opblock-get .opblock-summary-method{background:#0066cc}
.swagger-ui .btn.execute{background:#0066cc;border-color:#0066cc}
:focus-visible{outline:3px solid #ff9900;outline-offset:2px}`

/** docs/API.md promises these two endpoints, so the document lists them too. */
export const docsPageRoute = { method: 'get', path: '/v1/docs' } as const satisfies ApiRoute
export const openApiDocumentRoute = { method: 'get', path: '/v1/openapi.json', request: { query: NoQuerySchema } } as const satisfies ApiRoute

let document: unknown
/**
 * The OpenAPI document, generated on its first request from the routes' zod schemas: the response
 * schemas and the generator load only then, so a cold start that answers a query builds neither.
 * The routes never change while the process runs, so it is generated once.
 */
async function openApiDocument(resources: readonly DescribeRoutes[]): Promise<unknown> {
  if (document === undefined) {
    const { createOpenApiDocument } = await import('../openapi/openapi-document.ts')
    document ??= await createOpenApiDocument([...resources, describeDocsRoutes])
  }
  return document
}

/** `/v1/openapi.json`, and `/v1/docs`: its interactive reference. */
export function docsRoutes({ readAsset, describe }: { readAsset: DocsAssetReader; /** The other resources the document describes. */ describe: readonly DescribeRoutes[] }): Hono {
  const docs = new Hono()
  docs.get(honoPath(openApiDocumentRoute), validRequest('query', openApiDocumentRoute.request.query), async (c) => c.json(await openApiDocument(describe)))
  // The site's policy, as npm start sends it for every other page (CloudFront replaces it on AWS).
  docs.get(honoPath(docsPageRoute), (c) => c.html(PAGE, 200, { 'Content-Security-Policy': LOCAL_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' }))
  docs.get('/v1/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  docs.get('/v1/docs/docs.css', (c) => c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }))
  docs.get('/v1/docs/assets/:name', async (c) => {
    const name = c.req.param('name')
    if (!Object.hasOwn(DOCS_ASSETS, name)) return c.notFound()
    const bytes = await readAsset(name as DocsAssetName)
    if (!bytes) return c.notFound()
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': DOCS_ASSETS[name as DocsAssetName], 'Cache-Control': 'public, max-age=86400' })
  })
  return docs
}

export const describeDocsRoutes: DescribeRoutes = async () => {
  const { z } = await import('zod')
  return [
    {
      ...docsPageRoute,
      tags: ['meta'],
      summary: 'The interactive API reference (HTML); its assets are served from /v1/docs/assets/',
      responses: { 200: { content: { 'text/html': { schema: z.string() } }, description: 'The reference page' } },
    },
    {
      ...openApiDocumentRoute,
      tags: ['meta'],
      summary: 'This OpenAPI 3.1 document',
      responses: { 200: { content: { 'application/json': { schema: z.looseObject({ openapi: z.string() }) } }, description: 'The OpenAPI document' } },
    },
  ]
}
