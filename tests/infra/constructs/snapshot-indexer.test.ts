import { Duration } from 'aws-cdk-lib'
import { Match, Template } from 'aws-cdk-lib/assertions'
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb'
import { describe, expect, it } from 'vitest'
import { createPrivateBucket } from '../../../infra/constructs/private-bucket.ts'
import { RegistryTable } from '../../../infra/constructs/registry-table.ts'
import { SnapshotBucket } from '../../../infra/constructs/snapshot-bucket.ts'
import { SnapshotIndexer, type SnapshotIndexerProps } from '../../../infra/constructs/snapshot-indexer.ts'
import { stubCodeDir, testStack } from '../infra-test-stack.ts'

const codeDir = stubCodeDir()
function setup(overrides: Partial<SnapshotIndexerProps> = {}) {
  const stack = testStack()
  const registry = new RegistryTable(stack, 'Registry')
  const snapshots = new SnapshotBucket(stack, 'Snapshots', { accessLogs: createPrivateBucket(stack, 'Logs') })
  const openData = createPrivateBucket(stack, 'OpenData')
  const make = () => new SnapshotIndexer(stack, 'Indexer', { table: registry.table, snapshots, openData, codeDir, ...overrides })
  return { stack, registry, snapshots, openData, make }
}

describe('SnapshotIndexer', () => {
  const { stack, registry, snapshots, openData, make } = setup()
  const indexer = make()
  const openDataId = stack.getLogicalId(openData.node.defaultChild as never)
  const template = Template.fromStack(stack)
  const tableId = stack.getLogicalId(registry.table.node.defaultChild as never)
  const bucketId = stack.getLogicalId(snapshots.bucket.node.defaultChild as never)

  it('runs Node.js 22 on arm64 with 2 GiB, 5 minutes, a 2-GiB /tmp for the records its rebuild spills, one instance at a time, and the table and bucket in its environment', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: 2048,
      Timeout: 300,
      EphemeralStorage: { Size: 2048 },
      ReservedConcurrentExecutions: 1,
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'WARN' },
      Environment: {
        Variables: {
          PUNTOVICINO_TABLE: { Ref: tableId },
          SNAPSHOT_BUCKET: { Ref: bucketId },
          SNAPSHOT_POINTER_KEY: 'snapshots/current.json',
          OPEN_DATA_BUCKET: { Ref: openDataId },
          NODE_ENV: 'production',
        },
      },
    })
  })

  it('is fed by the table stream in large batches gathered for 10 seconds, with failures kept in a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [tableId, 'StreamArn'] },
      StartingPosition: 'LATEST',
      BatchSize: 1000,
      MaximumBatchingWindowInSeconds: 10,
      ParallelizationFactor: 1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: 5,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [stack.getLogicalId(indexer.deadLetters.node.defaultChild as never), 'Arn'] } } },
    })
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 })
  })

  it('also rebuilds every night just after midnight in Rome', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(5 23 * * ? *)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [stack.getLogicalId(indexer.function.node.defaultChild as never), 'Arn'] } })],
    })
  })

  it('may only read the table item by item or by scan, never write it or use its index', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Scan'], Resource: { 'Fn::GetAtt': [tableId, 'Arn'] } }]),
      },
    })
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'))
    expect(policies).not.toMatch(/dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|Query)/)
  })

  it('may only put the open-data files under opendata/ of their bucket (and abort a failed multipart upload there)', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [openDataId, 'Arn'] }, '/opendata/*']] } }]),
      },
    })
    const onOpenData = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: unknown; Resource: unknown }>)
      .filter((st) => JSON.stringify(st.Resource).includes(openDataId))
    expect(onOpenData.map((st) => st.Action)).toEqual([['s3:PutObject', 's3:AbortMultipartUpload']])
  })

  it('checks its props before building anything, naming the one it rejects', () => {
    expect(() => setup({ memoryMiB: 64 }).make()).toThrow('SnapshotIndexer: memoryMiB must be a whole number between 128 and 10240, got 64')
    expect(() => setup({ batchSize: 0 }).make()).toThrow('SnapshotIndexer: batchSize must be a whole number between 1 and 10000, got 0')
    expect(() => setup({ maxBatchingWindow: Duration.minutes(6) }).make()).toThrow('SnapshotIndexer: maxBatchingWindow must be at most 300 seconds, got 360')
    expect(() => setup({ timeout: Duration.minutes(20) }).make()).toThrow("SnapshotIndexer: timeout must be at most 900 seconds (Lambda's limit), got 1200")
    expect(() => setup({ reservedConcurrency: -1 }).make()).toThrow('SnapshotIndexer: reservedConcurrency must be a whole number ≥ 0, got -1')
    expect(() => setup({ ephemeralStorageMiB: 256 }).make()).toThrow('SnapshotIndexer: ephemeralStorageMiB must be a whole number between 512 and 10240, got 256')
  })

  it('leaves concurrency unreserved when asked to, for accounts whose quota is still 10', () => {
    const { stack: s, make: build } = setup({ reservedConcurrency: 0 })
    build()
    expect(JSON.stringify(Template.fromStack(s).findResources('AWS::Lambda::Function'))).not.toContain('ReservedConcurrentExecutions')
  })

  it('refuses a table without a stream', () => {
    const stack2 = testStack()
    const bare = new dynamodb.Table(stack2, 'Bare', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } })
    const snaps = new SnapshotBucket(stack2, 'Snapshots', { accessLogs: createPrivateBucket(stack2, 'Logs') })
    expect(() => new SnapshotIndexer(stack2, 'Indexer', { table: bare, snapshots: snaps, openData: createPrivateBucket(stack2, 'OpenData'), codeDir })).toThrow('SnapshotIndexer: table must have a stream (RegistryTable enables one)')
  })
})
