import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda'
import { prefetchSnapshotReads } from '../snapshot/s3-prefetched-read.ts'
import type { ApiHandler, ApiHandlerDeps } from './create-api-handler.ts'
import { CachedSecret } from '../aws/secrets-manager.ts'
import { requireEnv, s3ObjectReaderFromEnvironment, secretsReaderFromEnvironment, type Environment } from './lambda-environment.ts'

export type { ApiHandler, ApiHandlerDeps } from './create-api-handler.ts'

/**
 * The read API's configuration from the stack's environment; it reaches S3 and Secrets Manager
 * without the AWS SDK's clients. The environment names the secrets (their ARNs), never holds them.
 */
export function apiDepsFromEnvironment(env: Environment): ApiHandlerDeps {
  const bucket = requireEnv(env, 'SNAPSHOT_BUCKET')
  const pointerKey = requireEnv(env, 'SNAPSHOT_POINTER_KEY')
  const readSecret = secretsReaderFromEnvironment(env)
  const cursorSecret = new CachedSecret(readSecret, requireEnv(env, 'CURSOR_SECRET_ARN'))
  const originSecretArn = env.ORIGIN_SECRET_ARN
  // During a rotation CloudFront may still send the previous value for a few minutes.
  const originSecret = originSecretArn ? new CachedSecret(readSecret, originSecretArn, { withPrevious: true }) : undefined
  return { readObject: s3ObjectReaderFromEnvironment(env, bucket), bucket, pointerKey, cursorSecret, ...(originSecret ? { originSecret } : {}) }
}

// In Lambda the init phase runs at full CPU before the first event: load the snapshot there.
// This small module starts the pointer GET first and, once the pointer is in, the snapshot GET;
// then it evaluates the app's module graph (zod and the request schemas, ICU's time-zone data,
// routes) while the snapshot travels. Evaluation is synchronous: a response arriving during it
// would wait for it to end, so importing the app while the pointer travels (tried) put the whole
// snapshot transfer after the evaluation: 2.56× a bare handler against 2.32× waiting first
// (`npm run bench -- infra`, same hour). The OpenAPI document, the CSV writer and every route
// but points and health (functions/api/deferred-routes.ts) load on their first request, after
// init: the first crawler on a page or caller of /v1/coverage on a fresh instance pays for them.
const inLambda = Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME && process.env.SNAPSHOT_BUCKET)
const initDeps = inLambda ? apiDepsFromEnvironment(process.env) : undefined
const prefetch = initDeps && prefetchSnapshotReads(initDeps.readObject, initDeps.pointerKey!)
// The secrets travel alongside the snapshot; `warm()` below awaits them.
const secretsLoading = initDeps && Promise.all([initDeps.cursorSecret, initDeps.originSecret].map((s) => (s instanceof CachedSecret ? s.refreshIfDue().catch(() => {}) : undefined)))
await prefetch?.pointerSettled
const prefetching = initDeps && prefetch && { ...initDeps, readObject: prefetch.readObject }

const api = await import('./create-api-handler.ts')
export const createApiHandler = api.createApiHandler

let configured: ApiHandler | undefined = prefetching && createApiHandler(prefetching)
if (configured) await Promise.all([configured.warm(), secretsLoading])

/** Lambda's entry point (`index.handler`), configured from the stack's environment on first use. */
export const handler = (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResult> =>
  (configured ??= createApiHandler(apiDepsFromEnvironment(process.env)))(event, context)
