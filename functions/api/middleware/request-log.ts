import type { MiddlewareHandler } from 'hono'

export type LogSink = (line: Record<string, unknown>) => void
export const jsonLinesToStdout: LogSink = (line) => process.stdout.write(`${JSON.stringify(line)}\n`)

const COORDINATE_PARAMS = new Set(['near', 'bbox'])

/**
 * A caller's position is personal data: logs keep it to 2 decimals (about 1 km), enough to see
 * where demand comes from and no more. Every other parameter is logged as sent.
 */
export function redactQuery(url: URL): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of url.searchParams) {
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
    sink({
      level: c.res.status >= 500 ? 'error' : 'info',
      msg: 'request',
      method: c.req.method,
      path: url.pathname,
      query: redactQuery(url),
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    })
  }
