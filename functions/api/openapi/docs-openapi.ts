import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { docsPageRoute, openApiDocumentRoute } from '../routes/docs.ts'

export const docsOpenApiRoutes = [
  createRoute({
    ...docsPageRoute,
    tags: ['meta'],
    summary: 'The interactive API reference (HTML); its assets are served from /v1/docs/assets/',
    responses: { 200: { content: { 'text/html': { schema: z.string() } }, description: 'The reference page' } },
  }),
  createRoute({
    ...openApiDocumentRoute,
    tags: ['meta'],
    summary: 'This OpenAPI 3.1 document',
    responses: {
      200: { content: { 'application/json': { schema: z.looseObject({ openapi: z.string() }) } }, description: 'The OpenAPI document' },
    },
  }),
]
