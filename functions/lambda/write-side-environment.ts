import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda'
import type { Hono } from 'hono'
import { handle, type LambdaEvent } from 'hono/aws-lambda'
import type { LogSink } from '../api/middleware/request-log.ts'
import { CachedSecret } from '../aws/secrets-manager.ts'
import { DynamoDbRegistry } from '../repository/dynamodb-registry.ts'
import { DynamoDbReports } from '../repository/dynamodb-reports.ts'
import { requireEnv, secretsReaderFromEnvironment, type Environment } from './lambda-environment.ts'
import { dynamoDbClientFromEnvironment } from './sdk-clients.ts'

/**
 * What the two write-side functions (the operators' API, the citizens' reports) read from the
 * stack's environment alike: the registry and its journal, and the secret CloudFront sends. Apart
 * from lambda-environment.ts so the read function's bundle never takes the SDK's DynamoDB client.
 */
export function tablesFromEnvironment(env: Environment): { registry: DynamoDbRegistry; reports: DynamoDbReports } {
  const client = dynamoDbClientFromEnvironment()
  const journal = requireEnv(env, 'PUNTOVICINO_JOURNAL_TABLE')
  return { registry: new DynamoDbRegistry({ client, tableName: requireEnv(env, 'PUNTOVICINO_TABLE'), journalTableName: journal }), reports: new DynamoDbReports(client, journal) }
}

/** During a rotation CloudFront may still send the previous value for a few minutes. */
export const originSecretFromEnvironment = (env: Environment): CachedSecret | undefined =>
  env.ORIGIN_SECRET_ARN ? new CachedSecret(secretsReaderFromEnvironment(env), env.ORIGIN_SECRET_ARN, { withPrevious: true }) : undefined

/** A write-side app answers only requests that carry the secret CloudFront sends. */
export const originChecks = (originSecret: CachedSecret | undefined) => (originSecret ? { originSecrets: () => originSecret.get() } : {})

/** A write-side app as a Lambda handler: the origin secret refreshed when due, then the app's answer. */
export function lambdaHandlerOf(app: Hono, originSecret: CachedSecret | undefined, log: LogSink) {
  const answer = handle(app)
  return async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResult> => {
    await originSecret?.refreshIfDue().catch((error: unknown) => log({ level: 'error', msg: 'secret not loaded', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }))
    return answer(event as unknown as LambdaEvent, context) as Promise<APIGatewayProxyResult>
  }
}
