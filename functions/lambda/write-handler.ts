import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda'
import { createOperatorsApp } from '../api/admin-app.ts'
import { jsonLinesToStdout, type LogSink } from '../api/middleware/request-log.ts'
import { accessTokenVerifier, remoteKeys, type VerifyAccessToken } from '../auth/access-tokens.ts'
import type { CachedSecret } from '../aws/secrets-manager.ts'
import type { Registry } from '../../shared/registry-port.ts'
import type { Reports } from '../../shared/reports-port.ts'
import { bundledGazetteer } from './bundled-gazetteer.ts'
import { requireEnv, type Environment } from './lambda-environment.ts'
import { lambdaHandlerOf, originChecks, originSecretFromEnvironment, tablesFromEnvironment } from './write-side-environment.ts'

/**
 * The operators' write API on Lambda: the same operators' app as `npm start`'s, behind the HTTP
 * API's JWT authorizer (Amazon Cognito) and verifying every token again itself with the same code,
 * against the user pool's JWKS. Cognito's access tokens name the app client in `client_id`. The
 * citizens' reports have a function of their own (reports-handler.ts), which cannot write points.
 */
export interface WriteHandlerDeps {
  readonly registry: Registry
  readonly reports: Reports
  readonly verifyToken: VerifyAccessToken
  /** The header value CloudFront adds; when given, requests without it are refused (403). */
  readonly originSecret?: CachedSecret
  readonly log?: LogSink
}

export function writeDepsFromEnvironment(env: Environment): WriteHandlerDeps {
  const issuer = requireEnv(env, 'OPERATORS_ISSUER')
  const originSecret = originSecretFromEnvironment(env)
  return {
    ...tablesFromEnvironment(env),
    verifyToken: accessTokenVerifier({ issuer, keys: remoteKeys(requireEnv(env, 'OPERATORS_JWKS_URL')), audience: { claim: 'client_id', value: requireEnv(env, 'OPERATORS_CLIENT_ID') } }),
    ...(originSecret ? { originSecret } : {}),
  }
}

export function createWriteHandler(deps: WriteHandlerDeps) {
  const log = deps.log ?? jsonLinesToStdout
  const app = createOperatorsApp({ registry: deps.registry, reports: deps.reports, verifyToken: deps.verifyToken, log, gazetteer: bundledGazetteer, ...originChecks(deps.originSecret) })
  return lambdaHandlerOf(app, deps.originSecret, log)
}

let configured: ReturnType<typeof createWriteHandler> | undefined
/** Lambda's entry point (`index.handler`), configured from the stack's environment on first use. */
export const handler = (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResult> => (configured ??= createWriteHandler(writeDepsFromEnvironment(process.env)))(event, context)
