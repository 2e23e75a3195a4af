import { Hono } from 'hono'
import { honoPath, type ApiRoute, type DescribeRoutes } from '../api-route.ts'

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

/** docs/API.md promises these two endpoints, so the document lists them too. */
export const docsPageRoute = { method: 'get', path: '/v1/docs' } as const satisfies ApiRoute
export const openApiDocumentRoute = { method: 'get', path: '/v1/openapi.json' } as const satisfies ApiRoute

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
  docs.get(honoPath(openApiDocumentRoute), async (c) => c.json(await openApiDocument(describe)))
  docs.get(honoPath(docsPageRoute), (c) => c.html(PAGE))
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
