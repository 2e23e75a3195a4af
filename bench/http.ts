import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { build } from 'esbuild'
import { createInterface } from 'node:readline'
import { isMain, verdict } from './bench-support.ts'
import { HTTP_BENCH_SERVICE, positionsOverItaly } from './positions.ts'

/**
 * HTTP throughput of `GET /v1/points?near=…&service=…&limit=10` against a bare Hono JSON route,
 * both served by @hono/node-server on loopback and loaded by autocannon in the same run.
 * Targets (issue 12): the compact list (`view=compact`) ≥ 0.7 of the bare route's requests per
 * second; the full representation ≥ 0.8 of a bare route serving the same bytes. p99 printed too.
 */
const TARGET_RATIO = 0.7
const TARGET_FULL_SAME_BYTES = 0.8
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 6)


async function load(url: string, paths: string[]) {
  let i = 0
  const result = await autocannon({
    url,
    connections: 50,
    duration: DURATION_S,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  })
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx }
}

export async function runHttpBench(): Promise<string> {
  // Bundled as the Lambda function is (esbuild, no keepNames), not run through tsx.
  await build({ entryPoints: ['bench/http-servers.ts'], outfile: 'bench/dist/http-servers.mjs', bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' })
  const child = spawn(process.execPath, ['bench/dist/http-servers.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] })
  try {
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve)
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)))
    })
    const { appPort, barePort, sampleBytes, rawIndexUs } = JSON.parse(firstLine) as { appPort: number; barePort: number; sampleBytes: number; rawIndexUs: number }
    const nearPaths = positionsOverItaly(200).map(({ lat, lon }) => `/v1/points?near=${lat},${lon}&service=${HTTP_BENCH_SERVICE}&limit=10`)
    await load(`http://127.0.0.1:${appPort}`, nearPaths.slice(0, 20)) // warm-up: JIT, caches
    const bare = await load(`http://127.0.0.1:${barePort}`, ['/bare'])
    const sameSize = await load(`http://127.0.0.1:${barePort}`, ['/bare-same-size'])
    const real = await load(`http://127.0.0.1:${appPort}`, nearPaths)
    const compact = await load(`http://127.0.0.1:${appPort}`, nearPaths.map((path) => `${path}&view=compact`))
    const ratio = compact.rps / bare.rps
    // What no route that walks the index can beat: the bare route's time per request plus one raw
    // geokdbush query (the engine's own baseline, issue 12 target 1), measured in the server process.
    const bareUs = 1e6 / bare.rps
    const ceiling = bareUs / (bareUs + rawIndexUs)
    const fullRatio = real.rps / sameSize.rps
    return [
      '## HTTP (autocannon, loopback, 50 connections, ' + `${DURATION_S} s each)`,
      `bare Hono JSON route: ${Math.round(bare.rps)} req/s, p99 ${bare.p99} ms`,
      `GET /v1/points?near=…&service=formazione_gruppo&limit=10: ${Math.round(real.rps)} req/s, p99 ${real.p99} ms, errors ${real.errors}`,
      `bare route serving a constant real answer (${sampleBytes} bytes, 10 full points): ${Math.round(sameSize.rps)} req/s, p99 ${sameSize.p99} ms`,
      `… &view=compact: ${Math.round(compact.rps)} req/s, p99 ${compact.p99} ms, errors ${compact.errors}`,
      `ratio compact / bare: ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}: ${verdict(ratio, TARGET_RATIO, true)})`,
      `  ceiling for any route that runs one raw index query: ${ceiling.toFixed(2)} of the bare route (bare ${bareUs.toFixed(1)} µs a request + raw geokdbush around() with the service bits ${rawIndexUs.toFixed(1)} µs, same positions, same server process)`,
      `ratio full / bare with the same bytes: ${fullRatio.toFixed(2)} (target ≥ ${TARGET_FULL_SAME_BYTES}: ${verdict(fullRatio, TARGET_FULL_SAME_BYTES, true)}; what parsing, the query and assembly cost beyond the payload)`,
      `ratio full / bare: ${(real.rps / bare.rps).toFixed(2)}`,
    ].join('\n')
  } finally {
    child.kill()
  }
}

if (isMain(import.meta.url)) {
  console.log(await runHttpBench())
}
