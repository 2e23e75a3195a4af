import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda'
import { defaultIsContentTypeBinary, handle, type LambdaEvent } from 'hono/aws-lambda'
import { AsyncLocalStorage } from 'node:async_hooks'
import { bundledGazetteer } from './bundled-gazetteer.ts'
import { createApp, NotReadyError } from '../api/app.ts'
import { CachedSecret } from '../aws/secrets-manager.ts'
import { jsonLinesToStdout, type LogSink } from '../api/middleware/request-log.ts'
import type { DocsAssetReader } from '../api/routes/docs.ts'
import type { ReadS3Object } from '../snapshot/s3-object-reader.ts'
import { S3SnapshotSource } from '../snapshot/s3-snapshot-source.ts'

export interface ApiHandlerDeps {
  /** How to read S3: a signed GET without the SDK, as the deployed function does (see S3SnapshotSource). */
  readonly readObject: ReadS3Object
  readonly bucket: string
  readonly pointerKey?: string
  /** The cursor key: a fixed value (tests, tools) or read from Secrets Manager and kept fresh. */
  readonly cursorSecret: string | CachedSecret
  /** The header value CloudFront adds; when given, requests without it are refused (403). */
  readonly originSecret?: CachedSecret
  /** @default 30000 */
  readonly recheckEveryMs?: number
  readonly now?: () => Date
  readonly log?: LogSink
  /** Records beyond this many bytes stay in S3, read by range (S3SnapshotSource). @default SPLIT_RECORDS_ABOVE_BYTES */
  readonly splitRecordsAbove?: number
}

export type ApiHandler = ((event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyResult>) & {
  /** Loads the snapshot now (the cold start does this before the first event arrives). */
  warm(): Promise<void>
  readonly snapshots: S3SnapshotSource
}

// Swagger UI's files are served by CloudFront from the web bucket (/v1/docs/assets/*), so they
// are not carried in this bundle; a request that reaches the function for one gets a 404.
const docsAssetsServedByCloudFront: DocsAssetReader = async () => undefined

/**
 * What an invocation keeps of its time for the answer once its records are fetched: the round of
 * fetching under way when the budget runs out (~0.5 s a round in the infra bench's national run)
 * and the rendering of the answer.
 */
export const ANSWER_RESERVE_MS = 2_000

function currentValue(secret: CachedSecret, missing: string): string {
  const [current] = secret.get()
  if (current === undefined) throw new NotReadyError(missing)
  return current
}

/** The read API on Lambda: the same Hono app as locally, answering from the snapshot in S3. */
export function createApiHandler(deps: ApiHandlerDeps): ApiHandler {
  const now = deps.now ?? (() => new Date())
  const log = deps.log ?? jsonLinesToStdout
  // When the invocation being answered must have answered (performance.now()), from Lambda's
  // context: records fetched by range stop in time to say so rather than run into the function's
  // timeout, whatever timeout the stack gives it. Kept per invocation, not in one variable: an
  // instance answers one invocation at a time on Lambda as it is deployed, not on Lambda Managed
  // Instances nor when a caller runs the handler concurrently.
  const invocation = new AsyncLocalStorage<{ endsAt: number }>()
  const snapshots = new S3SnapshotSource({
    readObject: deps.readObject,
    bucket: deps.bucket,
    pointerKey: deps.pointerKey,
    recheckEveryMs: deps.recheckEveryMs,
    splitRecordsAbove: deps.splitRecordsAbove,
    fetchBudgetMs: () => {
      const endsAt = invocation.getStore()?.endsAt
      return endsAt === undefined ? undefined : endsAt - performance.now() - ANSWER_RESERVE_MS
    },
    now: () => now().getTime(),
    onLoaded: (pointer, loadMs) =>
      log({ level: 'info', msg: 'snapshot loaded', key: pointer.key, registryVersion: pointer.registryVersion, points: pointer.pointCount, bytes: pointer.bytes, ms: Math.round(loadMs) }),
    onError: (error) => log({ level: 'error', msg: 'snapshot check failed; serving the snapshot already loaded', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  })
  const { cursorSecret, originSecret } = deps
  const secrets = [cursorSecret, originSecret].filter((s): s is CachedSecret => s instanceof CachedSecret)
  const app = createApp({
    snapshots,
    gazetteer: bundledGazetteer,
    cursorSecret: typeof cursorSecret === 'string' ? cursorSecret : () => currentValue(cursorSecret, 'the cursor key is not loaded'),
    ...(originSecret ? { originSecrets: () => originSecret.get() } : {}),
    readDocsAsset: docsAssetsServedByCloudFront,
    // Requests come through CloudFront (origin-verify), which tells the site's origin for canonical addresses.
    trustSiteOriginHeader: originSecret !== undefined,
    now,
    log,
  })
  const refreshSecrets = () =>
    Promise.all(
      secrets.map((secret) =>
        secret.refreshIfDue().catch((error: unknown) => log({ level: 'error', msg: 'secret not loaded', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })),
      ),
    )
  // The CSV export starts with a UTF-8 BOM (so spreadsheet programs read accents right); as text
  // the adapter would decode and drop it, so CSV travels base64-encoded, byte for byte.
  const answer = handle(app, { isContentTypeBinary: (type) => defaultIsContentTypeBinary(type) || type.startsWith('text/csv') })
  const respond = async (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResult> => {
    await Promise.all([snapshots.refreshIfDue(), refreshSecrets()])
    // @types/aws-lambda types an absent body as undefined, hono as null; the adapter handles both.
    return answer(event as unknown as LambdaEvent, context) as Promise<APIGatewayProxyResult>
  }
  const handler = (event: APIGatewayProxyEventV2, context?: Context): Promise<APIGatewayProxyResult> => {
    const remainingMs = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : Number.NaN
    if (!Number.isFinite(remainingMs)) return respond(event, context)
    return invocation.run({ endsAt: performance.now() + remainingMs }, () => respond(event, context))
  }
  return Object.assign(handler, { warm: async () => void (await Promise.all([snapshots.refreshIfDue(), refreshSecrets()])), snapshots })
}
