import { ListTablesCommand } from '@aws-sdk/client-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localDynamoDbClient, startLocalDynamoDb, type LocalDynamoDb } from '../../../functions/local/local-dynamodb.ts'

/**
 * The local DynamoDB endpoint holds the registry on a developer's or a small office's machine.
 * dynalite itself answers anyone with CORS `*`, so any web page open in the same browser could
 * read and rewrite it (issue 8, item 5). These requests are what such a page can send.
 */
let dynamo: LocalDynamoDb
beforeAll(async () => {
  dynamo = await startLocalDynamoDb()
})
afterAll(() => dynamo.close())

const listTables = { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.ListTables' }

describe('the local DynamoDB endpoint', () => {
  it('listens on loopback only', () => {
    expect(new URL(dynamo.endpoint).hostname).toBe('127.0.0.1')
  })

  it('answers the SDK client made for it', async () => {
    const client = localDynamoDbClient(dynamo)
    try {
      expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([])
    } finally {
      client.destroy()
    }
  })

  it('refuses a CORS preflight, with no CORS header, so a browser never sends the request', async () => {
    const response = await fetch(dynamo.endpoint, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-amz-target' },
    })
    expect(response.status).toBe(403)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses any request that comes from a web page (it carries Origin)', async () => {
    const response = await fetch(dynamo.endpoint, { method: 'POST', headers: { ...listTables, Origin: 'https://evil.example' }, body: '{}' })
    expect(response.status).toBe(403)
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http')
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(dynamo.endpoint)
      const req = request({ host: url.hostname, port: url.port, method: 'POST', path: '/', headers: { ...listTables, Host: `rebound.evil.example:${url.port}` } }, (res) => {
        res.resume()
        resolve(res.statusCode!)
      })
      req.on('error', reject)
      req.end('{}')
    })
    expect(status).toBe(403)
  })

  it('refuses requests signed with any key but the one this run made', async () => {
    const stranger = localDynamoDbClient({ endpoint: dynamo.endpoint, accessKeyId: 'local' })
    try {
      await expect(stranger.send(new ListTablesCommand({}))).rejects.toThrow(/not signed with the key of this local registry/)
    } finally {
      stranger.destroy()
    }
    const unsigned = await fetch(dynamo.endpoint, { method: 'POST', headers: listTables, body: '{}' })
    expect(unsigned.status).toBe(403)
  })
})
