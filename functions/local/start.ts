import './quiet-sdk-warning.ts'
import { createAdminApp } from '../api/admin-app.ts'
import { createApp } from '../api/app.ts'
import { localGazetteer } from '../gazetteer/load-comuni.ts'
import { RefreshingSnapshotSource } from '../snapshot/refreshing-snapshot-source.ts'
import { readDocsAssetFromPackage } from './docs-assets.ts'
import { createLocalServer, socketAddress } from './local-server.ts'
import { createLocalOidc } from './oidc/local-oidc-provider.ts'
import { DEFAULT_DATA_DIR, openLocalRegistry } from './open-local-registry.ts'
import { seedDemoIfEmpty } from './seed-if-empty.ts'
import { keptSecret } from './kept-secret.ts'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { mountBasemap } from './serve-basemap.ts'
import { mountOpenData } from './serve-open-data.ts'
import { mountWeb } from './serve-web.ts'

/**
 * `npm start`: the whole product on one machine, no AWS account, no Docker. DynamoDB is dynalite
 * on disk under .data/ (kept across restarts), the API is the same Hono app as on Lambda.
 */
const port = Number(process.env.PORT ?? 3000)
const log = (message: string) => console.log(`[puntovicino] ${message}`)

const local = await openLocalRegistry()
if (!local.ownsServer) {
  console.error('[puntovicino] Another `npm start` is already running on this .data/ folder: stop it first.')
  process.exit(1)
}
// A writer killed between its item writes and its version bump left a mark: close it now.
const recovered = await local.registry.recoverInterruptedWrites()
if (recovered > 0) log(`${recovered} scrittura/e interrotta/e chiusa/e / interrupted write(s) closed`)
const seeded = await seedDemoIfEmpty(local.registry, log)
if (seeded > 0) log(`${seeded} punti dimostrativi caricati / demo points loaded`)

const snapshots = new RefreshingSnapshotSource({
  registry: local.registry,
  checkEveryMs: Number(process.env.SNAPSHOT_CHECK_MS ?? 2000),
  onRebuilt: (s, ms) => log(`snapshot v${s.registryVersion}: ${s.pointCount} punti, ${s.siteCount} sedi (${Math.round(ms)} ms)`),
  onInvalidItems: (items) => {
    for (const item of items) console.error(`[puntovicino] invalid item left out of the snapshot: ${item.key}: ${item.reason}`)
  },
  onError: (error) => console.error('[puntovicino] snapshot refresh failed; serving the last good snapshot', error),
})
await snapshots.start()

const app = createApp({
  snapshots,
  gazetteer: localGazetteer,
  // Made with the data folder: a new registry refuses the cursors of the one deleted before it.
  cursorSecret: process.env.CURSOR_SECRET ?? (await keptSecret(join(DEFAULT_DATA_DIR, 'cursor-secret.json'), () => randomBytes(32).toString('base64url'))),
  readDocsAsset: readDocsAssetFromPackage,
  log: process.env.LOG_REQUESTS === 'true' ? undefined : () => {},
})
mountOpenData(app, () => snapshots.current())
mountBasemap(app, { dataDir: DEFAULT_DATA_DIR, warn: (message) => console.warn(`[puntovicino] ${message}`) })
await mountWeb(app)

// The operators' side: the local OpenID provider and the write API. A write rebuilds the
// snapshot at once (not at the next poll), so the public API shows it within the 2-s promise.
const origin = `http://localhost:${port}`
const oidc = await createLocalOidc({ dataDir: DEFAULT_DATA_DIR, origin })
const adminApp = createAdminApp({
  registry: local.registry,
  reports: local.reports,
  verifyToken: oidc.verifyToken,
  clientAddress: socketAddress,
  log: process.env.LOG_REQUESTS === 'true' ? undefined : () => {},
  onWrite: () => void snapshots.refreshAfterWrite(),
  gazetteer: localGazetteer,
})

const server = createLocalServer({ readApp: app, adminApp, oidc })
server.listen(port, process.env.HOST ?? '127.0.0.1', () => {
  log(`PuntoVicino: ${origin}/  ·  API: ${origin}/v1/points  ·  docs: ${origin}/v1/docs  ·  gestione: ${origin}/gestione/`)
  if (oidc.accounts.list().length === 0) log('Nessun account operatore: crealo con / no operator account yet: npm run operator -- add EMAIL --role region:09')
})

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await snapshots.stop()
  server.close()
  await local.close() // flushes LevelDB, so the next start finds every imported point
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
