import type { MiddlewareHandler } from 'hono'
import { timingSafeEqual } from 'node:crypto'
import { problem } from '../problem.ts'

/** The header CloudFront adds to every request it sends to the API (infra/constructs/static-site.ts). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify'

/**
 * Answers only requests that came through our CloudFront distribution. API Gateway's default
 * `execute-api` address cannot be switched off without a custom domain for the API, and anyone
 * who finds it would otherwise go around the edge: its cache, its WAF and its rate limits.
 * CloudFront adds a secret header; a request without the current (or, during a rotation, the
 * previous) value is refused with 403 before any work.
 */
export const originVerify = ({ secrets }: { secrets: () => readonly string[] }): MiddlewareHandler =>
  async function originVerify(c, next) {
    const given = c.req.header(ORIGIN_VERIFY_HEADER)
    if (given !== undefined && secrets().some((secret) => sameText(given, secret))) return next()
    return problem(c, 'forbidden', 'This API is served at its public address only (through the CDN); see /v1/docs there.')
  }

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
