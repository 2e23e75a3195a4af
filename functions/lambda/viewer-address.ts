import type { Context as HonoContext } from 'hono'

/**
 * The viewer's address as CloudFront gives it (`CloudFront-Viewer-Address: 198.51.100.7:46532`,
 * which the reports' behaviour forwards and no viewer can forge), else API Gateway's source.
 */
export function viewerAddress(c: HonoContext): string {
  const viewer = c.req.header('cloudfront-viewer-address')
  if (viewer) return viewer.slice(0, viewer.lastIndexOf(':'))
  return (c.env as { requestContext?: { http?: { sourceIp?: string } } } | undefined)?.requestContext?.http?.sourceIp ?? 'unknown'
}
