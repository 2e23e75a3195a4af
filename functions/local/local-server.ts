import { createServer, type Server } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import type { LocalOidc } from './oidc/local-oidc-provider.ts'

type FetchApp = { fetch: (request: Request) => Response | Promise<Response> }

export const ADMIN_PREFIX = '/v1/admin/'

/**
 * One HTTP server for `npm start`, routing as CloudFront does on AWS: `/v1/admin/…` to the
 * operators' app, `/oidc/…` to the identity provider (a Node handler: oidc-provider is Koa, not
 * fetch), everything else to the read app and the site.
 */
export function createLocalServer({ readApp, adminApp, oidc }: { readApp: FetchApp; adminApp: FetchApp; oidc: LocalOidc }): Server {
  const read = getRequestListener(readApp.fetch)
  const admin = getRequestListener(adminApp.fetch)
  return createServer((request, response) => {
    if (oidc.handle(request, response)) return
    if ((request.url ?? '').startsWith(ADMIN_PREFIX)) return void admin(request, response)
    void read(request, response)
  })
}
