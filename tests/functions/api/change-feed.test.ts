import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../functions/api/app.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { readDocsAssetFromPackage } from '../../../functions/local/docs-assets.ts'
import { changesHorizon } from '../../../functions/snapshot/changes-horizon.ts'
import { RefreshingSnapshotSource } from '../../../functions/snapshot/refreshing-snapshot-source.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { VersionConflictError, type Registry } from '../../../shared/registry-port.ts'
import { draftOf } from '../../../shared/registry/point-changes.ts'
import type { ChangesPage } from '../../../shared/schemas/changes-view.ts'
import type { PointDraft, PointRecord } from '../../../shared/schemas/point.ts'
import { startLocalRegistry, type LocalRegistryFixture } from '../../support/local-registry.ts'
import { samplePoint } from '../../support/sample-point.ts'

/**
 * Issue 11's feed test: a follower polls /v1/changes while four writers make 1,000 random writes
 * (creates, edits, "verified", closings, small imports) through the registry; once the writes are
 * done and the follower has caught up, what it holds equals the registry, point by point and
 * version by version, and so does a replay from the start.
 */
let local: LocalRegistryFixture
let registry: Registry
let snapshots: RefreshingSnapshotSource
let app: ReturnType<typeof createApp>
beforeAll(async () => {
  local = await startLocalRegistry()
  registry = local.registry()
  await registry.importPoints(Array.from({ length: 40 }, (_, i) => samplePoint(`feed-seed-${i}`)))
  snapshots = new RefreshingSnapshotSource({ registry, checkEveryMs: 30 })
  await snapshots.start()
  app = createApp({ snapshots, gazetteer: createGazetteer(loadComuni()), cursorSecret: 'feed', readDocsAsset: readDocsAssetFromPackage, log: () => {} })
})
afterAll(async () => {
  await snapshots?.stop()
  await local?.close()
})

async function page(since?: string, limit = 100): Promise<ChangesPage> {
  const response = await app.request(`http://localhost/v1/changes?limit=${limit}${since ? `&since=${encodeURIComponent(since)}` : ''}`)
  expect(response.status).toBe(200)
  return (await response.json()) as ChangesPage
}

/** A follower as a copying app writes one: apply each page, keep the cursor, poll again. */
class Follower {
  readonly versions = new Map<string, number>()
  cursor: string | undefined
  seen = 0
  async poll(): Promise<boolean> {
    for (;;) {
      const next = await page(this.cursor, 37)
      for (const item of next.items) {
        const held = this.versions.get(item.id)
        // Positions only move forward: a point comes back only at a newer version.
        if (held !== undefined) expect(item.version).toBeGreaterThan(held)
        this.versions.set(item.id, item.version)
        this.seen++
      }
      this.cursor = next.next_cursor
      if (!next.more) return next.items.length > 0
    }
  }
}

let seed = 20261206
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!

async function randomWrite(n: number, ids: string[]): Promise<void> {
  const roll = random()
  if (roll < 0.15 || ids.length === 0) {
    const id = `feed-new-${n}`
    await registry.putPoint(samplePoint(id), null)
    ids.push(id)
    return
  }
  if (roll < 0.25) {
    const batch = Array.from({ length: 5 }, () => pick(ids))
    const current = await Promise.all(batch.map((id) => registry.getPoint(id)))
    await registry.importPoints(current.map((p) => ({ ...draftOf(p!), description: `import ${n}` })))
    return
  }
  const id = pick(ids)
  for (;;) {
    const current = (await registry.getPoint(id))!
    const draft = draftOf(current)
    const next = roll < 0.35 ? { ...draft, status: current.status === 'closed' ? 'active' : 'closed' } : roll < 0.45 ? { ...draft, last_verified_at: new Date().toISOString() } : { ...draft, name: `Punto ${n}` }
    try {
      await registry.putPoint(next as PointDraft, current.version)
      return
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error // another writer got there first: redo on the new version
    }
  }
}

describe('the change feed', () => {
  it('lets a follower that polls during 1,000 random writes end equal to the registry, as does a replay from the start', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `feed-seed-${i}`)
    const follower = new Follower()
    let writing = true
    const following = (async () => {
      while (writing) {
        await follower.poll()
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    })()
    let n = 0
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (n < 1000) await randomWrite(n++, ids)
      }),
    )
    writing = false
    await following
    await snapshots.refreshAfterWrite()
    await follower.poll()

    const { records } = await registry.readAll()
    const registryVersions = new Map(records.map((r) => [r.id, r.version]))
    expect(follower.versions).toEqual(registryVersions)

    const replay = new Follower()
    await replay.poll()
    expect(replay.versions).toEqual(registryVersions)
    expect(replay.seen).toBe(records.length) // from the start, each point once
    console.log(`change feed: 1,000 writes by 4 writers, ${records.length} points; the follower read ${follower.seen} changes while they ran and ends equal to the registry`)
  }, 120_000)

  it('says what is wrong with a cursor that is not one of the feed', async () => {
    const points = await app.request('http://localhost/v1/points?limit=1')
    const pointsCursor = ((await points.json()) as { next_cursor: string }).next_cursor
    for (const since of [pointsCursor, 'not-a-cursor']) {
      const response = await app.request(`http://localhost/v1/changes?since=${encodeURIComponent(since)}`)
      expect(response.status).toBe(400)
      expect(((await response.json()) as { errors: Array<{ field: string }> }).errors[0]!.field).toBe('since')
    }
  })

  it('stops its horizon just below the lowest ticket of a write still open, and ignores writers that died', async () => {
    const version = await registry.getVersion()
    const now = new Date()
    const openMark = (ticket: number, startedAt = now) => ({ token: `t${ticket}`, startedAt: startedAt.toISOString(), host: 'another-host', pid: 1, ticket })
    expect(changesHorizon({ ...version, openWrites: [], writeSeq: 12 }, now)).toBe(12)
    expect(changesHorizon({ ...version, openWrites: [openMark(11), openMark(9)], writeSeq: 12 }, now)).toBe(8)
    // A mark past its lease (one hour) is a writer that died: what it stored is in the scan.
    expect(changesHorizon({ ...version, openWrites: [openMark(9, new Date(now.getTime() - 2 * 3_600_000))], writeSeq: 12 }, now)).toBe(12)
  })
})
