import { CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib'
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb'
import * as events from 'aws-cdk-lib/aws-events'
import * as iam from 'aws-cdk-lib/aws-iam'
import * as targets from 'aws-cdk-lib/aws-events-targets'
import type * as lambda from 'aws-cdk-lib/aws-lambda'
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources'
import { StartingPosition } from 'aws-cdk-lib/aws-lambda'
import * as sqs from 'aws-cdk-lib/aws-sqs'
import type * as s3 from 'aws-cdk-lib/aws-s3'
import { Construct } from 'constructs'
import { OPEN_DATA_PREFIX } from '../../functions/exports/open-data-layout.ts'
import { INDEXER_MEMORY_MIB } from '../function-memory.ts'
import { checkMemory, createNodeFunction } from './node-function.ts'
import type { SnapshotBucket } from './snapshot-bucket.ts'

export interface SnapshotIndexerProps {
  /** The registry table; it must have a stream. */
  readonly table: dynamodb.ITable
  readonly snapshots: SnapshotBucket
  /** Where the whole-registry open-data files go (under opendata/), served by CloudFront. */
  readonly openData: s3.IBucket
  /** Folder with the indexer bundle. */
  readonly codeDir: string
  /** A full rebuild reads every point; memory also buys CPU. @default INDEXER_MEMORY_MIB (2048; infra/function-memory.ts) */
  readonly memoryMiB?: number
  /** @default Duration.minutes(5) */
  readonly timeout?: Duration
  /**
   * Its /tmp, where a rebuild's records wait as JSON until they are copied into the snapshot
   * (functions/snapshot/spilled-column.ts): ~1.2 KB a point, so the default holds ~1.7 million
   * points (a national registry of ~700,000 takes ~840 MB). 512–10,240 MiB. @default 2048
   */
  readonly ephemeralStorageMiB?: number
  /** Stream records per invocation: one invocation is one rebuild. @default 1000 */
  readonly batchSize?: number
  /** How long Lambda gathers records before invoking, so an import becomes a few rebuilds, not thousands. @default Duration.seconds(10) */
  readonly maxBatchingWindow?: Duration
  /**
   * At most one rebuild at a time, so snapshots are published in order.
   * @default 1 (an account whose concurrency quota is still 10 must pass 0: no reservation)
   */
  readonly reservedConcurrency?: number
}

/**
 * The index pipeline: the table's stream invokes the indexer, which rebuilds the snapshot from
 * the whole registry and publishes it to the snapshot bucket. A nightly rule also rebuilds it,
 * because mobile units' upcoming stops are counted from the build's date (Europe/Rome).
 */
export class SnapshotIndexer extends Construct {
  public readonly function: lambda.Function
  /** Batches that failed every retry land here (their records say which shard and sequence). */
  public readonly deadLetters: sqs.Queue
  public readonly nightlyRebuild: events.Rule

  constructor(scope: Construct, id: string, props: SnapshotIndexerProps) {
    super(scope, id)
    const { table, snapshots, openData, codeDir, memoryMiB = INDEXER_MEMORY_MIB, timeout = Duration.minutes(5), ephemeralStorageMiB = 2048, batchSize = 1000, maxBatchingWindow = Duration.seconds(10), reservedConcurrency = 1 } = props
    if (!table.tableStreamArn) throw new Error('SnapshotIndexer: table must have a stream (RegistryTable enables one)')
    checkMemory('SnapshotIndexer', memoryMiB)
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error(`SnapshotIndexer: batchSize must be a whole number between 1 and 10000, got ${batchSize}`)
    if (maxBatchingWindow.toSeconds() > 300) throw new Error(`SnapshotIndexer: maxBatchingWindow must be at most 300 seconds, got ${maxBatchingWindow.toSeconds()}`)
    if (!Number.isInteger(ephemeralStorageMiB) || ephemeralStorageMiB < 512 || ephemeralStorageMiB > 10_240) {
      throw new Error(`SnapshotIndexer: ephemeralStorageMiB must be a whole number between 512 and 10240, got ${ephemeralStorageMiB}`)
    }
    if (timeout.toSeconds() > 900) throw new Error(`SnapshotIndexer: timeout must be at most 900 seconds (Lambda's limit), got ${timeout.toSeconds()}`)
    if (!Number.isInteger(reservedConcurrency) || reservedConcurrency < 0) throw new Error(`SnapshotIndexer: reservedConcurrency must be a whole number ≥ 0, got ${reservedConcurrency}`)

    this.function = createNodeFunction(this, 'Function', {
      codeDir,
      description: 'PuntoVicino indexer: registry stream → snapshot in S3',
      memoryMiB,
      timeout,
      ephemeralStorageMiB,
      environment: {
        PUNTOVICINO_TABLE: table.tableName,
        SNAPSHOT_BUCKET: snapshots.bucket.bucketName,
        SNAPSHOT_POINTER_KEY: snapshots.pointerKey,
        OPEN_DATA_BUCKET: openData.bucketName,
      },
      ...(reservedConcurrency > 0 ? { reservedConcurrentExecutions: reservedConcurrency } : {}),
    })
    // Exactly what a rebuild does: the version item (GetItem) and the whole table (Scan); no index, no write.
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Scan'], resources: [table.tableArn] }))
    snapshots.grantSnapshotPublish(this.function)
    // The open-data files: written whole each time (streamed as multipart uploads, aborted when the
    // write fails rather than left for the bucket's one-day rule), never read or deleted by the indexer.
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: [openData.arnForObjects(`${OPEN_DATA_PREFIX}*`)] }))
    Validations.of(this.function).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(openData.node.defaultChild as CfnElement)}.Arn>/${OPEN_DATA_PREFIX}*]`,
      reason: 'The indexer writes the open-data files (each as is, .gz and .br) under opendata/ of their own bucket; new formats are new names there. PutObject (multipart included) and AbortMultipartUpload only.',
    })

    this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      retentionPeriod: Duration.days(14),
    })
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the indexer; a dead-letter queue for it would never receive anything.',
    })
    this.function.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.LATEST,
        batchSize,
        maxBatchingWindow,
        // A rebuild reads the whole registry, so splitting a batch would only repeat the same work.
        bisectBatchOnError: false,
        retryAttempts: 5,
        parallelizationFactor: 1,
        onFailure: new SqsDlq(this.deadLetters),
      }),
    )

    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: "dynamodb:ListStreams has no resource-level permissions, so Lambda's DynamoDB event source needs it on *; it lists stream ARNs only, no data.",
    })

    // 23:05 UTC is just after midnight in Rome all year (00:05 CET, 01:05 CEST).
    this.nightlyRebuild = new events.Rule(this, 'NightlyRebuild', {
      description: 'Rebuilds the snapshot after midnight Europe/Rome, when the date that counts upcoming mobile stops moves on',
      schedule: events.Schedule.cron({ minute: '5', hour: '23' }),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 2 })],
    })
  }
}
