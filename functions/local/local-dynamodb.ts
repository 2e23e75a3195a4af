import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import dynalite from 'dynalite'
import type { AddressInfo } from 'node:net'

/**
 * A real DynamoDB-compatible server in this process (dynalite), reached by the real AWS SDK over
 * HTTP on loopback: on disk under `path` (kept across restarts) or in memory when `path` is absent.
 */
export interface LocalDynamoDb {
  readonly endpoint: string
  close(): Promise<void>
}

export async function startLocalDynamoDb({ path, port = 0 }: { path?: string; port?: number } = {}): Promise<LocalDynamoDb> {
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const { port: boundPort } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${boundPort}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** An SDK client for a local endpoint: fixed dummy credentials, since dynalite checks none. */
export function localDynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'eu-south-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 3,
  })
}
