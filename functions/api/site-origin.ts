import type { Context } from 'hono'

/**
 * Behind CloudFront a request reaches the function under API Gateway's host name: the site's own
 * origin then comes in this header, set at the edge from the viewer's Host (a CloudFront Function,
 * infra/constructs/static-site.ts), for the pages and a point's calendar, whose links name the site.
 */
export const SITE_ORIGIN_HEADER = 'x-puntovicino-site-origin'
const HTTPS_ORIGIN = /^https:\/\/[a-z0-9.-]{1,253}$/i

/**
 * The site's origin for links in an answer: the edge's header where it is trusted (only where the
 * origin-verify secret guarantees the request came through CloudFront) and an https origin, else
 * the request's own (locally, `npm start`).
 */
export function siteOriginOf(c: Context, trustSiteOriginHeader: boolean | undefined): string {
  const told = trustSiteOriginHeader ? c.req.header(SITE_ORIGIN_HEADER) : undefined
  return told !== undefined && HTTPS_ORIGIN.test(told) ? told : new URL(c.req.url).origin
}
