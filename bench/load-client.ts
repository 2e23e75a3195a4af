import autocannon from 'autocannon'

/**
 * One load phase of bench/load.ts, in a process of its own: a fresh client per phase, so one
 * phase's connections and timers cannot weigh on the next. Reads `{ url, paths, seconds,
 * connections }` as JSON from argv and prints its result as one JSON line.
 */
const { url, paths, seconds, connections } = JSON.parse(process.argv[2]!) as { url: string; paths: string[]; seconds: number; connections: number }
let i = 0
const kinds = new Map<string, number>()
const run = autocannon({
  url,
  connections,
  duration: seconds,
  timeout: 30,
  requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
}) as unknown as Promise<autocannon.Result> & NodeJS.EventEmitter // without a callback, the instance is also its promise
// What went wrong, by kind: a count alone does not say whether the server or the load generator failed.
run.on('reqError', (error: Error & { code?: string }) => kinds.set(error.code ?? error.message, (kinds.get(error.code ?? error.message) ?? 0) + 1))
const result = await run
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    // autocannon counts a timeout both as an error and as a timeout: each failed request once here.
    errors: Math.max(result.errors, result.timeouts),
    errorKinds: Object.fromEntries(kinds),
    non2xx: result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
  }),
)
