import type { APIGatewayProxyEventV2 } from 'aws-lambda'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { buildLambdas, type BuiltLambdas } from '../../../functions/lambda/build.ts'

type ApiModule = typeof import('../../../functions/lambda/api-handler.ts')
type IndexerModule = typeof import('../../../functions/lambda/indexer-handler.ts')
type WriteModule = typeof import('../../../functions/lambda/write-handler.ts')
type ReportsModule = typeof import('../../../functions/lambda/reports-handler.ts')

/**
 * The handlers as they ship: built by the deployment's esbuild configuration into a temporary
 * folder, then imported from the bundle (never from the TypeScript sources).
 */
export interface BundledLambdas {
  readonly built: BuiltLambdas
  readonly api: ApiModule
  readonly indexer: IndexerModule
  readonly write: WriteModule
  readonly reports: ReportsModule
  /** A second, fresh instance of the API bundle: a new module scope, as in a new Lambda instance. */
  freshApi(): Promise<ApiModule>
  cleanup(): Promise<void>
}

let instances = 0
export async function buildBundledLambdas(): Promise<BundledLambdas> {
  const outdir = await mkdtemp(join(tmpdir(), 'pv-lambda-'))
  const built = await buildLambdas(outdir)
  const load = <T>(name: 'api' | 'indexer' | 'write' | 'reports', instance = 0): Promise<T> =>
    import(/* @vite-ignore */ `${pathToFileURL(built.file(name)).href}?instance=${instance}`) as Promise<T>
  return {
    built,
    api: await load<ApiModule>('api'),
    indexer: await load<IndexerModule>('indexer'),
    write: await load<WriteModule>('write'),
    reports: await load<ReportsModule>('reports'),
    freshApi: () => load<ApiModule>('api', ++instances),
    cleanup: () => rm(outdir, { recursive: true, force: true }),
  }
}

/** One API Gateway v2 event; each case spreads its own path, query and method on top. */
export const baseV2Event: APIGatewayProxyEventV2 = {
  version: '2.0',
  routeKey: '$default',
  rawPath: '/healthz',
  rawQueryString: '',
  headers: { host: 'abc123.execute-api.eu-south-1.amazonaws.com', accept: 'application/json', 'user-agent': 'vitest' },
  requestContext: {
    accountId: '123456789012',
    apiId: 'abc123',
    domainName: 'abc123.execute-api.eu-south-1.amazonaws.com',
    domainPrefix: 'abc123',
    http: { method: 'GET', path: '/healthz', protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
    requestId: 'req-1',
    routeKey: '$default',
    stage: '$default',
    time: '23/Nov/2026:08:30:00 +0000',
    timeEpoch: 1_795_422_600_000,
  },
  isBase64Encoded: false,
}

export function getEvent(path: string, query = '', method = 'GET', headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    ...baseV2Event,
    headers: { ...baseV2Event.headers, ...headers },
    rawPath: path,
    rawQueryString: query,
    queryStringParameters: query ? Object.fromEntries(new URLSearchParams(query)) : undefined,
    requestContext: { ...baseV2Event.requestContext, http: { ...baseV2Event.requestContext.http, method, path } },
  }
}
