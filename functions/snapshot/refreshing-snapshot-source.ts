import { changesHorizon, hasDeadWrites } from './changes-horizon.ts'
import type { WriteMarkOptions } from '../repository/write-marks.ts'
import { buildSnapshot, type Snapshot } from '../../shared/geo/snapshot.ts'
import { toRomeWallClock } from '../../shared/hours/rome-time.ts'
import type { InvalidItem, Registry } from '../../shared/registry-port.ts'
import { FreshnessTracker, type SnapshotFreshness, type SnapshotSource } from './snapshot-source.ts'

export interface RefreshingSnapshotSourceOptions {
  readonly registry: Pick<Registry, 'getVersion' | 'readAll' | 'recoverInterruptedWrites'>
  /** How often to ask the registry whether its version moved. @default 2000 */
  readonly checkEveryMs?: number
  readonly now?: () => Date
  readonly onRebuilt?: (snapshot: Snapshot, buildMs: number) => void
  /** Items left out of a rebuild because they are not valid records, each with its key and why. */
  readonly onInvalidItems?: (items: readonly InvalidItem[]) => void
  readonly onError?: (error: unknown) => void
  /** How a writer's mark is judged dead (its pid, its lease): the defaults but in tests. */
  readonly writeMarks?: WriteMarkOptions
}

/**
 * The local snapshot source: reads the version item every few seconds (one small GetItem) and
 * rebuilds from a full scan when it moved, or when the day in Rome changed (a mobile unit's stops
 * count as upcoming from the build's date). Freshness after a write is therefore bounded by
 * checkEveryMs plus one rebuild (about a second for 3,000 points). A failed check or rebuild
 * keeps the snapshot in service; `freshness()` says how far behind it may be.
 */
export class RefreshingSnapshotSource implements SnapshotSource {
  private snapshot: Snapshot | undefined
  private timer: NodeJS.Timeout | undefined
  private refreshing: Promise<void> | undefined
  private followUp: Promise<void> | undefined
  private readonly tracker: FreshnessTracker
  private readonly now: () => Date

  constructor(private readonly options: RefreshingSnapshotSourceOptions) {
    this.now = options.now ?? (() => new Date())
    this.tracker = new FreshnessTracker(this.now)
  }

  current(): Snapshot | undefined {
    return this.snapshot
  }

  freshness(): SnapshotFreshness {
    return this.tracker.get()
  }

  /** Builds the first snapshot, then keeps checking in the background. */
  async start(): Promise<Snapshot> {
    await this.refresh()
    if (!this.snapshot) throw new Error(`the first snapshot could not be built: ${this.tracker.get().lastError}`)
    this.timer = setInterval(() => void this.refresh(), this.options.checkEveryMs ?? 2000)
    this.timer.unref()
    return this.snapshot
  }

  /**
   * Stops checking, and waits for a check or rebuild in flight: the caller closes the registry
   * next, and a request still running against a closed store would fail outside any handler.
   */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.refreshing
  }

  /** Rebuilds if the registry moved; concurrent calls share one rebuild. Never rejects: failures are kept for `freshness()`. */
  refresh(): Promise<void> {
    this.refreshing ??= this.rebuildIfChanged()
      .catch((error: unknown) => {
        this.tracker.failed(error)
        this.options.onError?.(error)
      })
      .finally(() => {
        this.refreshing = undefined
      })
    return this.refreshing
  }

  /**
   * After a write this process just made: a check that begins after the write, even when one is
   * in flight (it may have read the version before the write). Writes arriving meanwhile share
   * the one follow-up check.
   */
  refreshAfterWrite(): Promise<void> {
    if (!this.refreshing) return this.refresh()
    this.followUp ??= this.refreshing.then(() => {
      this.followUp = undefined
      return this.refresh()
    })
    return this.followUp
  }

  private async rebuildIfChanged(): Promise<void> {
    const now = this.now()
    let registryVersion = await this.options.registry.getVersion()
    // A writer seen dead (a killed import) left points stored without the bump that tells anyone:
    // its write is closed with a bump of its own, so the version, the answers' ETags and the
    // cursors all move with the data (a rebuild under the same version would not).
    if (hasDeadWrites(registryVersion, now, this.options.writeMarks) && (await this.options.registry.recoverInterruptedWrites()) > 0) {
      registryVersion = await this.options.registry.getVersion()
    }
    const { version } = registryVersion
    this.tracker.sawSource(version, this.snapshot?.registryVersion)
    if (this.snapshot && this.snapshot.registryVersion === version && sameRomeDay(this.snapshot.builtAt, now)) return
    const started = performance.now()
    const { records, invalid, changeSeq } = await this.options.registry.readAll()
    if (invalid.length > 0) this.options.onInvalidItems?.(invalid)
    const next = buildSnapshot(records, { registryVersion: version, builtAt: now, invalidItems: invalid.length, changeSeq, changesHorizon: changesHorizon(registryVersion, now, this.options.writeMarks) })
    this.snapshot = next
    this.tracker.served(version)
    this.options.onRebuilt?.(next, performance.now() - started)
  }
}

function sameRomeDay(isoInstant: string, now: Date): boolean {
  return toRomeWallClock(new Date(isoInstant)).date === toRomeWallClock(now).date
}
