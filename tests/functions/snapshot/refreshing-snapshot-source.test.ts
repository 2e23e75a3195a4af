import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../functions/api/app.ts'
import { readDocsAssetFromPackage } from '../../../functions/local/docs-assets.ts'
import { RefreshingSnapshotSource } from '../../../functions/snapshot/refreshing-snapshot-source.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { getPoint } from '../../../shared/geo/query.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import type { InvalidItem, Registry } from '../../../shared/registry-port.ts'
import { startLocalRegistry, type LocalRegistryFixture } from '../../support/local-registry.ts'
import { samplePoint } from '../../support/sample-point.ts'

/**
 * One malformed item used to make every refresh throw (and re-scan the table every 2 s) while
 * /healthz said ok and the API served an ever older registry (issue 8, item 3).
 */
let local: LocalRegistryFixture
beforeAll(async () => {
  local = await startLocalRegistry()
})
afterAll(() => local.close())

/** Items as a hand edit, an older version of the code or a bug could leave them. */
async function writeRawItems(items: Array<Record<string, unknown>>): Promise<void> {
  const doc = DynamoDBDocumentClient.from(local.client)
  for (const Item of items) await doc.send(new PutCommand({ TableName: local.tableName, Item }))
}

const gazetteer = createGazetteer(loadComuni())

describe('a snapshot source reading a table with malformed items', () => {
  it('leaves them out, names each by key, and publishes every valid point', async () => {
    const registry = local.registry()
    await registry.importPoints([samplePoint('good-1'), samplePoint('good-2')])
    await writeRawItems([
      { pk: 'POINT#broken-1', sk: 'POINT', id: 'broken-1', name: 42 },
      { pk: 'POINT#broken-2', sk: 'POINT', ...samplePoint('broken-2'), sites: 'not a list', version: 1, updated_at: '2026-11-01T00:00:00Z' },
    ])
    const heard: InvalidItem[] = []
    const errors: unknown[] = []
    const source = new RefreshingSnapshotSource({ registry, onInvalidItems: (items) => heard.push(...items), onError: (e) => errors.push(e) })
    await source.start()
    await source.stop()
    expect(errors).toEqual([])
    expect(source.current()!.pointCount).toBe(2)
    expect(source.current()!.invalidItems).toBe(2)
    expect(heard.map((i) => i.key).sort()).toEqual(['POINT#broken-1 / POINT', 'POINT#broken-2 / POINT'])
    expect(heard.find((i) => i.key.startsWith('POINT#broken-2'))!.reason).toMatch(/^sites: /)

    // A later write is still served: the bad items no longer stop every refresh.
    await registry.importPoints([samplePoint('good-3')])
    await source.refresh()
    expect(getPoint(source.current()!, 'good-3')?.id).toBe('good-3')
    expect(source.freshness().behindSince).toBeNull()
  })
})

describe('/healthz on the local source', () => {
  /** A registry that answers, then stops answering, as a DynamoDB outage would look. */
  function flakyRegistry(real: Registry) {
    let down = false
    const registry: Pick<Registry, 'getVersion' | 'readAll' | 'recoverInterruptedWrites'> = {
      getVersion: () => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : real.getVersion()),
      readAll: () => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : real.readAll()),
      recoverInterruptedWrites: () => (down ? Promise.reject(new Error('connect ECONNREFUSED')) : real.recoverInterruptedWrites()),
    }
    return { registry, goDown: () => void (down = true) }
  }

  it('says ok when up to date, degraded with invalid items, and 503 stale once cut off from the registry past the limit', async () => {
    let clock = new Date('2026-11-03T10:00:00+01:00')
    const flaky = flakyRegistry(local.registry())
    const source = new RefreshingSnapshotSource({ registry: flaky.registry, now: () => clock, onError: () => {} })
    await source.start()
    await source.stop()
    const app = createApp({ snapshots: source, gazetteer, cursorSecret: 'x', readDocsAsset: readDocsAssetFromPackage, now: () => clock, log: () => {}, health: { staleAfterMs: 60_000 } })
    const health = async () => {
      const response = await app.request('http://localhost/healthz')
      return { status: response.status, body: await response.json() }
    }

    const first = await health()
    expect(first.status).toBe(200)
    // The malformed items written above are still in the table.
    expect(first.body).toMatchObject({ status: 'degraded', invalid_items: 2, points: 3, behind_since: null, last_error: null })
    expect(first.body.source_version).toBe(first.body.registry_version)

    flaky.goDown()
    await source.refresh()
    clock = new Date(clock.getTime() + 30_000)
    const soon = await health()
    expect(soon.status).toBe(200) // within the limit: the last good snapshot is served
    expect(soon.body.last_error).toMatch(/ECONNREFUSED/)

    clock = new Date(clock.getTime() + 60_000)
    const late = await health()
    expect(late.status).toBe(503)
    expect(late.body.status).toBe('stale')
    expect(late.body.problems[0]).toMatch(/has not been reachable for 90 s/)
    // …and the API itself still answers from that snapshot.
    expect((await app.request('http://localhost/v1/points/good-1')).status).toBe(200)
  })

  it('says stale when the snapshot is behind the registry past the limit', async () => {
    let clock = new Date('2026-11-03T10:00:00+01:00')
    const real = local.registry()
    let version = (await real.getVersion()).version
    // The registry moves on, but rebuilding keeps failing (here: the scan).
    const registry: Pick<Registry, 'getVersion' | 'readAll' | 'recoverInterruptedWrites'> = {
      recoverInterruptedWrites: () => real.recoverInterruptedWrites(),
      getVersion: async () => ({ ...(await real.getVersion()), version }),
      readAll: async () => {
        if (version > 1000) throw new Error('scan failed')
        return real.readAll()
      },
    }
    const source = new RefreshingSnapshotSource({ registry, now: () => clock, onError: () => {} })
    await source.start()
    version += 1000
    await source.refresh()
    clock = new Date(clock.getTime() + 61_000)
    const app = createApp({ snapshots: source, gazetteer, cursorSecret: 'x', readDocsAsset: readDocsAssetFromPackage, now: () => clock, log: () => {} })
    const response = await app.request('http://localhost/healthz')
    expect(response.status).toBe(503)
    const body = await response.json()
    expect(body.source_version).toBe(version)
    expect(body.registry_version).toBe(version - 1000)
  })
})
