import type { MiddlewareHandler } from 'hono'

/** A percent-encoded letter, digit, `-`, `.`, `_` or `~`: characters no URL needs to encode (RFC 3986 §2.3). */
const ENCODED_UNRESERVED = /%(?:3[0-9]|4[1-9A-Fa-f]|5[0-9Aa]|6[1-9A-Fa-f]|7[0-9Aa]|2[DdEe]|5[Ff]|7[Ee])/g

/**
 * Sends a path that spells a character it need not encode (`/v1/%70oints.csv`) to its plain
 * spelling with a 308. The router decodes paths, so such a request would be answered as the
 * export it names, while the edge (WAF rule, API Gateway route throttle) counts the export by its
 * path as written: the plain spelling keeps every request counted where it belongs.
 */
export const canonicalPath = (): MiddlewareHandler =>
  async function canonicalPath(c, next) {
    // Every read request passes here: nothing is parsed unless the raw path holds a % at all.
    const queryAt = c.req.url.indexOf('?')
    if (!(queryAt < 0 ? c.req.url : c.req.url.slice(0, queryAt)).includes('%')) return next()
    const url = new URL(c.req.url)
    const plain = url.pathname
      .replace(ENCODED_UNRESERVED, (encoded) => String.fromCharCode(parseInt(encoded.slice(1), 16)))
      // "//host/…" as a Location is another host (an open redirect): one leading slash, always.
      .replace(/^[/\\]+/, '/')
    if (plain === url.pathname) return next()
    return c.redirect(`${plain}${url.search}`, 308)
  }
