import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import dynalite from 'dynalite'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A real DynamoDB-compatible server in this process (dynalite), reached by the real AWS SDK over
 * HTTP on loopback: on disk under `path` (kept across restarts) or in memory when `path` is absent.
 *
 * dynalite checks no credentials and answers every origin with CORS `*`: left as it is, any web
 * page open in the machine's browser could read and rewrite the registry. So in front of it:
 * loopback only; no request from a web page (browsers always send `Origin` cross-site, and a
 * preflight `OPTIONS` is refused with no CORS header, so the real request is never sent); the
 * Host must be this loopback address (a DNS-rebinding page names its own host); and the request
 * must be signed with the access key made for this run, which only processes that can read the
 * data folder know.
 */
export interface LocalDynamoDbAccess {
  readonly endpoint: string
  /** The run's key: requests signed with another are refused. */
  readonly accessKeyId: string
}

export interface LocalDynamoDb extends LocalDynamoDbAccess {
  close(): Promise<void>
}

export interface LocalDynamoDbOptions {
  /** LevelDB folder; in memory when absent. */
  readonly path?: string
  /** @default 0 (any free port) */
  readonly port?: number
  /**
   * The key requests must be signed with. @default a random one for this run. (Tests that run a
   * bundled Lambda give the one their other stand-in, s3rver, insists on: a Lambda has one key.)
   */
  readonly accessKeyId?: string
}

export async function startLocalDynamoDb({ path, port = 0, accessKeyId = `local${randomBytes(16).toString('hex')}` }: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  const serveDynamo = server.listeners('request')[0] as RequestListener
  server.removeAllListeners('request')
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const { port: boundPort } = server.address() as AddressInfo
  const hosts = new Set([`127.0.0.1:${boundPort}`, `localhost:${boundPort}`])
  server.on('request', (req, res) => {
    const refusal = refusalOf(req, hosts, accessKeyId)
    if (refusal === undefined) return serveDynamo(req, res)
    req.resume()
    res.writeHead(403, { 'Content-Type': 'application/x-amz-json-1.0' })
    res.end(JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#AccessDeniedException', message: refusal }))
  })
  return {
    endpoint: `http://127.0.0.1:${boundPort}`,
    accessKeyId,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** Why a request must not reach dynalite, or undefined when it may. */
function refusalOf(req: IncomingMessage, hosts: ReadonlySet<string>, accessKeyId: string): string | undefined {
  if (req.method === 'OPTIONS' || req.headers.origin !== undefined) return 'requests from web pages are not served'
  if (!hosts.has(req.headers.host ?? '')) return 'unexpected Host: this endpoint answers only on its loopback address'
  const credential = /Credential=([^/,\s]+)\//.exec(req.headers.authorization ?? '')?.[1]
  if (credential === undefined || !sameText(credential, accessKeyId)) return 'the request is not signed with the key of this local registry (see .data/local-endpoint.json)'
  return undefined
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** An SDK client for a local endpoint, signing with the run's key (dynalite itself checks no signature). */
export function localDynamoDbClient({ endpoint, accessKeyId }: LocalDynamoDbAccess): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'eu-south-1',
    credentials: { accessKeyId, secretAccessKey: 'local' },
    maxAttempts: 3,
  })
}
