import { CfnElement, Stack, Validations } from 'aws-cdk-lib'
import * as iam from 'aws-cdk-lib/aws-iam'
import type * as s3 from 'aws-cdk-lib/aws-s3'
import { Construct, type IConstruct } from 'constructs'
import { SNAPSHOT_LAYOUT } from '../../functions/snapshot/snapshot-pointer.ts'
import { checkNoncurrentVersionDays, createPrivateBucket } from './private-bucket.ts'

export interface SnapshotBucketProps {
  /** Bucket for S3 server access logs. */
  readonly accessLogs: s3.IBucket
  /** How long replaced snapshots and exports stay recoverable. @default 30 */
  readonly noncurrentVersionDays?: number
}

/**
 * The index snapshots (`snapshots/v….pvsn` plus the `snapshots/current.json` pointer) and the
 * open-data exports (`exports/`). Private: only the indexer writes and the API reads, with IAM.
 */
export class SnapshotBucket extends Construct {
  public readonly bucket: s3.Bucket
  public readonly pointerKey: string = SNAPSHOT_LAYOUT.pointerKey
  /** Key pattern of snapshot objects, for narrowly scoped grants. */
  public readonly snapshotKeys = 'snapshots/*'

  constructor(scope: Construct, id: string, { accessLogs, noncurrentVersionDays = 30 }: SnapshotBucketProps) {
    super(scope, id)
    checkNoncurrentVersionDays('SnapshotBucket', noncurrentVersionDays)
    this.bucket = createPrivateBucket(this, 'Bucket', { accessLogs, noncurrentVersionDays })
  }

  /**
   * Read the snapshots: GetObject under snapshots/ only. ListBucket lets S3 answer 404 rather
   * than 403 for a pointer not yet published, so a fresh stack reads as "empty", not "broken".
   */
  grantSnapshotRead(grantee: iam.IGrantable & IConstruct): void {
    Validations.of(grantee).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/${this.snapshotKeys}]`,
      reason: 'Each rebuild is a new object under snapshots/ (plus the current.json pointer), so access is to that prefix, not to fixed keys; nothing else in the bucket (exports/) is reachable.',
    })
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(this.snapshotKeys)] }))
    grantee.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.bucket.bucketArn] }))
  }

  /** Publish snapshots: read, write and prune under snapshots/ only. */
  grantSnapshotPublish(grantee: iam.IGrantable & IConstruct): void {
    this.grantSnapshotRead(grantee)
    grantee.grantPrincipal.addToPrincipalPolicy(
      // A snapshot file goes up in parts (functions/snapshot/s3-snapshot-publisher.ts); a failed one is aborted.
      new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'], resources: [this.bucket.arnForObjects(this.snapshotKeys)] }),
    )
  }
}
