import type { RouteConfig } from '@hono/zod-openapi'
import type { z } from 'zod'

/**
 * What the running app and the OpenAPI document share about one route: its method, its path in
 * OpenAPI's `{param}` form, and the zod schemas that parse its request. The app validates every
 * request with these schemas; the document (./openapi/, built on its first request) adds tags,
 * summaries and response schemas to the same object, so neither can describe another route.
 */
export interface ApiRoute {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  readonly path: `/${string}`
  readonly request?: {
    readonly query?: z.ZodType
    readonly params?: z.ZodType
    readonly headers?: z.ZodType
    readonly body?: { readonly content: Record<string, { readonly schema: z.ZodType }>; readonly required?: boolean }
  }
}

/**
 * The route's path as Hono matches it: `/v1/points/{id}` → `/v1/points/:id`; a parameter with a
 * file suffix, `/v1/points/{id}.ics`, matches only names ending so (`:id{[^/]+\.ics}`), and the
 * parameter's value keeps the suffix.
 */
export const honoPath = (route: Pick<ApiRoute, 'path'>): string =>
  route.path.replace(/\/{(\w+)}\.(\w+)$/, '/:$1{[^/]+\\.$2}').replaceAll(/\/{(.+?)}/g, '/:$1')

/**
 * A resource's routes as the OpenAPI document describes them (tags, summary, responses), kept in
 * the resource's own route file. It is called when the document is first asked for: the response
 * schemas it imports (dynamically) and the generator load only then, not at every cold start.
 */
export type DescribeRoutes = () => Promise<readonly RouteConfig[]>

/** A documented error response: a problem document, and when it is given. */
export async function problemResponse(description: string) {
  const { ProblemSchema } = await import('../../shared/schemas/problem-view.ts')
  return { content: { 'application/problem+json': { schema: ProblemSchema } }, description }
}
