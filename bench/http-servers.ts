import '../functions/local/quiet-sdk-warning.ts'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { createApp } from '../functions/api/app.ts'
import { readDocsAssetFromPackage } from '../functions/local/docs-assets.ts'
import { generateDemoRegistry } from '../functions/demo/generate-demo-registry.ts'
import { loadComuni } from '../functions/gazetteer/load-comuni.ts'
import { createGazetteer } from '../shared/gazetteer/create-gazetteer.ts'
import { inMemorySnapshotSource } from '../functions/snapshot/snapshot-source.ts'
import { buildSnapshot } from '../shared/geo/snapshot.ts'
import type { PointRecord } from '../shared/schemas/point.ts'
import type { AddressInfo } from 'node:net'
import { around } from 'geokdbush'
import { SERVICES } from '../shared/vocabulary.ts'
import { HTTP_BENCH_SERVICE, positionsOverItaly } from './positions.ts'

/**
 * The two servers the HTTP benchmark compares, in a child process of their own so the load
 * generator does not share their event loop: the real app on the demo registry, and a bare Hono
 * JSON route served the same way (@hono/node-server). Prints their ports, the size of a real answer
 * and the raw index query's time as one JSON line.
 */
const comuni = loadComuni()
const records = generateDemoRegistry(comuni).map((d) => ({ ...d, version: 1, updated_at: '2026-11-01T08:00:00.000Z' }) as PointRecord)
const snapshot = buildSnapshot(records, { registryVersion: 1 })
const app = createApp({
  snapshots: inMemorySnapshotSource(snapshot),
  gazetteer: createGazetteer(comuni),
  cursorSecret: 'bench',
  readDocsAsset: readDocsAssetFromPackage,
  log: () => {},
})
// A real answer (10 points near Florence), served as a constant: the cost of the bytes alone.
const sampleBody = await (await app.request('/v1/points?near=43.7696,11.2558&service=formazione_gruppo&limit=10')).text()
const bare = new Hono()
  .get('/bare', (c) => c.json({ items: [{ id: 'x', name: 'bare' }], next_cursor: null }))
  .get('/bare-same-size', (c) => c.body(sampleBody, 200, { 'Content-Type': 'application/json; charset=utf-8' }))

const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
  new Promise<number>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve((server.address() as AddressInfo).port))
  })

// The raw index query the route cannot avoid, timed here over the bench's positions (median of 7 rounds).
const t = snapshot.tables
const bit = 2 ** SERVICES.indexOf(HTTP_BENCH_SERVICE)
const serviceBits = Uint32Array.from(t.placePoint, (point) => t.pointServices[point]!)
const positions = positionsOverItaly(200)
const rounds = Array.from({ length: 7 }, () => {
  const start = performance.now()
  for (let repeat = 0; repeat < 20; repeat++) for (const q of positions) around(t.index, q.lon, q.lat, 10, Infinity, (i: number) => (serviceBits[i]! & bit) !== 0)
  return ((performance.now() - start) * 1000) / (20 * positions.length)
}).sort((a, b) => a - b)
const rawIndexUs = rounds[3]!

const [appPort, barePort] = await Promise.all([listen(app.fetch), listen(bare.fetch)])
console.log(JSON.stringify({ appPort, barePort, sampleBytes: Buffer.byteLength(sampleBody), rawIndexUs }))
