import { Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib'
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway'
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import type * as lambda from 'aws-cdk-lib/aws-lambda'
import * as iam from 'aws-cdk-lib/aws-iam'
import * as logs from 'aws-cdk-lib/aws-logs'
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager'
import { Construct } from 'constructs'
import { checkMemory, createNodeFunction, LOG_RETENTION } from './node-function.ts'
import type { SnapshotBucket } from './snapshot-bucket.ts'
import { READ_API_MEMORY_MIB, READ_API_TIMEOUT_SECONDS } from '../function-memory.ts'

export interface PublicApiProps {
  readonly snapshots: SnapshotBucket
  /** Folder with the read API bundle. */
  readonly codeDir: string
  /** Memory also buys CPU, and the cold start is CPU-bound. @default READ_API_MEMORY_MIB (1024; infra/function-memory.ts) */
  readonly memoryMiB?: number
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration
  /** Steady requests per second over the whole API. @default 500 */
  readonly rateLimit?: number
  /** Requests allowed in a burst above the rate. @default 1000 */
  readonly burstLimit?: number
  /** Requests per second to each heavy export route (`/v1/points.csv`, `.geojson`). @default 20 */
  readonly exportRateLimit?: number
  /** @default 40 */
  readonly exportBurstLimit?: number
}

/** Routes of the heavy exports, throttled apart from the rest. */
export const EXPORT_ROUTE_PATHS = ['/v1/points.csv', '/v1/points.geojson'] as const

/**
 * Access log lines: who asked what, and how it went. The path only, never the query string,
 * which holds the caller's position (`near=`): logs keep no coordinates at all here.
 */
export const API_ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  responseBytes: '$context.responseLength',
  error: '$context.error.message',
  // Why the JWT authorizer refused an operators' request (expired, wrong audience, bad signature…).
  authorizerError: '$context.authorizer.error',
} as const

/**
 * The read API: an HTTP API (API Gateway v2) with stage throttling (tighter on the exports), whose
 * every route goes to one Lambda running the Hono app (hono/aws-lambda). The function reads the
 * snapshot bucket and its two secrets only; it has no permission on the table at all. Requests
 * that did not come through CloudFront are refused by the function (x-origin-verify).
 */
export class PublicApi extends Construct {
  public readonly function: lambda.Function
  /** The function's memory setting, in MiB (the memory alarm's reference). */
  public readonly memoryMiB: number
  public readonly httpApi: apigwv2.HttpApi
  public readonly stage: apigwv2.HttpStage
  public readonly cursorSecret: secretsmanager.Secret
  /**
   * The value CloudFront adds as `x-origin-verify` to every request it forwards; the function
   * refuses requests without it, so nobody reaches the API around the CDN.
   */
  public readonly originSecret: secretsmanager.Secret
  /** The stage's access log (JSON lines of API_ACCESS_LOG_FIELDS): the authorizer's refusals are counted from it. */
  public readonly accessLogs: logs.LogGroup
  /** The API's execute-api host name, the CloudFront origin. */
  public readonly originDomainName: string

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id)
    const { snapshots, codeDir, memoryMiB = READ_API_MEMORY_MIB, timeout = Duration.seconds(READ_API_TIMEOUT_SECONDS), rateLimit = 500, burstLimit = 1000, exportRateLimit = 20, exportBurstLimit = 40 } = props
    checkMemory('PublicApi', memoryMiB)
    this.memoryMiB = memoryMiB
    if (timeout.toSeconds() > 29) throw new Error(`PublicApi: timeout must be at most 29 seconds (API Gateway gives up at 30), got ${timeout.toSeconds()}`)
    if (!(rateLimit > 0)) throw new Error(`PublicApi: rateLimit must be a positive number of requests per second, got ${rateLimit}`)
    if (!Number.isInteger(burstLimit) || burstLimit < 1) throw new Error(`PublicApi: burstLimit must be a whole number ≥ 1, got ${burstLimit}`)
    if (!(exportRateLimit > 0) || exportRateLimit > rateLimit) throw new Error(`PublicApi: exportRateLimit must be above 0 and at most rateLimit (${rateLimit}), got ${exportRateLimit}`)
    if (!Number.isInteger(exportBurstLimit) || exportBurstLimit < 1) throw new Error(`PublicApi: exportBurstLimit must be a whole number ≥ 1, got ${exportBurstLimit}`)

    // Signs page cursors so clients cannot forge them; shared by every instance of the function.
    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      description: 'PuntoVicino: HMAC key of the read API page cursors',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    })

    this.originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      description: 'PuntoVicino: the x-origin-verify value CloudFront adds to requests for the API',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    })

    this.function = createNodeFunction(this, 'Function', {
      codeDir,
      description: 'PuntoVicino read API: the Hono app on the S3 snapshot',
      memoryMiB,
      timeout,
      // The secrets' names only: the function reads their values at cold start (and every 10
      // minutes), so they never sit in plain text in its configuration.
      environment: {
        SNAPSHOT_BUCKET: snapshots.bucket.bucketName,
        SNAPSHOT_POINTER_KEY: snapshots.pointerKey,
        CURSOR_SECRET_ARN: this.cursorSecret.secretArn,
        ORIGIN_SECRET_ARN: this.originSecret.secretArn,
      },
    })
    snapshots.grantSnapshotRead(this.function)
    for (const secret of [this.cursorSecret, this.originSecret]) {
      this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }))
    }

    // No corsPreflight here: an HTTP API with CORS configured replaces the backend's CORS headers,
    // so the app (functions/api/app.ts) is their one owner, locally and on AWS.
    const integration = new HttpLambdaIntegration('Read', this.function, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 })
    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'PuntoVicino public read API (v1)',
      createDefaultStage: false,
      defaultIntegration: integration,
    })
    // The exports have routes of their own only to be throttled on their own (below).
    const exportRoutes = EXPORT_ROUTE_PATHS.flatMap((path) => this.httpApi.addRoutes({ path, methods: [apigwv2.HttpMethod.GET], integration }))

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY })
    this.accessLogs = accessLogs
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit, burstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(API_ACCESS_LOG_FIELDS)),
      },
    })
    // RouteSettings is a free-form map in CloudFormation: its keys are passed as written, so
    // they carry CloudFormation's own capitalisation (CDK does not convert inside it).
    ;(this.stage.node.defaultChild as apigwv2.CfnStage).routeSettings = Object.fromEntries(
      EXPORT_ROUTE_PATHS.map((path) => [`GET ${path}`, { ThrottlingRateLimit: exportRateLimit, ThrottlingBurstLimit: exportBurstLimit }]),
    )
    this.originDomainName = Fn.parseDomainName(this.httpApi.apiEndpoint)
    for (const route of exportRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'The exports are public open data like the rest of the read API; their routes exist only to carry their own, lower throttle.',
      })
    }

    Validations.of(this.httpApi.node.findChild('DefaultRoute')).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The read API is public open data by design (API.md: no authentication, CORS *): it serves GET only, is throttled at the stage, and its function can read nothing but the published snapshots. The operators\' write routes are separate, behind a JWT authorizer (WriteApi).',
    })
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating it means a new value in Secrets Manager and a redeploy (CloudFront reads it at deploy time); the function accepts the previous value too (AWSPREVIOUS), so a rotation drops no request. A rotation Lambda could not update the distribution without broad CloudFront permissions. Rotate by hand, documented in docs/ARCHITECTURE.md.',
    })
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret only signs pagination cursors (integrity, not confidentiality: a leaked key lets someone forge a page offset of public data). Rotating it would break every cursor in flight for no security gain; rotate it by hand (update the secret, redeploy) if it ever leaks.',
    })
  }
}
