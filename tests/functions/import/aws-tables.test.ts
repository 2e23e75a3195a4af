import { DeleteTableCommand } from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { checkedAwsTables, MissingTableError } from '../../../functions/import/aws-tables.ts'
import { journalTableFor } from '../../../functions/repository/table-design.ts'
import { withLocalRegistry } from '../../support/local-registry.ts'

/**
 * `npm run import` pointed at AWS (PUNTOVICINO_TABLE): on a deployed stack the journal table has a
 * generated name, so the default `<table>-journal` names nothing; a first import (creations only)
 * went through and the next one failed on its first change. Both tables are checked before a row is read.
 */
describe('the AWS tables an import writes to', () => {
  it('are both found before anything is read, the journal by its own name', async () => {
    await withLocalRegistry(async ({ client, tableName }) => {
      expect(await checkedAwsTables(client, tableName, undefined)).toEqual({ tableName, journalTableName: journalTableFor(tableName) })
    })
  })

  it('names the output to take when the journal is not where the default says, and the registry table when it is wrong', async () => {
    await withLocalRegistry(async ({ client, tableName }) => {
      await client.send(new DeleteTableCommand({ TableName: journalTableFor(tableName) }))
      await expect(checkedAwsTables(client, tableName, undefined)).rejects.toThrow(MissingTableError)
      await expect(checkedAwsTables(client, tableName, undefined)).rejects.toThrow(/PUNTOVICINO_JOURNAL_TABLE.*JournalTableName/s)
      await expect(checkedAwsTables(client, 'nessuna-tabella', 'x')).rejects.toThrow(/"nessuna-tabella".*RegistryTableName/s)
    })
  })
})
