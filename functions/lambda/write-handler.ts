import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda'
import { handle, type LambdaEvent } from 'hono/aws-lambda'
import { createAdminApp } from '../api/admin-app.ts'
import { bundledGazetteer } from './bundled-gazetteer.ts'
import { viewerAddress } from './viewer-address.ts'
import { jsonLinesToStdout, type LogSink } from '../api/middleware/request-log.ts'
import { accessTokenVerifier, remoteKeys, type VerifyAccessToken } from '../auth/access-tokens.ts'
import { CachedSecret } from '../aws/secrets-manager.ts'
import { DynamoDbRegistry } from '../repository/dynamodb-registry.ts'
import { DynamoDbReports } from '../repository/dynamodb-reports.ts'
import type { Registry } from '../../shared/registry-port.ts'
import type { Reports } from '../../shared/reports-port.ts'
import { requireEnv, secretsReaderFromEnvironment, type Environment } from './lambda-environment.ts'
import { dynamoDbClientFromEnvironment } from './sdk-clients.ts'

/**
 * The operators' write API on Lambda: the same admin app as `npm start`'s, behind the HTTP API's
 * JWT authorizer (Amazon Cognito) and verifying every token again itself with the same code,
 * against the user pool's JWKS. Cognito's access tokens name the app client in `client_id`.
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
  const readSecret = secretsReaderFromEnvironment(env)
  const client = dynamoDbClientFromEnvironment()
  const journal = requireEnv(env, 'PUNTOVICINO_JOURNAL_TABLE')
  return {
    registry: new DynamoDbRegistry({ client, tableName: requireEnv(env, 'PUNTOVICINO_TABLE'), journalTableName: journal }),
    reports: new DynamoDbReports(client, journal),
    verifyToken: accessTokenVerifier({ issuer, keys: remoteKeys(requireEnv(env, 'OPERATORS_JWKS_URL')), audience: { claim: 'client_id', value: requireEnv(env, 'OPERATORS_CLIENT_ID') } }),
    ...(env.ORIGIN_SECRET_ARN ? { originSecret: new CachedSecret(readSecret, env.ORIGIN_SECRET_ARN, { withPrevious: true }) } : {}),
  }
}

export function createWriteHandler(deps: WriteHandlerDeps) {
  const log = deps.log ?? jsonLinesToStdout
  const { originSecret } = deps
  const app = createAdminApp({
    registry: deps.registry,
    reports: deps.reports,
    verifyToken: deps.verifyToken,
    clientAddress: viewerAddress,
    log,
    gazetteer: bundledGazetteer,
    // The hash of addresses is keyed with the origin secret: the same on every instance, so the
    // limit holds across them, and unknown outside (requests without it never get this far).
    ...(originSecret ? { originSecrets: () => originSecret.get(), clientKeySecret: () => originSecret.get()[0] ?? '' } : {}),
  })
  const answer = handle(app)
  return async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResult> => {
    await originSecret?.refreshIfDue().catch((error: unknown) => log({ level: 'error', msg: 'secret not loaded', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }))
    return answer(event as unknown as LambdaEvent, context) as Promise<APIGatewayProxyResult>
  }
}

let configured: ReturnType<typeof createWriteHandler> | undefined
/** Lambda's entry point (`index.handler`), configured from the stack's environment on first use. */
export const handler = (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResult> => (configured ??= createWriteHandler(writeDepsFromEnvironment(process.env)))(event, context)
