import type { MiddlewareHandler } from 'hono'
import { readFileSync } from 'node:fs'

export type LogSink = (line: Record<string, unknown>) => void
export const jsonLinesToStdout: LogSink = (line) => process.stdout.write(`${JSON.stringify(line)}\n`)

const COORDINATE_PARAMS = new Set(['near', 'bbox'])
const OPAQUE_PARAMS = new Set(['cursor'])

/** How often the peak memory the request lines carry is read again: reading it costs a file read. */
const PEAK_SAMPLE_MS = 10_000
let peak = { at: Number.NEGATIVE_INFINITY, mib: 0 }

/**
 * The process's peak resident memory so far, in MiB, read at most every 10 s: the high-water mark
 * (VmHWM), so a spike inside one request (an export page) is not missed between readings; where
 * /proc is missing, the resident size now. On AWS a metric filter turns it into the read
 * function's memory metric and its alarm (infra/constructs/observability.ts): Lambda reports a
 * function's memory only in its platform logs, which the stack keeps at WARN.
 */
function peakResidentMiB(now: number): number {
  if (now - peak.at >= PEAK_SAMPLE_MS) peak = { at: now, mib: Math.round(highWaterMarkBytes() / 2 ** 20) }
  return peak.mib
}

function highWaterMarkBytes(): number {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
    if (kib !== undefined) return Number(kib) * 1024
  } catch {
    // Not Linux: no /proc.
  }
  return process.memoryUsage.rss()
}

/**
 * A caller's position is personal data: logs keep it to 2 decimals (about 1 km), enough to see
 * where demand comes from and no more. A page's cursor is kept as its length only: it carries a
 * hash of its whole query, position included, which a search of the logged 1-km cell undoes.
 * Every other parameter is logged as sent.
 */
export function redactQuery(url: URL): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of url.searchParams) {
    if (OPAQUE_PARAMS.has(key)) {
      out[key] = `(${value.length} characters)`
      continue
    }
    out[key] = COORDINATE_PARAMS.has(key)
      ? value
          .split(',')
          .map((part) => {
            const n = Number(part)
            return Number.isFinite(n) && part.trim() !== '' ? n.toFixed(2) : '?'
          })
          .join(',')
      : value.slice(0, 200)
  }
  return out
}

/** One structured JSON line per request: method, path, redacted query, status, duration. */
export const requestLog = ({ sink = jsonLinesToStdout }: { sink?: LogSink } = {}): MiddlewareHandler =>
  async function requestLog(c, next) {
    const started = performance.now()
    await next()
    const url = new URL(c.req.url)
    const ended = performance.now()
    sink({
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      method: c.req.method,
      path: url.pathname,
      query: redactQuery(url),
      status: c.res.status,
      ms: Math.round((ended - started) * 10) / 10,
      peak_rss_mib: peakResidentMiB(ended),
    })
  }
