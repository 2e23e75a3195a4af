import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ensureRegistryTable } from '../repository/create-table.ts'
import { DynamoDbRegistry } from '../repository/dynamodb-registry.ts'
import { DynamoDbReports } from '../repository/dynamodb-reports.ts'
import { journalTableFor } from '../repository/table-design.ts'
import { localDynamoDbClient, startLocalDynamoDb } from './local-dynamodb.ts'

export const LOCAL_TABLE_NAME = 'puntovicino-registry'
export const DEFAULT_DATA_DIR = resolve(process.env.PUNTOVICINO_DATA_DIR ?? '.data')

export interface LocalRegistry {
  readonly registry: DynamoDbRegistry
  /** Citizens' reports, in the registry's journal table. */
  readonly reports: DynamoDbReports
  readonly endpoint: string
  /** True when this process runs the dynalite server (false when it joined `npm start`'s). */
  readonly ownsServer: boolean
  close(): Promise<void>
}

const endpointFile = (dataDir: string) => join(dataDir, 'local-endpoint.json')

/**
 * The local registry on disk under `dataDir`. LevelDB allows one process per folder, so the
 * first process (normally `npm start`) runs dynalite and writes its endpoint to a file; a second
 * one (an import run meanwhile) joins that server over HTTP instead of opening the folder.
 */
export async function openLocalRegistry({ dataDir = DEFAULT_DATA_DIR, port = 0 }: { dataDir?: string; port?: number } = {}): Promise<LocalRegistry> {
  // This user's alone, as the endpoint file in it: the registry's files hold citizens' reports and
  // operators' e-mails (a folder made by an earlier version, readable by all, is closed too).
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  chmodSync(dataDir, 0o700)
  const joined = await joinRunningServer(dataDir)
  if (joined) return joined

  const server = await startLocalDynamoDb({ path: join(dataDir, 'dynamodb'), port })
  const client = localDynamoDbClient(server)
  await ensureRegistryTable(client, LOCAL_TABLE_NAME)
  // Readable by this user only: the key in it is what lets a process into the registry.
  writeFileSync(endpointFile(dataDir), JSON.stringify({ endpoint: server.endpoint, accessKeyId: server.accessKeyId, pid: process.pid }), { mode: 0o600 })
  return {
    registry: new DynamoDbRegistry({ client, tableName: LOCAL_TABLE_NAME }),
    reports: new DynamoDbReports(client, journalTableFor(LOCAL_TABLE_NAME)),
    endpoint: server.endpoint,
    ownsServer: true,
    close: async () => {
      rmSync(endpointFile(dataDir), { force: true })
      client.destroy()
      await server.close()
    },
  }
}

async function joinRunningServer(dataDir: string): Promise<LocalRegistry | undefined> {
  let endpoint: string
  let accessKeyId: string
  let pid: number
  try {
    ;({ endpoint, accessKeyId, pid } = JSON.parse(readFileSync(endpointFile(dataDir), 'utf8')) as { endpoint: string; accessKeyId: string; pid: number })
  } catch {
    return undefined
  }
  if (!isAlive(pid) || typeof accessKeyId !== 'string') return undefined
  const client = localDynamoDbClient({ endpoint, accessKeyId })
  try {
    await client.send(new DescribeTableCommand({ TableName: LOCAL_TABLE_NAME }))
  } catch {
    client.destroy()
    return undefined
  }
  return {
    registry: new DynamoDbRegistry({ client, tableName: LOCAL_TABLE_NAME }),
    reports: new DynamoDbReports(client, journalTableFor(LOCAL_TABLE_NAME)),
    endpoint,
    ownsServer: false,
    close: async () => client.destroy(),
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
