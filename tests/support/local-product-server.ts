import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAdminApp } from '../../functions/api/admin-app.ts'
import { createLocalOidc, type LocalOidc } from '../../functions/local/oidc/local-oidc-provider.ts'
import { createLocalServer, socketAddress } from '../../functions/local/local-server.ts'
import { DynamoDbReports } from '../../functions/repository/dynamodb-reports.ts'
import type { Registry } from '../../shared/registry-port.ts'
import { localGazetteer } from '../../functions/gazetteer/load-comuni.ts'

/**
 * The operators' side as `npm start` composes it (read app stubbed by the caller): the real local
 * OpenID provider and the admin app on one server, on a free port, with a throwaway data folder.
 */
export interface OperatorsServer {
  readonly origin: string
  readonly oidc: LocalOidc
  readonly dataDir: string
  close(): Promise<void>
}

export async function startOperatorsServer({
  registry,
  reports,
  readApp = { fetch: () => new Response('read app', { status: 404 }) },
  onWrite,
  accessTokenTtlSeconds,
  hostName = 'localhost',
  now,
}: {
  registry: Registry
  reports: DynamoDbReports
  readApp?: { fetch: (r: Request) => Response | Promise<Response> }
  onWrite?: () => void
  accessTokenTtlSeconds?: number
  /** The name the browser uses for the server: the issuer and the console's address use it. */
  hostName?: 'localhost' | '127.0.0.1'
  now?: () => Date
}): Promise<OperatorsServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pv-oidc-'))
  // The issuer names the port, so the port is taken first and the provider made for it.
  let handler: Parameters<typeof createLocalServer>[0] | undefined
  const server = createLocalServer({
    readApp: { fetch: (r) => handler!.readApp.fetch(r) },
    adminApp: { fetch: (r) => handler!.adminApp.fetch(r) },
    oidc: { handle: (req, res) => handler!.oidc.handle(req, res) } as LocalOidc,
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://${hostName}:${(server.address() as AddressInfo).port}`
  const oidc = await createLocalOidc({ dataDir, origin, accessTokenTtlSeconds })
  handler = { readApp, adminApp: createAdminApp({ registry, reports, verifyToken: oidc.verifyToken, clientAddress: socketAddress, log: () => {}, onWrite, gazetteer: localGazetteer, ...(now ? { now } : {}) }), oidc }
  return {
    origin,
    oidc,
    dataDir,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
