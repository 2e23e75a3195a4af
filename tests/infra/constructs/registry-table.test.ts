import { RemovalPolicy } from 'aws-cdk-lib'
import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { TABLE_KEYS } from '../../../functions/repository/table-design.ts'
import { RegistryTable } from '../../../infra/constructs/registry-table.ts'
import { testStack } from '../infra-test-stack.ts'

describe('RegistryTable', () => {
  const stack = testStack()
  new RegistryTable(stack, 'Registry')
  const template = Template.fromStack(stack)

  it('is on-demand, with point-in-time recovery, deletion protection, encryption and a keys-only stream', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      // SSEEnabled with no key named: the AWS-managed KMS key (aws/dynamodb).
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    })
  })

  it('keeps past versions in a journal table of its own, as protected as the registry, with the journal key names', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 2)
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      StreamSpecification: Match.absent(),
      // Sparse: only open reports carry the keys, so the index lists what operators must answer.
      GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'open-reports', Projection: { ProjectionType: 'ALL' } })],
      TimeToLiveSpecification: { AttributeName: 'expires_at', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    })
  })

  it('is retained when the stack is deleted or the table replaced', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' })
  })

  it('uses the key names and indexes of table-design.ts, the same as the local table', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: TABLE_KEYS.byArea.indexName,
          KeySchema: [
            { AttributeName: TABLE_KEYS.byArea.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE_KEYS.byArea.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
        Match.objectLike({
          IndexName: TABLE_KEYS.byOperator.indexName,
          KeySchema: [
            { AttributeName: TABLE_KEYS.byOperator.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE_KEYS.byOperator.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        }),
      ],
    })
  })

  it('refuses to be destroyable while deletion protection is on', () => {
    expect(() => new RegistryTable(testStack(), 'Registry', { removalPolicy: RemovalPolicy.DESTROY })).toThrow(
      'RegistryTable: removalPolicy DESTROY contradicts deletionProtection; set deletionProtection: false to let the table be destroyed',
    )
  })
})
