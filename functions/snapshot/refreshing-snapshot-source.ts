import { buildSnapshot, type Snapshot } from '../../shared/geo/snapshot.ts'
import type { Registry } from '../../shared/registry-port.ts'
import type { SnapshotSource } from './snapshot-source.ts'

export interface RefreshingSnapshotSourceOptions {
  readonly registry: Registry
  /** How often to ask the registry whether its version moved. @default 2000 */
  readonly checkEveryMs?: number
  readonly onRebuilt?: (snapshot: Snapshot, buildMs: number) => void
  readonly onError?: (error: unknown) => void
}

/**
 * The local snapshot source: reads the version item every few seconds (one small GetItem) and
 * rebuilds from a full scan only when it moved. Freshness after a write is therefore bounded by
 * checkEveryMs plus one rebuild (about a second for 3,000 points).
 */
export class RefreshingSnapshotSource implements SnapshotSource {
  private snapshot: Snapshot | undefined
  private timer: NodeJS.Timeout | undefined
  private refreshing: Promise<void> | undefined

  constructor(private readonly options: RefreshingSnapshotSourceOptions) {}

  current(): Snapshot | undefined {
    return this.snapshot
  }

  /** Builds the first snapshot, then keeps checking in the background. */
  async start(): Promise<Snapshot> {
    await this.refresh()
    this.timer = setInterval(() => void this.refresh().catch((error) => this.options.onError?.(error)), this.options.checkEveryMs ?? 2000)
    this.timer.unref()
    return this.snapshot!
  }

  stop(): void {
    clearInterval(this.timer)
  }

  /** Rebuilds if the registry moved; concurrent calls share one rebuild. */
  refresh(): Promise<void> {
    this.refreshing ??= this.rebuildIfChanged().finally(() => {
      this.refreshing = undefined
    })
    return this.refreshing
  }

  private async rebuildIfChanged(): Promise<void> {
    const { version } = await this.options.registry.getVersion()
    if (this.snapshot && this.snapshot.registryVersion === version) return
    const started = performance.now()
    const records = await this.options.registry.listAll()
    const next = buildSnapshot(records, { registryVersion: version })
    this.snapshot = next
    this.options.onRebuilt?.(next, performance.now() - started)
  }
}
