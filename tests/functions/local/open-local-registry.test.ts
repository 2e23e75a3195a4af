import { chmodSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openLocalRegistry } from '../../../functions/local/open-local-registry.ts'
import { RefreshingSnapshotSource } from '../../../functions/snapshot/refreshing-snapshot-source.ts'
import { getPoint } from '../../../shared/geo/query.ts'
import { samplePoint } from '../../support/sample-point.ts'

/** A data folder as an earlier version left it: readable by every local user. */
const freshDataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pv-data-'))
  chmodSync(dir, 0o755)
  return dir
}

describe('the local registry on disk', () => {
  it('keeps imported points across a stop and a restart', async () => {
    const dataDir = freshDataDir()
    const first = await openLocalRegistry({ dataDir })
    expect(first.ownsServer).toBe(true)
    // The folder is this user's alone: the registry's files hold reports' texts and operators' e-mails.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700)
    await first.registry.importPoints([samplePoint('kept-1'), samplePoint('kept-2')])
    await first.close()

    const second = await openLocalRegistry({ dataDir })
    try {
      expect(second.ownsServer).toBe(true)
      expect((await second.registry.readAll()).records.map((p) => p.id).sort()).toEqual(['kept-1', 'kept-2'])
    } finally {
      await second.close()
    }
  })

  it('lets an import join the running server, whose snapshot then shows the new point', async () => {
    const dataDir = freshDataDir()
    const server = await openLocalRegistry({ dataDir })
    const snapshots = new RefreshingSnapshotSource({ registry: server.registry, checkEveryMs: 100 })
    try {
      await server.registry.importPoints([samplePoint('already-there')])
      await snapshots.start()
      const importer = await openLocalRegistry({ dataDir })
      expect(importer.ownsServer).toBe(false)
      expect(importer.endpoint).toBe(server.endpoint)
      await importer.registry.importPoints([samplePoint('imported-meanwhile')])
      await importer.close()

      const started = Date.now()
      while (!getPoint(snapshots.current()!, 'imported-meanwhile') && Date.now() - started < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      expect(getPoint(snapshots.current()!, 'imported-meanwhile')?.id).toBe('imported-meanwhile')
      console.log(`import visible to the running server after ${Date.now() - started} ms (bound: 60 s)`)
    } finally {
      await snapshots.stop()
      await server.close()
    }
  })

  it('stops cleanly while a refresh is in flight: it waits for it before the store closes', async () => {
    const dataDir = freshDataDir()
    const local = await openLocalRegistry({ dataDir })
    await local.registry.importPoints([samplePoint('shutdown-1')])
    const snapshots = new RefreshingSnapshotSource({ registry: local.registry, checkEveryMs: 60_000 })
    await snapshots.start()
    await local.registry.importPoints([samplePoint('shutdown-2')])
    const refresh = snapshots.refresh() // a rebuild in flight when SIGTERM arrives
    await snapshots.stop()
    await local.close() // before the fix: "Database is closed" thrown outside any handler, crashing the process
    await refresh
    expect(snapshots.freshness().lastError).toBeNull()
    expect(getPoint(snapshots.current()!, 'shutdown-2')?.id).toBe('shutdown-2')
  })

  it('starts its own server again when the previous one died without cleaning up', async () => {
    const dataDir = freshDataDir()
    const crashed = await openLocalRegistry({ dataDir })
    await crashed.registry.importPoints([samplePoint('survivor')])
    // Simulate a crash: the endpoint file stays, naming a process that no longer exists.
    const { writeFileSync } = await import('node:fs')
    await crashed.close()
    writeFileSync(join(dataDir, 'local-endpoint.json'), JSON.stringify({ endpoint: 'http://127.0.0.1:9', pid: 2 ** 22 + 7 }))
    const next = await openLocalRegistry({ dataDir })
    try {
      expect(next.ownsServer).toBe(true)
      expect((await next.registry.getPoint('survivor'))?.id).toBe('survivor')
    } finally {
      await next.close()
    }
  })
})
