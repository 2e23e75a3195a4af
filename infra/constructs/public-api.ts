import { Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib'
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway'
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import type * as lambda from 'aws-cdk-lib/aws-lambda'
import * as logs from 'aws-cdk-lib/aws-logs'
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager'
import { Construct } from 'constructs'
import { checkMemory, createNodeFunction, LOG_RETENTION } from './node-function.ts'
import type { SnapshotBucket } from './snapshot-bucket.ts'

export interface PublicApiProps {
  readonly snapshots: SnapshotBucket
  /** Folder with the read API bundle. */
  readonly codeDir: string
  /** Memory also buys CPU: the snapshot loads faster at cold start. @default 1024 */
  readonly memoryMiB?: number
  /** @default Duration.seconds(10) */
  readonly timeout?: Duration
  /** Steady requests per second over the whole API. @default 500 */
  readonly rateLimit?: number
  /** Requests allowed in a burst above the rate. @default 1000 */
  readonly burstLimit?: number
  /** Origins allowed by CORS: the API is open data for any site. @default ['*'] */
  readonly corsAllowOrigins?: string[]
}

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
} as const

/**
 * The read API: an HTTP API (API Gateway v2) with stage throttling and CORS, whose every route
 * goes to one Lambda running the Hono app (hono/aws-lambda). The function reads the snapshot
 * bucket only; it has no permission on the table at all.
 */
export class PublicApi extends Construct {
  public readonly function: lambda.Function
  public readonly httpApi: apigwv2.HttpApi
  public readonly stage: apigwv2.HttpStage
  public readonly cursorSecret: secretsmanager.Secret
  /** The API's execute-api host name, the CloudFront origin. */
  public readonly originDomainName: string

  constructor(scope: Construct, id: string, props: PublicApiProps) {
    super(scope, id)
    const { snapshots, codeDir, memoryMiB = 1024, timeout = Duration.seconds(10), rateLimit = 500, burstLimit = 1000, corsAllowOrigins = ['*'] } = props
    checkMemory('PublicApi', memoryMiB)
    if (timeout.toSeconds() > 29) throw new Error(`PublicApi: timeout must be at most 29 seconds (API Gateway gives up at 30), got ${timeout.toSeconds()}`)
    if (!(rateLimit > 0)) throw new Error(`PublicApi: rateLimit must be a positive number of requests per second, got ${rateLimit}`)
    if (!Number.isInteger(burstLimit) || burstLimit < 1) throw new Error(`PublicApi: burstLimit must be a whole number ≥ 1, got ${burstLimit}`)
    if (corsAllowOrigins.length === 0) throw new Error('PublicApi: corsAllowOrigins must name at least one origin (or "*")')

    // Signs page cursors so clients cannot forge them; shared by every instance of the function.
    this.cursorSecret = new secretsmanager.Secret(this, 'CursorSecret', {
      description: 'PuntoVicino: HMAC key of the read API page cursors',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: RemovalPolicy.DESTROY,
    })

    this.function = createNodeFunction(this, 'Function', {
      codeDir,
      description: 'PuntoVicino read API: the Hono app on the S3 snapshot',
      memoryMiB,
      timeout,
      environment: {
        SNAPSHOT_BUCKET: snapshots.bucket.bucketName,
        SNAPSHOT_POINTER_KEY: snapshots.pointerKey,
        CURSOR_SECRET: this.cursorSecret.secretValue.unsafeUnwrap(),
      },
    })
    snapshots.grantSnapshotRead(this.function)

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'PuntoVicino public read API (v1)',
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration('Read', this.function, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 }),
      corsPreflight: {
        allowOrigins: corsAllowOrigins,
        allowMethods: [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.HEAD, apigwv2.CorsHttpMethod.OPTIONS],
        allowHeaders: ['content-type', 'if-none-match'],
        exposeHeaders: ['etag'],
        maxAge: Duration.days(1),
      },
    })

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY })
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
    this.originDomainName = Fn.parseDomainName(this.httpApi.apiEndpoint)

    Validations.of(this.httpApi.node.findChild('DefaultRoute')).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The read API is public open data by design (API.md: no authentication, CORS *): it serves GET only, is throttled at the stage, and its function can read nothing but the published snapshots. Write routes are separate and IAM-authorised (WriteApi).',
    })
    Validations.of(this.cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret only signs pagination cursors (integrity, not confidentiality: a leaked key lets someone forge a page offset of public data). Rotating it would break every cursor in flight for no security gain; rotate it by hand (update the secret, redeploy) if it ever leaks.',
    })
  }
}
