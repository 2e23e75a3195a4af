import type { z } from 'zod'

/**
 * What the running app and the OpenAPI document share about one route: its method, its path in
 * OpenAPI's `{param}` form, and the zod schemas that parse its request. The app validates every
 * request with these schemas; the document (./openapi/, built on its first request) adds tags,
 * summaries and response schemas to the same object, so neither can describe another route.
 */
export interface ApiRoute {
  readonly method: 'get'
  readonly path: `/${string}`
  readonly request?: {
    readonly query?: z.ZodType
    readonly params?: z.ZodType
  }
}

/** The route's path as Hono matches it: `/v1/points/{id}` → `/v1/points/:id`. */
export const honoPath = (route: ApiRoute): string => route.path.replaceAll(/\/{(.+?)}/g, '/:$1')
