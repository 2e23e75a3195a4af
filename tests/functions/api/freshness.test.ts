import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../functions/api/app.ts'
import { generateDemoRegistry } from '../../../functions/demo/generate-demo-registry.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { readDocsAssetFromPackage } from '../../../functions/local/docs-assets.ts'
import { RefreshingSnapshotSource } from '../../../functions/snapshot/refreshing-snapshot-source.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { PointDraftSchema } from '../../../shared/schemas/point.ts'
import { startLocalRegistry, type LocalRegistryFixture } from '../../support/local-registry.ts'
import { samplePoint } from '../../support/sample-point.ts'

/** The product's promise: an edit is visible to nearest queries within a minute. */
const FRESHNESS_BOUND_MS = 60_000
const CHECK_EVERY_MS = 200

describe('freshness of /v1/points after a write through the repository', () => {
  let local: LocalRegistryFixture
  let snapshots: RefreshingSnapshotSource
  let app: ReturnType<typeof createApp>

  beforeAll(async () => {
    local = await startLocalRegistry()
    const registry = local.registry()
    // A few hundred real-looking points, so the new one has neighbours to beat.
    const drafts = generateDemoRegistry(loadComuni()).slice(0, 300).map((draft) => PointDraftSchema.parse(draft))
    const imported = await registry.importPoints(drafts)
    expect(imported.failed).toEqual([])
    snapshots = new RefreshingSnapshotSource({ registry, checkEveryMs: CHECK_EVERY_MS })
    await snapshots.start()
    app = createApp({ snapshots, gazetteer: createGazetteer(loadComuni()), cursorSecret: 'freshness', readDocsAsset: readDocsAssetFromPackage, log: () => {} })
  })
  afterAll(async () => {
    await snapshots?.stop()
    await local?.close()
  })

  it('shows a point written with putPoint as the first result near its location within the bound', async () => {
    // A spot in the sea off Livorno, far from any generated point: only the new one can be first there.
    const location = { lat: 43.4512, lon: 10.1234 }
    const draft = samplePoint('fresh-point-0001', {
      sites: [{ id: 'fresh-point-0001-s1', kind: 'fixed', label: 'Sede nuova', address: { street: 'Via Nuova 1', postcode: '57100' }, location, opening_hours: {} }],
    })
    const url = `http://localhost/v1/points?near=${location.lat},${location.lon}&limit=1`
    const firstId = async () => ((await (await app.request(url)).json()) as { items: Array<{ id: string }> }).items[0]?.id
    expect(await firstId()).not.toBe(draft.id)

    const written = performance.now()
    await local.registry().putPoint(draft, null)
    let delay: number | undefined
    while (performance.now() - written < FRESHNESS_BOUND_MS) {
      if ((await firstId()) === draft.id) {
        delay = performance.now() - written
        break
      }
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    console.log(`freshness: the written point was first near its location after ${delay === undefined ? 'more than 60 s' : `${Math.round(delay)} ms`} (snapshot checks every ${CHECK_EVERY_MS} ms)`)
    expect(delay, 'the point never appeared within the freshness bound').toBeDefined()
    expect(delay!).toBeLessThan(FRESHNESS_BOUND_MS)
  }, FRESHNESS_BOUND_MS + 15_000)
})
