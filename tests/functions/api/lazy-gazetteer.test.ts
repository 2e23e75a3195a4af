import { describe, expect, it } from 'vitest'
import { createApp } from '../../../functions/api/app.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { readDocsAssetFromPackage } from '../../../functions/local/docs-assets.ts'
import { inMemorySnapshotSource } from '../../../functions/snapshot/snapshot-source.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import type { Gazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { lazyGazetteer } from '../../../shared/gazetteer/lazy-gazetteer.ts'
import { demoPointRecords, snapshotOf } from './support/app-fixture.ts'

/**
 * On Lambda the gazetteer (7,896 comuni, 631 KiB of CSV) is parsed on first use, so a cold start
 * that answers a nearest query pays nothing for it (~100 ms). Building the app and answering
 * /v1/points?near must not touch it; /v1/places, /v1/regions and /v1/coverage may.
 */
function countingGazetteer(): { gazetteer: Gazetteer; reads: () => number } {
  let reads = 0
  const real = createGazetteer(loadComuni())
  // Counts every use, not only the first: lazyGazetteer would hide later reads behind its cache.
  const counted = lazyGazetteer(() => real)
  const gazetteer = new Proxy(counted, {
    get(target, property, receiver) {
      reads++
      return Reflect.get(target, property, receiver)
    },
  })
  return { gazetteer, reads: () => reads }
}

describe('the gazetteer on a cold start', () => {
  it('is not read to build the app nor to answer a nearest query, and is read for the routes that need it', async () => {
    const { gazetteer, reads } = countingGazetteer()
    const app = createApp({ snapshots: inMemorySnapshotSource(snapshotOf(demoPointRecords())), gazetteer, cursorSecret: 'lazy', readDocsAsset: readDocsAssetFromPackage, log: () => {} })
    expect(reads()).toBe(0)
    expect((await app.request('/v1/points?near=41.9,12.5&limit=10')).status).toBe(200)
    expect(reads()).toBe(0)
    expect((await app.request('/v1/coverage?region=10')).status).toBe(200)
    expect(reads()).toBeGreaterThan(0)
  })
})
