import { Duration, RemovalPolicy } from 'aws-cdk-lib'
import * as s3 from 'aws-cdk-lib/aws-s3'
import type { Construct } from 'constructs'

export interface PrivateBucketProps {
  /** Where S3 writes this bucket's server access logs; absent only for the log bucket itself. */
  readonly accessLogs?: s3.IBucket
  /** Old object versions are kept this long, so a bad deploy or snapshot can be rolled back. @default 30 */
  readonly noncurrentVersionDays?: number
  /** Current objects expire after this many days. @default never */
  readonly expireAfterDays?: number
}

/**
 * Every bucket of the stack is the same kind of bucket: no public access of any sort, TLS-only
 * (a bucket policy denies plain HTTP), encrypted at rest, versioned, owner-enforced (no ACLs),
 * retained when the stack is destroyed. One function, so no bucket can drift from that.
 */
export function createPrivateBucket(scope: Construct, id: string, { accessLogs, noncurrentVersionDays = 30, expireAfterDays }: PrivateBucketProps = {}): s3.Bucket {
  checkNoncurrentVersionDays(id, noncurrentVersionDays)
  return new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    ...(accessLogs ? { serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: `${id.toLowerCase()}/` } : {}),
    lifecycleRules: [
      {
        id: 'old-versions',
        noncurrentVersionExpiration: Duration.days(noncurrentVersionDays),
        expiredObjectDeleteMarker: expireAfterDays === undefined,
        abortIncompleteMultipartUploadAfter: Duration.days(1),
        ...(expireAfterDays !== undefined ? { expiration: Duration.days(expireAfterDays) } : {}),
      },
    ],
  })
}

export function checkNoncurrentVersionDays(construct: string, days: number): void {
  if (!Number.isInteger(days) || days < 1) throw new Error(`${construct}: noncurrentVersionDays must be a whole number of days ≥ 1, got ${days}`)
}
