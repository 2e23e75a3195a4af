import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import type { WriteMark } from '../../shared/registry-port.ts'

/**
 * Write marks: how a crash between a writer's item writes and its version bump is noticed and
 * repaired. A writer sets `writer_<token>` on the version item before it writes any point and
 * removes it with its final bump. A mark left behind belongs to a writer that died; the next
 * write closes it and moves the version on, so readers rebuild and see what the dead writer
 * stored. (On AWS the table's stream sees every item write anyway; locally the version item is
 * the only signal the snapshot source has.)
 */
export interface WriteMarkOptions {
  /** A mark older than this is abandoned whoever left it. @default one hour */
  readonly leaseMs?: number
  /** Whether a process of this host is alive. @default process.kill(pid, 0) */
  readonly isAlive?: (pid: number) => boolean
  /** @default os.hostname() */
  readonly host?: string
}

const PREFIX = 'writer_'
const TICKET_PREFIX = 'ticket_'

export const writeMarkAttribute = (token: string): string => `${PREFIX}${token}`
/** The write's ticket beside its mark: set in the same update that draws it from `write_seq`. */
export const writeTicketAttribute = (token: string): string => `${TICKET_PREFIX}${token}`

export function newWriteMark(now: Date, host = hostname()): Omit<WriteMark, 'ticket'> {
  return { token: randomBytes(8).toString('hex'), startedAt: now.toISOString(), host, pid: process.pid }
}

/** The marks on a version item, whatever else it holds. */
export function writeMarksOf(item: Record<string, unknown>): WriteMark[] {
  return Object.entries(item)
    .filter(([name]) => name.startsWith(PREFIX))
    .map(([name, value]) => {
      const mark = (value ?? {}) as { started_at?: unknown; host?: unknown; pid?: unknown }
      return {
        token: name.slice(PREFIX.length),
        startedAt: typeof mark.started_at === 'string' ? mark.started_at : new Date(0).toISOString(),
        host: typeof mark.host === 'string' ? mark.host : '',
        pid: Number(mark.pid ?? 0),
        ticket: Number(item[writeTicketAttribute(name.slice(PREFIX.length))] ?? 0),
      }
    })
}

/**
 * A mark is abandoned when its process is known dead (same host, pid gone) or when it is older
 * than the lease (a writer elsewhere: a Lambda, another machine). Closing a live writer's mark by
 * mistake costs only an early rebuild: its own final bump still follows.
 */
export function isAbandoned(mark: WriteMark, now: Date, { leaseMs = 3_600_000, isAlive = processIsAlive, host = hostname() }: WriteMarkOptions = {}): boolean {
  if (mark.host === host && !isAlive(mark.pid)) return true
  const started = Date.parse(mark.startedAt)
  return !Number.isFinite(started) || now.getTime() - started > leaseMs
}

function processIsAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, it is someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
