import * as iam from 'aws-cdk-lib/aws-iam'
import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { createPrivateBucket } from '../../../infra/constructs/private-bucket.ts'
import { SnapshotBucket } from '../../../infra/constructs/snapshot-bucket.ts'
import { testStack } from '../infra-test-stack.ts'

describe('SnapshotBucket', () => {
  const stack = testStack()
  const accessLogs = createPrivateBucket(stack, 'Logs')
  const snapshots = new SnapshotBucket(stack, 'Snapshots', { accessLogs })
  const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') })
  const publisher = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') })
  snapshots.grantSnapshotRead(reader)
  snapshots.grantSnapshotPublish(publisher)
  const template = Template.fromStack(stack)
  const bucketId = stack.getLogicalId(snapshots.bucket.node.defaultChild as never)

  it('is private, versioned, encrypted and logs its access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      LifecycleConfiguration: { Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, Status: 'Enabled' })] },
    })
    template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' })
  })

  it('denies every request that is not TLS 1.2 or later', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    })
  })

  it('grants readers GetObject under snapshots/ only, and publishers Put (in parts, aborted when one fails) and Delete there too', () => {
    const objects = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/snapshots/*']] }
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(reader.node.defaultChild as never) }],
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 's3:GetObject', Resource: objects },
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] } },
        ],
      },
    })
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(publisher.node.defaultChild as never) }],
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:DeleteObject'], Resource: objects }]) },
    })
  })

  it('rejects a version retention that is not a whole number of days', () => {
    const fresh = testStack()
    const logs = createPrivateBucket(fresh, 'Logs')
    expect(() => new SnapshotBucket(fresh, 'Snapshots', { accessLogs: logs, noncurrentVersionDays: 0.5 })).toThrow(
      'SnapshotBucket: noncurrentVersionDays must be a whole number of days ≥ 1, got 0.5',
    )
  })
})
