import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { ensureRegistryTable } from '../../functions/repository/create-table.ts'
import { DynamoDbRegistry, type DynamoDbRegistryOptions } from '../../functions/repository/dynamodb-registry.ts'
import { DynamoDbReports } from '../../functions/repository/dynamodb-reports.ts'
import { journalTableFor } from '../../functions/repository/table-design.ts'
import { localDynamoDbClient, startLocalDynamoDb, type LocalDynamoDb, type LocalDynamoDbOptions } from '../../functions/local/local-dynamodb.ts'

/** A fresh in-memory dynalite with the registry table: the real server, reached over HTTP. */
export interface LocalRegistryFixture {
  readonly dynamo: LocalDynamoDb
  readonly client: DynamoDBClient
  readonly tableName: string
  registry(options?: Partial<DynamoDbRegistryOptions>): DynamoDbRegistry
  /** Citizens' reports in the registry's journal table. */
  reports(): DynamoDbReports
  close(): Promise<void>
}

let tableCounter = 0
export async function startLocalRegistry(options: LocalDynamoDbOptions = {}): Promise<LocalRegistryFixture> {
  const dynamo = await startLocalDynamoDb(options)
  const client = localDynamoDbClient(dynamo)
  const tableName = `registry-test-${++tableCounter}`
  await ensureRegistryTable(client, tableName)
  return {
    dynamo,
    client,
    tableName,
    registry: (options = {}) => new DynamoDbRegistry({ client, tableName, backoff: { baseMs: 1, capMs: 5 }, ...options }),
    reports: () => new DynamoDbReports(client, journalTableFor(tableName), { baseMs: 1, capMs: 5 }),
    close: async () => {
      client.destroy()
      await dynamo.close()
    },
  }
}

/** A registry of its own for one test, closed whatever the test does. */
export async function withLocalRegistry<T>(use: (fixture: LocalRegistryFixture) => Promise<T>, options: LocalDynamoDbOptions = {}): Promise<T> {
  const fixture = await startLocalRegistry(options)
  try {
    return await use(fixture)
  } finally {
    await fixture.close()
  }
}
