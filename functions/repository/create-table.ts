import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, type DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { TABLE_KEYS } from './table-design.ts'

/**
 * Creates the registry table where it does not exist yet: used locally against dynalite. On AWS
 * the CDK stack owns the table (same key names, from table-design.ts).
 */
export async function ensureRegistryTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
          { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
          { AttributeName: TABLE_KEYS.byArea.partitionKey, AttributeType: 'S' },
          { AttributeName: TABLE_KEYS.byArea.sortKey, AttributeType: 'S' },
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
        ],
      }),
    )
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error
  }
  // dynalite (like DynamoDB) creates tables asynchronously: wait until it is ACTIVE.
  for (let i = 0; i < 200; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }))
    if (Table?.TableStatus === 'ACTIVE') return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`table ${tableName} did not become ACTIVE`)
}
