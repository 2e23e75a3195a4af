import { createApp, type App } from '../../../../functions/api/app.ts'
import type { LogSink } from '../../../../functions/api/middleware/request-log.ts'
import { generateDemoRegistry } from '../../../../functions/demo/generate-demo-registry.ts'
import { loadComuni } from '../../../../functions/gazetteer/load-comuni.ts'
import { readDocsAssetFromPackage } from '../../../../functions/local/docs-assets.ts'
import { inMemorySnapshotSource } from '../../../../functions/snapshot/snapshot-source.ts'
import { createGazetteer } from '../../../../shared/gazetteer/create-gazetteer.ts'
import { buildSnapshot, type Snapshot } from '../../../../shared/geo/snapshot.ts'
import { PointRecordSchema, type PointRecord } from '../../../../shared/schemas/point.ts'

/**
 * The app as the API tests see it: the generated demo registry (about 3,000 points on the real
 * ISTAT comuni) in an in-memory snapshot, a fixed clock and a quiet log, driven in-process with
 * `app.request(…)`. Build it once per test file: the registry and the gazetteer take ~1 s.
 */

/** Tuesday 3 November 2026, 10:30 in Rome (CET, +01:00): a working morning, when most points are open. */
export const FIXED_NOW = new Date('2026-11-03T10:30:00+01:00')
/** The Europe/Rome date of FIXED_NOW: stops from this day on are upcoming. */
export const FIXED_TODAY = '2026-11-03'
export const REGISTRY_VERSION = 1
export const CURSOR_SECRET = 'api-tests-cursor-secret'

/** A SnapshotSource whose snapshot a test can swap, as a rebuild after a registry write would. */
export type SwappableSnapshotSource = ReturnType<typeof inMemorySnapshotSource>

export const swappableSource = inMemorySnapshotSource

export interface ApiFixture {
  readonly app: App
  readonly records: readonly PointRecord[]
  readonly snapshot: Snapshot
  readonly source: SwappableSnapshotSource
  /** Requests a path with its query string in-process: a GET unless `init` says otherwise. */
  get(pathAndQuery: string, init?: RequestInit): Promise<Response>
  /** GET and parse a JSON answer, failing loudly on any status but 200. */
  getJson<T = any>(pathAndQuery: string): Promise<T>
}

let demoRecords: readonly PointRecord[] | undefined
let gazetteer: ReturnType<typeof createGazetteer> | undefined

/** The demo registry as stored records (the store would add `version` and keep `updated_at`). */
export function demoPointRecords(): readonly PointRecord[] {
  demoRecords ??= generateDemoRegistry(loadComuni()).map((draft) => PointRecordSchema.parse({ ...draft, version: 1 }))
  return demoRecords
}

export function snapshotOf(records: readonly PointRecord[], registryVersion = REGISTRY_VERSION): Snapshot {
  return buildSnapshot(records, { registryVersion, builtAt: FIXED_NOW })
}

export function createApiFixture(options: { log?: LogSink } = {}): ApiFixture {
  const records = demoPointRecords()
  const snapshot = snapshotOf(records)
  const source = swappableSource(snapshot)
  gazetteer ??= createGazetteer(loadComuni())
  const app = createApp({
    snapshots: source,
    gazetteer,
    cursorSecret: CURSOR_SECRET,
    readDocsAsset: readDocsAssetFromPackage,
    now: () => FIXED_NOW,
    log: options.log ?? (() => {}),
  })
  const get = (pathAndQuery: string, init?: RequestInit) => Promise.resolve(app.request(`http://localhost${pathAndQuery}`, init))
  const getJson = async (pathAndQuery: string) => {
    const response = await get(pathAndQuery)
    if (response.status !== 200) throw new Error(`GET ${pathAndQuery}: ${response.status} ${await response.text()}`)
    return response.json()
  }
  return { app, records, snapshot, source, get, getJson }
}
