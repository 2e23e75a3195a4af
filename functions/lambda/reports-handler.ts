import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda'
import { createReportsApp } from '../api/admin-app.ts'
import { jsonLinesToStdout, type LogSink } from '../api/middleware/request-log.ts'
import type { CachedSecret } from '../aws/secrets-manager.ts'
import type { Registry } from '../../shared/registry-port.ts'
import type { Reports } from '../../shared/reports-port.ts'
import type { Environment } from './lambda-environment.ts'
import { viewerAddress } from './viewer-address.ts'
import { lambdaHandlerOf, originChecks, originSecretFromEnvironment, tablesFromEnvironment } from './write-side-environment.ts'

/**
 * The citizens' reports on Lambda ("Segnala un errore", public, no sign-in): a function of its own,
 * whose role may read a point and write reports and their counters in the journal, and nothing
 * else: a fault on this public path cannot reach the registry's points.
 */
export interface ReportsHandlerDeps {
  readonly registry: Pick<Registry, 'getPoint'>
  readonly reports: Reports
  /** The header value CloudFront adds; when given, requests without it are refused (403). */
  readonly originSecret?: CachedSecret
  readonly log?: LogSink
}

export function reportsDepsFromEnvironment(env: Environment): ReportsHandlerDeps {
  const originSecret = originSecretFromEnvironment(env)
  return { ...tablesFromEnvironment(env), ...(originSecret ? { originSecret } : {}) }
}

export function createReportsHandler(deps: ReportsHandlerDeps) {
  const log = deps.log ?? jsonLinesToStdout
  // The hash of addresses is keyed with the origin secret: the same on every instance, so the
  // limit holds across them, and unknown outside (requests without it never get this far).
  const { originSecret } = deps
  const app = createReportsApp({ registry: deps.registry, reports: deps.reports, clientAddress: viewerAddress, log, ...originChecks(originSecret), ...(originSecret ? { clientKeySecret: () => originSecret.get()[0] ?? '' } : {}) })
  return lambdaHandlerOf(app, deps.originSecret, log)
}

let configured: ReturnType<typeof createReportsHandler> | undefined
/** Lambda's entry point (`index.handler`), configured from the stack's environment on first use. */
export const handler = (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResult> => (configured ??= createReportsHandler(reportsDepsFromEnvironment(process.env)))(event, context)
