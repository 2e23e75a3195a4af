import { Duration } from 'aws-cdk-lib'
import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { createPrivateBucket } from '../../../infra/constructs/private-bucket.ts'
import { API_ACCESS_LOG_FIELDS, PublicApi, type PublicApiProps } from '../../../infra/constructs/public-api.ts'
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

  it('runs the read function on Node.js 22, arm64, 1 GiB and 10 s, knowing only the snapshot bucket and the cursor secret', () => {
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
          CURSOR_SECRET: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
          NODE_ENV: 'production',
        },
      },
    })
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('dynamodb:')
  })

  it('throttles the stage by rate and burst', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 },
    })
  })

  it('allows any origin to GET with CORS and exposes the ETag', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: { AllowOrigins: ['*'], AllowMethods: ['GET', 'HEAD', 'OPTIONS'], ExposeHeaders: ['etag'], MaxAge: 86400 },
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
    expect(() => setup({ corsAllowOrigins: [] }).make()).toThrow('PublicApi: corsAllowOrigins must name at least one origin (or "*")')
  })
})
