import { Duration } from 'aws-cdk-lib'
import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { createPrivateBucket } from '../../../infra/constructs/private-bucket.ts'
import { API_ACCESS_LOG_FIELDS, EXPORT_ROUTE_PATHS, PublicApi, type PublicApiProps } from '../../../infra/constructs/public-api.ts'
import { SnapshotBucket } from '../../../infra/constructs/snapshot-bucket.ts'
import { stubCodeDir, testStack } from '../infra-test-stack.ts'

const codeDir = stubCodeDir()
function setup(overrides: Partial<PublicApiProps> = {}) {
  const stack = testStack()
  const snapshots = new SnapshotBucket(stack, 'Snapshots', { accessLogs: createPrivateBucket(stack, 'Logs') })
  return { stack, snapshots, make: () => new PublicApi(stack, 'Api', { snapshots, codeDir, ...overrides }) }
}

describe('PublicApi', () => {
  const { stack, snapshots, make } = setup()
  const api = make()
  const template = Template.fromStack(stack)

  it('runs the read function on Node.js 22, arm64, 1 GiB and 10 s, knowing the snapshot bucket and the names (not the values) of its secrets', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: 10,
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'WARN' },
      Environment: {
        Variables: {
          SNAPSHOT_BUCKET: { Ref: stack.getLogicalId(snapshots.bucket.node.defaultChild as never) },
          SNAPSHOT_POINTER_KEY: 'snapshots/current.json',
          CURSOR_SECRET_ARN: { Ref: stack.getLogicalId(api.cursorSecret.node.defaultChild as never) },
          ORIGIN_SECRET_ARN: { Ref: stack.getLogicalId(api.originSecret.node.defaultChild as never) },
          NODE_ENV: 'production',
        },
      },
    })
    // No secret is resolved into the function's configuration.
    const fn = Object.values(template.findResources('AWS::Lambda::Function'))[0]!
    expect(JSON.stringify(fn)).not.toMatch(/resolve:secretsmanager/)
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('dynamodb:')
  })

  it('may read exactly its two secrets, with GetSecretValue only', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>)
    const secretReads = statements.filter((s) => JSON.stringify(s.Action).includes('secretsmanager'))
    expect(secretReads.map((s) => s.Action)).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:GetSecretValue'])
    expect(secretReads.map((s) => s.Resource)).toEqual([
      { Ref: stack.getLogicalId(api.cursorSecret.node.defaultChild as never) },
      { Ref: stack.getLogicalId(api.originSecret.node.defaultChild as never) },
    ])
  })

  it('throttles the stage by rate and burst', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
    })
  })

  it('leaves CORS to the app: an HTTP API with CORS configured would replace its headers', () => {
    const [httpApi] = Object.values(template.findResources('AWS::ApiGatewayV2::Api'))
    expect(httpApi!.Properties.CorsConfiguration).toBeUndefined()
  })

  it('throttles each export route on its own, below the stage', () => {
    for (const path of EXPORT_ROUTE_PATHS) template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `GET ${path}` })
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      RouteSettings: Object.fromEntries(EXPORT_ROUTE_PATHS.map((path) => [`GET ${path}`, { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 }])),
    })
  })

  it('sends every route to the function with the v2 payload', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' })
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' })
  })

  it('writes access logs with the path only, never the query string that holds the caller position', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { AccessLogSettings: { Format: JSON.stringify(API_ACCESS_LOG_FIELDS) } })
    expect(JSON.stringify(API_ACCESS_LOG_FIELDS)).not.toMatch(/querystring|requestOverride|\$context\.path\b.*\?/i)
    expect(Object.values(API_ACCESS_LOG_FIELDS)).not.toContain('$context.identity.sourceIp')
  })

  it('generates the cursor secret instead of taking one from the repository', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true } })
    expect(api.originDomainName).toBeTruthy()
  })

  it('checks its props before building anything, naming the one it rejects', () => {
    expect(() => setup({ memoryMiB: 20_000 }).make()).toThrow('PublicApi: memoryMiB must be a whole number between 128 and 10240, got 20000')
    expect(() => setup({ timeout: Duration.seconds(45) }).make()).toThrow('PublicApi: timeout must be at most 29 seconds (API Gateway gives up at 30), got 45')
    expect(() => setup({ rateLimit: 0 }).make()).toThrow('PublicApi: rateLimit must be a positive number of requests per second, got 0')
    expect(() => setup({ burstLimit: 1.5 }).make()).toThrow('PublicApi: burstLimit must be a whole number ≥ 1, got 1.5')
    expect(() => setup({ exportRateLimit: 600 }).make()).toThrow('PublicApi: exportRateLimit must be above 0 and at most rateLimit (500), got 600')
  })
})
