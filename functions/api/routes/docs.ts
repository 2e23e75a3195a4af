import { createRoute, z } from '@hono/zod-openapi'
import { Hono } from 'hono'

/** Swagger UI's files this page needs, served by us so the reference works with no outside network. */
export const DOCS_ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const
export type DocsAssetName = keyof typeof DOCS_ASSETS
export type DocsAssetReader = (name: DocsAssetName) => Promise<Uint8Array | undefined>

const PAGE = `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PuntoVicino API v1 — riferimento interattivo</title>
<link rel="stylesheet" href="/v1/docs/assets/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="Riferimento API / API reference"></main>
<script src="/v1/docs/assets/swagger-ui-bundle.js"></script>
<script src="/v1/docs/init.js"></script>
</body>
</html>`

// A file, not an inline script, so a strict Content-Security-Policy (script-src 'self') holds.
const INIT = `window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: true })`

/**
 * docs/API.md promises these two endpoints, so the document lists them too. They are plain Hono
 * routes (an HTML page, and the document itself), so only registered for the description.
 */
export const docsPageRoute = createRoute({
  method: 'get',
  path: '/v1/docs',
  tags: ['meta'],
  summary: 'The interactive API reference (HTML); its assets are served from /v1/docs/assets/',
  responses: { 200: { content: { 'text/html': { schema: z.string() } }, description: 'The reference page' } },
})
export const openApiDocumentRoute = createRoute({
  method: 'get',
  path: '/v1/openapi.json',
  tags: ['meta'],
  summary: 'This OpenAPI 3.1 document',
  responses: {
    200: { content: { 'application/json': { schema: z.looseObject({ openapi: z.string() }) } }, description: 'The OpenAPI document' },
  },
})

/** `/v1/docs`: the interactive reference of the OpenAPI document the app generates. */
export function docsRoutes({ readAsset }: { readAsset: DocsAssetReader }): Hono {
  const docs = new Hono()
  docs.get('/v1/docs', (c) => c.html(PAGE))
  docs.get('/v1/docs/init.js', (c) => c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
  docs.get('/v1/docs/assets/:name', async (c) => {
    const name = c.req.param('name')
    if (!Object.hasOwn(DOCS_ASSETS, name)) return c.notFound()
    const bytes = await readAsset(name as DocsAssetName)
    if (!bytes) return c.notFound()
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': DOCS_ASSETS[name as DocsAssetName], 'Cache-Control': 'public, max-age=86400' })
  })
  return docs
}
