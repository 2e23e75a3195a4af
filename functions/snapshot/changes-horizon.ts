import type { RegistryVersion } from '../../shared/registry-port.ts'
import { isAbandoned, type WriteMarkOptions } from '../repository/write-marks.ts'

/**
 * Whether a write is left open by a writer now dead (`isAbandoned`): a writer that died (a
 * killed import) left points it stored without the bump that would have told anyone. What it
 * stored is then all it ever will: its write is closed with a bump (refreshing-snapshot-source.ts).
 * (A live writer's mark calls for nothing: its own bump follows.)
 */
export const hasDeadWrites = (version: RegistryVersion, now: Date, marks: WriteMarkOptions = {}): boolean => version.openWrites.some((mark) => isAbandoned(mark, now, marks))

/**
 * How far the change feed of a snapshot may go, in write tickets. A builder reads the registry
 * version, then scans (strongly consistent). Every write draws its ticket and leaves its mark in
 * one update, and stores points with that ticket before removing the mark; so at the moment the
 * version was read, each ticket up to `writeSeq` belonged to a write that was either complete
 * (its points are in the scan) or open (its mark is listed). The feed stops just below the
 * lowest open ticket: a client that has read up to the horizon can never see a point appear
 * behind it. Writes that will begin later draw higher tickets. The marks of writers that died
 * (`isAbandoned`) hold nothing back: what they stored is in the scan, and they store no more.
 */
export function changesHorizon(version: RegistryVersion, now: Date, marks: WriteMarkOptions = {}): number {
  const open = version.openWrites.filter((mark) => !isAbandoned(mark, now, marks))
  if (open.length === 0) return version.writeSeq
  return Math.max(0, Math.min(...open.map((mark) => mark.ticket)) - 1)
}
