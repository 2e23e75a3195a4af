import { RemovalPolicy } from 'aws-cdk-lib'
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb'
import { Construct } from 'constructs'
import { JOURNAL_KEYS, TABLE_KEYS } from '../../functions/repository/table-design.ts'

export interface RegistryTableProps {
  /** @default RemovalPolicy.RETAIN: the registry is the source of truth and outlives the stack */
  readonly removalPolicy?: RemovalPolicy
  /** @default true */
  readonly deletionProtection?: boolean
}

/**
 * The registry's one DynamoDB table, with the key names of functions/repository/table-design.ts
 * (the local dynalite table reads the same file). On-demand, point-in-time recovery, AWS-managed
 * KMS encryption, and a KEYS_ONLY stream: the indexer only needs to know that something changed,
 * since it rebuilds the snapshot from the whole registry.
 */
export class RegistryTable extends Construct {
  public readonly table: dynamodb.Table
  /**
   * Each point's past versions and the citizens' reports (what accumulates and no snapshot reads): a table apart,
   * so the indexer's full scan of the registry never grows with the history. Same protection as
   * the registry; no stream, since no reader follows it.
   */
  public readonly journal: dynamodb.Table

  constructor(scope: Construct, id: string, { removalPolicy = RemovalPolicy.RETAIN, deletionProtection = true }: RegistryTableProps = {}) {
    super(scope, id)
    if (removalPolicy === RemovalPolicy.DESTROY && deletionProtection) {
      throw new Error('RegistryTable: removalPolicy DESTROY contradicts deletionProtection; set deletionProtection: false to let the table be destroyed')
    }
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      stream: dynamodb.StreamViewType.KEYS_ONLY,
      removalPolicy,
    })
    this.journal = new dynamodb.Table(this, 'Journal', {
      partitionKey: { name: JOURNAL_KEYS.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: JOURNAL_KEYS.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // The reports' rate-limit counters remove themselves a day after their window.
      timeToLiveAttribute: JOURNAL_KEYS.expiresAt,
      removalPolicy,
    })
    this.journal.addGlobalSecondaryIndex({
      indexName: JOURNAL_KEYS.openReports.indexName,
      partitionKey: { name: JOURNAL_KEYS.openReports.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: JOURNAL_KEYS.openReports.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    })
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_KEYS.byArea.indexName,
      partitionKey: { name: TABLE_KEYS.byArea.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.byArea.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    })
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_KEYS.byOperator.indexName,
      partitionKey: { name: TABLE_KEYS.byOperator.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.byOperator.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    })
  }
}
