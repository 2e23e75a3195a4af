import type { MiddlewareHandler } from 'hono'

export interface PublicCorsOptions {
  /** Methods a preflight allows. */
  readonly allowMethods: readonly string[]
  /** Request headers a preflight allows; when empty, the ones the preflight asks for. */
  readonly allowHeaders?: readonly string[]
  /** Response headers a page's script may read beyond the CORS-safelisted ones. */
  readonly exposeHeaders: readonly string[]
  readonly maxAgeSeconds: number
}

/**
 * CORS for an open API: any origin, no credentials, so no `Vary: Origin`. Hono's own `cors`
 * writes its headers into `c.res` before the route runs; that makes a placeholder response, and
 * Hono then rebuilds the route's answer on top of it through the answer's body stream (on
 * @hono/node-server the lightweight response becomes a full one and is written out by reading
 * that stream). In a CPU profile of the near route under load that rebuild was ~15 % of the
 * server's time (bench/http.ts). Here the headers are added to the answer after the route, so
 * the answer is sent as the route made it: every status, errors and 304s included.
 */
export const publicCors = ({ allowMethods, allowHeaders = [], exposeHeaders, maxAgeSeconds }: PublicCorsOptions): MiddlewareHandler => {
  const methods = allowMethods.join(',')
  const exposed = exposeHeaders.join(',')
  return async function publicCors(c, next) {
    if (c.req.method === 'OPTIONS') {
      // A preflight, or a plain OPTIONS: both are told what may be asked.
      const requested = c.req.header('access-control-request-headers')
      const headers: Record<string, string> = {
        'access-control-allow-origin': '*',
        'access-control-allow-methods': methods,
        'access-control-max-age': String(maxAgeSeconds),
      }
      if (exposed) headers['access-control-expose-headers'] = exposed
      const allowed = allowHeaders.length > 0 ? allowHeaders.join(',') : requested?.split(',').map((name) => name.trim()).join(',')
      if (allowed) {
        headers['access-control-allow-headers'] = allowed
        if (allowHeaders.length === 0) headers.vary = 'Access-Control-Request-Headers'
      }
      return c.body(null, 204, headers)
    }
    await next()
    c.res.headers.set('access-control-allow-origin', '*')
    if (exposed) c.res.headers.set('access-control-expose-headers', exposed)
  }
}
