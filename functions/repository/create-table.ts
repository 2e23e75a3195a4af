import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, type CreateTableCommandInput, type DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { JOURNAL_KEYS, TABLE_KEYS, journalTableFor } from './table-design.ts'

/**
 * Creates the registry table and its journal where they do not exist yet: used locally against
 * dynalite. On AWS the CDK stack owns both tables (same key names, from table-design.ts).
 */
export async function ensureRegistryTable(client: DynamoDBClient, tableName: string, journalTableName = journalTableFor(tableName)): Promise<void> {
  await createIfMissing(client, {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.byArea.partitionKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.byArea.sortKey, AttributeType: 'S' },
      { AttributeName: TABLE_KEYS.byOperator.partitionKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: TABLE_KEYS.byArea.indexName,
        KeySchema: [
          { AttributeName: TABLE_KEYS.byArea.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.byArea.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
      {
        IndexName: TABLE_KEYS.byOperator.indexName,
        KeySchema: [
          { AttributeName: TABLE_KEYS.byOperator.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.byOperator.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  })
  await createIfMissing(client, {
    TableName: journalTableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: JOURNAL_KEYS.partitionKey, AttributeType: 'S' },
      { AttributeName: JOURNAL_KEYS.sortKey, AttributeType: 'S' },
      { AttributeName: JOURNAL_KEYS.openReports.partitionKey, AttributeType: 'S' },
      { AttributeName: JOURNAL_KEYS.openReports.sortKey, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: JOURNAL_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: JOURNAL_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: JOURNAL_KEYS.openReports.indexName,
        KeySchema: [
          { AttributeName: JOURNAL_KEYS.openReports.partitionKey, KeyType: 'HASH' },
          { AttributeName: JOURNAL_KEYS.openReports.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  })
  await waitUntilActive(client, tableName)
  await waitUntilActive(client, journalTableName)
}

async function createIfMissing(client: DynamoDBClient, input: CreateTableCommandInput): Promise<void> {
  try {
    await client.send(new CreateTableCommand(input))
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error
  }
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  // dynalite (like DynamoDB) creates tables asynchronously: wait until it is ACTIVE.
  for (let i = 0; i < 200; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }))
    if (Table?.TableStatus === 'ACTIVE') return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`table ${tableName} did not become ACTIVE`)
}
