import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Context } from 'hono'
import { getRequestListener } from '@hono/node-server'
import type { LocalOidc } from './oidc/local-oidc-provider.ts'
import { problemDocument } from '../api/problem.ts'

type FetchApp = { fetch: (request: Request) => Response | Promise<Response> }

export const ADMIN_PREFIX = '/v1/admin/'
/** Citizens' reports: writes, so the write app's, though under /v1/points/ like the read API. */
const REPORTS_PATH = /^\/v1\/points\/[^/?]+\/reports(\/|\?|$)/

/** Requests the write app answers, as CloudFront's behaviours send them on AWS. */
export const isWriteAppPath = (url: string): boolean => url.startsWith(ADMIN_PREFIX) || REPORTS_PATH.test(url)

/** The caller's address under @hono/node-server: the socket's (nothing proxies `npm start`). */
export const socketAddress = (c: Context): string => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress ?? 'unknown'

/**
 * One HTTP server for `npm start`, routing as CloudFront does on AWS: `/v1/admin/…` and the
 * citizens' reports to the write app, `/oidc/…` to the identity provider (a Node handler: oidc-provider is Koa, not
 * fetch), everything else to the read app and the site.
 */
export function createLocalServer({ readApp, adminApp, oidc }: { readApp: FetchApp; adminApp: FetchApp; oidc: LocalOidc }): Server {
  const read = getRequestListener(readApp.fetch)
  const admin = getRequestListener(adminApp.fetch)
  const server = createServer((request, response) => {
    if (oidc.handle(request, response)) return
    if (isWriteAppPath(request.url ?? '')) return void admin(request, response)
    void read(request, response)
  })
  server.on('clientError', answerUnreadableRequest)
  return server
}

/**
 * A request node's parser refuses before any app sees it (a raw à in the address, as curl sends
 * what is typed): node answered a bare 400 with no body, where the contract makes every 4xx a
 * problem document. (On AWS, CloudFront answers such requests.)
 */
function answerUnreadableRequest(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy()
  // Headers too large, or a request that never finished arriving, are what node says they are.
  const [status, reason, detail] =
    error.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', 'The request headers are too large.']
    : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout', 'The request did not arrive in time.']
    : [400, 'Bad Request', 'The request line could not be read: write the address in ASCII, with other characters percent-encoded as UTF-8 (à is %C3%A0, a space %20).']
  // (Not a parameter's fault: RFC 9457's about:blank, titled by the status.)
  const body = JSON.stringify(status === 400 ? problemDocument('invalidParameter', detail) : { type: 'about:blank', title: reason, status, detail })
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nAccess-Control-Allow-Origin: *\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
