import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { mockClient } from 'aws-sdk-client-mock'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { VersionConflictError } from '../../../shared/registry-port.ts'
import { PointRecordSchema } from '../../../shared/schemas/point.ts'
import { startLocalRegistry, type LocalRegistryFixture } from '../../support/local-registry.ts'
import { samplePoint } from '../../support/sample-point.ts'

let local: LocalRegistryFixture
beforeAll(async () => {
  local = await startLocalRegistry()
})
afterAll(() => local.close())

describe('DynamoDbRegistry against dynalite over HTTP', () => {
  it('stores a point and reads it back whole, with version 1 and a timestamp', async () => {
    const registry = local.registry({ now: () => new Date('2026-11-26T10:00:00Z') })
    const stored = await registry.putPoint(samplePoint('roundtrip-1'), null)
    const read = await registry.getPoint('roundtrip-1')
    expect(read).toEqual(stored)
    expect(read?.version).toBe(1)
    expect(read?.updated_at).toBe('2026-11-26T10:00:00.000Z')
    expect(PointRecordSchema.parse(read)).toBeTruthy()
  })

  it('answers null for an id it does not hold', async () => {
    expect(await local.registry().getPoint('no-such-point')).toBeNull()
  })

  it('reads many points at once, past one batch call, each once, leaving out ids it does not hold', async () => {
    const registry = local.registry()
    const ids = Array.from({ length: 130 }, (_, i) => `many-${i}`)
    await registry.importPoints(ids.map((id) => samplePoint(id)))
    const found = await registry.getPoints([...ids, 'many-0', 'no-such-point'])
    expect([...found.keys()].sort()).toEqual([...ids].sort())
    expect(found.get('many-129')).toEqual(await registry.getPoint('many-129'))
  })

  it('refuses a second create of the same id', async () => {
    const registry = local.registry()
    await registry.putPoint(samplePoint('create-twice'), null)
    await expect(registry.putPoint(samplePoint('create-twice'), null)).rejects.toBeInstanceOf(VersionConflictError)
  })

  it('refuses an update based on a stale version, so no edit is lost', async () => {
    const registry = local.registry()
    await registry.putPoint(samplePoint('stale'), null)
    await registry.putPoint(samplePoint('stale', { name: 'First editor' }), 1)
    await expect(registry.putPoint(samplePoint('stale', { name: 'Second editor' }), 1)).rejects.toThrow(
      'point stale was changed by someone else (expected version 1)',
    )
    expect((await registry.getPoint('stale'))?.name).toBe('First editor')
    expect((await registry.getPoint('stale'))?.version).toBe(2)
  })

  it('moves the registry version on every write, and leaves no write open', async () => {
    const registry = local.registry()
    const before = await registry.getVersion()
    await registry.putPoint(samplePoint('version-a'), null)
    await registry.putPoint(samplePoint('version-a', { name: 'Renamed' }), 1)
    const after = await registry.getVersion()
    expect(after.version).toBe(before.version + 2)
    expect(after.openWrites).toEqual([])
  })

  it('imports idempotently: the same drafts twice create, then leave everything unchanged', async () => {
    const registry = local.registry()
    const drafts = Array.from({ length: 60 }, (_, i) => samplePoint(`idem-${i}`))
    const first = await registry.importPoints(drafts)
    expect([first.created, first.updated, first.unchanged, first.failed.length]).toEqual([60, 0, 0, 0])
    const versionAfterFirst = await registry.getVersion()
    const second = await registry.importPoints(drafts)
    expect([second.created, second.updated, second.unchanged, second.failed.length]).toEqual([0, 0, 60, 0])
    expect((await registry.getVersion()).version).toBe(versionAfterFirst.version)
  })

  it('updates only what changed on re-import, bumping those versions alone', async () => {
    const registry = local.registry()
    const drafts = Array.from({ length: 10 }, (_, i) => samplePoint(`partial-${i}`))
    await registry.importPoints(drafts)
    const changed = drafts.map((d, i) => (i < 3 ? { ...d, name: `${d.name} (nuova sede)` } : d))
    const result = await registry.importPoints(changed)
    expect([result.created, result.updated, result.unchanged]).toEqual([0, 3, 7])
    expect((await registry.getPoint('partial-0'))?.version).toBe(2)
    expect((await registry.getPoint('partial-5'))?.version).toBe(1)
  })

  it('lists every stored point and nothing else', async () => {
    const fresh = await startLocalRegistry()
    try {
      const registry = fresh.registry()
      await registry.importPoints(Array.from({ length: 30 }, (_, i) => samplePoint(`list-${i}`)))
      const all = (await registry.readAll()).records
      expect(all.map((p) => p.id).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `list-${i}`).sort())
      expect(await registry.hasAnyPoint()).toBe(true)
    } finally {
      await fresh.close()
    }
  })
})

describe('DynamoDbRegistry.scanPoints', () => {
  it("reads the registry a scan page at a time (a page is at most 1 MB), the pages together being readAll's contents", async () => {
    const fresh = await startLocalRegistry()
    try {
      const registry = fresh.registry()
      // ~3 KB each: 400 of them fill more than one page.
      await registry.importPoints(Array.from({ length: 400 }, (_, i) => samplePoint(`page-${i}`, { description: `${i} `.padEnd(2000, 'x') })))
      const doc = DynamoDBDocumentClient.from(fresh.client)
      await doc.send(new PutCommand({ TableName: fresh.tableName, Item: { pk: 'POINT#page-broken', sk: 'POINT', id: 'page-broken', name: '' } }))
      const pages = []
      for await (const page of registry.scanPoints()) pages.push(page)
      expect(pages.length).toBeGreaterThan(1)
      const all = await registry.readAll()
      expect(pages.flatMap((page) => page.records)).toEqual(all.records)
      expect(pages.flatMap((page) => page.invalid)).toEqual(all.invalid)
      expect(all.invalid.map((item) => item.key)).toEqual(['POINT#page-broken / POINT'])
      expect(new Map(pages.flatMap((page) => page.records.map((record, i) => [record.id, page.changeSeq[i]])))).toEqual(all.changeSeq)
      expect([...all.changeSeq.values()].every((seq) => seq > 0)).toBe(true)
    } finally {
      await fresh.close()
    }
  })
})

describe('DynamoDbRegistry.activePointSources', () => {
  it("gives every active point of the datasets asked for, by id and source, across scan pages, and nothing else", async () => {
    const fresh = await startLocalRegistry()
    try {
      const registry = fresh.registry()
      const source = (dataset: string, i: number) => ({ dataset, original_id: `orig-${i}` })
      // ~3 KB each: 400 of them fill more than one 1-MB scan page.
      await registry.importPoints([
        ...Array.from({ length: 400 }, (_, i) => samplePoint(`src-a-${i}`, { source: source('region-a', i), description: `${i} `.padEnd(2000, 'x') })),
        samplePoint('src-a-suspended', { source: source('region-a', 1000), status: 'suspended' }),
        samplePoint('src-a-closed', { source: source('region-a', 1001), status: 'closed' }),
        samplePoint('src-b-0', { source: source('region-b', 0) }),
      ])
      const doc = DynamoDBDocumentClient.from(fresh.client)
      await doc.send(new PutCommand({ TableName: fresh.tableName, Item: { pk: 'POINT#src-broken', sk: 'POINT', id: 'src-broken', status: 'active', source: 'region-a' } }))

      const entries = await registry.activePointSources(new Set(['region-a']))
      expect(entries.map((e) => e.id).sort()).toEqual(Array.from({ length: 400 }, (_, i) => `src-a-${i}`).sort())
      expect(entries.find((e) => e.id === 'src-a-7')).toEqual({ id: 'src-a-7', source: { dataset: 'region-a', original_id: 'orig-7' } })
      expect((await registry.activePointSources(new Set(['region-a', 'region-b']))).length).toBe(401)
      expect(await registry.activePointSources(new Set())).toEqual([])
    } finally {
      await fresh.close()
    }
  })
})

describe('DynamoDbRegistry under injected faults', () => {
  // The fault layer sits on the document client; everything it lets through goes to the real
  // dynalite with the untouched `send`, so what ends up stored is real.
  const realSend = DynamoDBDocumentClient.prototype.send as (this: DynamoDBDocumentClient, command: unknown) => Promise<never>
  let documentMock: ReturnType<typeof mockClient>
  afterEach(() => documentMock?.restore())

  /** Mocks every document client; commands not given a fault go unchanged to `realClient`. */
  function passThrough(realClient: DynamoDBDocumentClient): void {
    documentMock = mockClient(DynamoDBDocumentClient)
    const commands = [GetCommand, PutCommand, UpdateCommand, BatchGetCommand, ScanCommand, BatchWriteCommand] as const
    for (const Command of commands) {
      documentMock.on(Command as never).callsFake((input: object) => realSend.call(realClient, new (Command as never as new (i: unknown) => never)(input)))
    }
  }
  const realClientOf = (fixture: LocalRegistryFixture) =>
    DynamoDBDocumentClient.from(fixture.client, { marshallOptions: { removeUndefinedValues: true } })

  it('loses no row of a 10,000-row import when 30% of every batch comes back unprocessed', async () => {
    const fresh = await startLocalRegistry()
    try {
      const realClient = realClientOf(fresh)
      passThrough(realClient)
      let unprocessedReturned = 0
      let seed = 7
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
      documentMock.on(BatchWriteCommand).callsFake(async (input: { RequestItems: Record<string, unknown[]> }) => {
        const [table, requests] = Object.entries(input.RequestItems)[0] as [string, unknown[]]
        const kept = requests.filter(() => random() >= 0.3)
        const dropped = requests.filter((r) => !kept.includes(r))
        unprocessedReturned += dropped.length
        if (kept.length > 0) await realSend.call(realClient, new BatchWriteCommand({ RequestItems: { [table]: kept as never } }))
        return { UnprocessedItems: dropped.length > 0 ? { [table]: dropped } : {} }
      })
      const registry = fresh.registry({ backoff: { baseMs: 0, capMs: 1, maxAttempts: 40 } })
      const drafts = Array.from({ length: 10_000 }, (_, i) => samplePoint(`bulk-${i}`))
      const result = await registry.importPoints(drafts)
      expect(unprocessedReturned).toBeGreaterThan(2_500)
      expect(result.failed).toEqual([])
      expect(result.created).toBe(10_000)
      // The import says what it had to send again: every item handed back, no more, no less.
      expect(result.retried.unprocessedItems).toBe(unprocessedReturned)
      console.info(`fault: 10,000-row import with 30% of every batch handed back: ${result.retried.unprocessedItems} items re-sent, ${result.failed.length} lost`)
      documentMock.restore()
      const stored = (await fresh.registry().readAll()).records
      expect(stored.length).toBe(10_000)
      expect(new Set(stored.map((p) => p.id)).size).toBe(10_000)
    } finally {
      await fresh.close()
    }
  }, 120_000)

  it('reads the scan one page ahead: a failed next page fails the scan, and one read ahead of a caller that stopped goes nowhere', async () => {
    const fresh = await startLocalRegistry()
    try {
      passThrough(realClientOf(fresh))
      const refused = Object.assign(new Error('The provided key element does not match the schema'), { name: 'ValidationException' })
      let scans = 0
      documentMock.on(ScanCommand).callsFake(async (input: { ExclusiveStartKey?: unknown }) => {
        scans++
        if (input.ExclusiveStartKey) throw refused
        return { Items: [{ pk: 'POINT#half', sk: 'POINT', id: 'half' }], LastEvaluatedKey: { pk: 'POINT#half', sk: 'POINT' } }
      })
      const registry = fresh.registry({ backoff: { baseMs: 0, capMs: 1, maxAttempts: 2 } })
      const unhandled: unknown[] = []
      const onUnhandled = (reason: unknown) => unhandled.push(reason)
      process.on('unhandledRejection', onUnhandled)
      try {
        // The caller stops after the first page; the second page's read was already under way.
        for await (const page of registry.scanPoints()) {
          expect(page.invalid.map((item) => item.key)).toEqual(['POINT#half / POINT'])
          break
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
        expect(scans).toBe(2)
        expect(unhandled).toEqual([])
        // Read to the end, the failure is the scan's.
        await expect(registry.readAll()).rejects.toThrow(/does not match the schema/)
      } finally {
        process.off('unhandledRejection', onUnhandled)
      }
    } finally {
      await fresh.close()
    }
  })

  it('reports the rows it could not write when DynamoDB keeps refusing, and keeps the rest', async () => {
    const fresh = await startLocalRegistry()
    try {
      const realClient = realClientOf(fresh)
      passThrough(realClient)
      documentMock.on(BatchWriteCommand).callsFake(async (input: { RequestItems: Record<string, Array<{ PutRequest: { Item: { id: string } } }>> }) => {
        const [table, requests] = Object.entries(input.RequestItems)[0] as [string, Array<{ PutRequest: { Item: { id: string } } }>]
        const refused = requests.filter((r) => r.PutRequest.Item.id === 'stubborn-3')
        const kept = requests.filter((r) => !refused.includes(r))
        if (kept.length > 0) await realSend.call(realClient, new BatchWriteCommand({ RequestItems: { [table]: kept } }))
        return { UnprocessedItems: refused.length > 0 ? { [table]: refused } : {} }
      })
      const registry = fresh.registry({ backoff: { baseMs: 0, capMs: 1, maxAttempts: 5 } })
      const result = await registry.importPoints(Array.from({ length: 8 }, (_, i) => samplePoint(`stubborn-${i}`)))
      expect(result.created).toBe(7)
      expect(result.failed).toEqual([{ id: 'stubborn-3', reason: 'still unprocessed by DynamoDB after 5 attempts' }])
    } finally {
      await fresh.close()
    }
  })

  it('retries throttled requests with backoff, then succeeds, and an import counts them', async () => {
    const fresh = await startLocalRegistry()
    try {
      const realClient = realClientOf(fresh)
      passThrough(realClient)
      let throttles = 0
      documentMock.on(PutCommand).callsFake(async (input: object) => {
        if (throttles < 3) {
          throttles++
          throw Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException' })
        }
        return realSend.call(realClient, new PutCommand(input as never))
      })
      const registry = fresh.registry()
      await registry.putPoint(samplePoint('throttled'), null)
      expect(throttles).toBe(3)
      documentMock.restore()
      expect((await fresh.registry().getPoint('throttled'))?.version).toBe(1)

      passThrough(realClient)
      let batchThrottles = 0
      documentMock.on(BatchWriteCommand).callsFake(async (input: object) => {
        if (batchThrottles++ < 2) throw Object.assign(new Error('Throughput exceeds the current capacity of your table.'), { name: 'ThrottlingException' })
        return realSend.call(realClient, new BatchWriteCommand(input as never))
      })
      const result = await fresh.registry().importPoints([samplePoint('batch-throttled-1'), samplePoint('batch-throttled-2')])
      expect(result).toMatchObject({ created: 2, failed: [], retried: { requests: 2, unprocessedItems: 0 } })
    } finally {
      await fresh.close()
    }
  })

  it('turns a conditional failure into a version conflict and does not retry it', async () => {
    const registry = local.registry()
    passThrough(realClientOf(local))
    let puts = 0
    documentMock.on(PutCommand).callsFake(async () => {
      puts++
      throw Object.assign(new Error('The conditional request failed'), { name: 'ConditionalCheckFailedException' })
    })
    await expect(registry.putPoint(samplePoint('conflicted'), null)).rejects.toBeInstanceOf(VersionConflictError)
    expect(puts).toBe(1)
  })

  it('gives up on a timeout that persists, with the error, rather than hanging', async () => {
    const registry = local.registry({ backoff: { baseMs: 0, capMs: 1, maxAttempts: 3 } })
    passThrough(realClientOf(local))
    let gets = 0
    documentMock.on(GetCommand).callsFake(async () => {
      gets++
      throw Object.assign(new Error('socket timed out'), { name: 'TimeoutError' })
    })
    await expect(registry.getPoint('anything')).rejects.toThrow('socket timed out')
    expect(gets).toBe(3)
  })
})
