import type { MiddlewareHandler } from 'hono'
import { fnv1a } from '../../../shared/util/fnv1a.ts'
import { ifNoneMatchNames } from '../if-none-match.ts'
import { toRomeWallClock } from '../../../shared/hours/rome-time.ts'

export interface ConditionalGetOptions {
  /** The registry version the answer is computed from; undefined while nothing is loaded. */
  readonly registryVersion: () => number | undefined
  /** @default 60 */
  readonly maxAgeSeconds?: number
  readonly now?: () => Date
  /**
   * How finely a path's answers change with the clock: by the minute ("open now"), by the day (a
   * season's hours counted for today), or not at all (the change feed, the gazetteer). A tag that
   * changes no more often than its answer lets a client revalidating after a quiet hour get a 304,
   * not the same bytes again under a new minute's tag. @default every path by the minute
   */
  readonly clockGrain?: (path: string) => ClockGrain
}

export type ClockGrain = 'minute' | 'day' | 'none'

/** The clock's part of a tag: the minute, Rome's date (its day turns at Rome's midnight, summer or winter), or nothing. */
const periodOf = (grain: ClockGrain, at: Date): string =>
  grain === 'minute' ? `-${Math.floor(at.getTime() / 60_000).toString(36)}` : grain === 'day' ? `-${toRomeWallClock(at).date.replaceAll('-', '')}` : ''

/** Headers a 304 keeps (RFC 9110 §15.4.5): the rest describe a body it does not have. */
export const RETAINED_304_HEADERS = ['cache-control', 'etag', 'vary', 'access-control-allow-origin', 'access-control-expose-headers'] as const

/**
 * ETag and Cache-Control for read endpoints, and 304 before any work is done. The tag is the
 * registry version, the minute (answers carry open_now, computed at response time) and the
 * request URL: the same three give the same answer, so the check needs no body hashing.
 */
export const conditionalGet = ({ registryVersion, maxAgeSeconds = 60, now = () => new Date(), clockGrain = () => 'minute' }: ConditionalGetOptions): MiddlewareHandler =>
  async function conditionalGet(c, next) {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next()
    const version = registryVersion()
    if (version === undefined) return next()
    const etag = `W/"${version.toString(36)}${periodOf(clockGrain(c.req.path), now())}-${fnv1a(c.req.url).toString(36)}"`
    const cacheControl = `public, max-age=${maxAgeSeconds}`
    const ifNoneMatch = c.req.header('if-none-match')
    // The 200 says it too: a 304 sends the Vary its 200 would (RFC 9110 §15.4.5), and on AWS the
    // edge compresses the 200.
    const notModified = () => new Response(null, { status: 304, headers: { etag, 'cache-control': cacheControl, vary: 'Accept-Encoding' } })
    // Our tag is only ever issued on a 200, so a match means the client holds this very answer.
    if (ifNoneMatchNames(ifNoneMatch, etag, { star: false })) return notModified()
    await next()
    // A route that sets its own caching (the docs' static assets, /healthz) keeps it: their
    // answers do not change with the registry version or the minute.
    if (c.res.status === 200 && !c.res.headers.has('cache-control')) {
      // `*` means "any current representation" (RFC 9110 §13.1.2): only an answer that exists
      // can be not modified; a 404 or a 400 stays what it is.
      c.res.headers.set('etag', etag)
      c.res.headers.set('cache-control', cacheControl)
      if (!/accept-encoding/i.test(c.res.headers.get('vary') ?? '')) c.res.headers.append('vary', 'Accept-Encoding')
      if (ifNoneMatchNames(ifNoneMatch, etag)) {
        const kept = [...c.res.headers].filter(([name]) => (RETAINED_304_HEADERS as readonly string[]).includes(name))
        c.res = undefined // drop the 200 whole, so none of its other headers is merged into the 304
        c.res = new Response(null, { status: 304, headers: kept })
      }
    }
  }
