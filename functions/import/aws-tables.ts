import { GetItemCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { journalTableFor, TABLE_KEYS } from '../repository/table-design.ts'

/**
 * The registry table and its journal that an import pointed at AWS writes to, each found before a
 * row is read. On a deployed stack the journal's name is generated (the `JournalTableName`
 * output), so the default `<table>-journal` names nothing there: a first import, all creations,
 * went through, and the next one failed on its first change, half written.
 */
export class MissingTableError extends Error {}

export async function checkedAwsTables(client: DynamoDBClient, tableName: string, journalTableName: string | undefined): Promise<{ tableName: string; journalTableName: string }> {
  const journal = journalTableName ?? journalTableFor(tableName)
  if (!(await tableExists(client, tableName))) {
    throw new MissingTableError(`La tabella "${tableName}" non esiste / the table "${tableName}" does not exist (region ${await client.config.region()}): PUNTOVICINO_TABLE takes the stack's RegistryTableName output, AWS_REGION its region.`)
  }
  if (!(await tableExists(client, journal))) {
    const how = journalTableName === undefined ? `none was named, and "${journal}" (the default) does not exist` : `"${journal}" does not exist`
    throw new MissingTableError(`Manca il registro delle versioni / the journal table is missing: ${how}. Set PUNTOVICINO_JOURNAL_TABLE to the stack's JournalTableName output.`)
  }
  return { tableName, journalTableName: journal }
}

/**
 * Asked with a read of an item no table holds: the rights an import has already (GetItem), not
 * DescribeTable, which an importer's role limited to items lacks. Both tables key on pk and sk.
 */
async function tableExists(client: DynamoDBClient, name: string): Promise<boolean> {
  try {
    await client.send(new GetItemCommand({ TableName: name, Key: { [TABLE_KEYS.partitionKey]: { S: 'TABLE-CHECK' }, [TABLE_KEYS.sortKey]: { S: 'TABLE-CHECK' } } }))
    return true
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false
    throw error
  }
}
