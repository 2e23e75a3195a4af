import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isMain } from './bench-support.ts'
import { startLocalServer } from './local-server.ts'
import { positionsOverItaly } from './positions.ts'

/**
 * Reliability under load (issue 8): `npm start` as a user runs it, loaded from this process by
 * autocannon with 200 connections on loopback for 60 s on nearest-with-a-filter queries, then
 * 60 s on export pages. Reported: requests, errors (connection errors, timeouts), non-2xx
 * answers, p50/p99 latency, and the server's resident memory before and after (no growth).
 * `BENCH_LOAD_SECONDS` shortens the runs.
 */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60)
const CONNECTIONS = 200

function nearPaths(count: number): string[] {
  const services = ['assistenza_individuale', 'formazione_gruppo', 'formazione_online']
  return positionsOverItaly(count).map(({ lat, lon }, i) => `/v1/points?near=${lat},${lon}&service=${services[i % services.length]}&limit=10${i % 4 === 0 ? '&open_now=true' : ''}`)
}

function exportPaths(): string[] {
  const regions = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0'))
  return regions.flatMap((region) => [`/v1/points.csv?region=${region}&limit=500`, `/v1/points.geojson?region=${region}&limit=200`])
}

interface PhaseResult {
  requests: number
  rps: number
  errors: number
  errorKinds: Record<string, number>
  non2xx: number
  p50: number
  p99: number
  max: number
}

/** One phase, its client in a child process (bench/load-client.ts). */
function load(url: string, paths: readonly string[], seconds: number): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load-client.ts', JSON.stringify({ url, paths, seconds, connections: CONNECTIONS })], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as PhaseResult) : reject(new Error(`load client exited with ${code}`))))
  })
}

export async function runLoadBench(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pv-load-'))
  const server = await startLocalServer(dataDir)
  const lines = [`## Load (autocannon, loopback, ${CONNECTIONS} connections, ${SECONDS} s each, against npm start with the 3,000-point demo registry)`]
  try {
    await load(server.url, nearPaths(50), 5) // warm-up: JIT, the per-minute presentation cache
    const before = server.rssMiB()
    const near = await load(server.url, nearPaths(500), SECONDS)
    const exports = await load(server.url, exportPaths(), SECONDS)
    const after = server.rssMiB()
    const row = (name: string, r: PhaseResult) =>
      `${name}: ${r.requests} requests, ${Math.round(r.rps)} req/s, errors ${r.errors}${r.errors > 0 ? ` ${JSON.stringify(r.errorKinds)}` : ''}, non-2xx ${r.non2xx}, p50 ${r.p50} ms, p99 ${r.p99} ms, max ${r.max} ms`
    lines.push(row('GET /v1/points?near=…&service=…&limit=10 (¼ with open_now)', near))
    lines.push(row('GET /v1/points.csv|.geojson?region=…&limit=500|200 (export pages)', exports))
    lines.push(`server resident memory: ${before.toFixed(0)} MiB after warm-up, ${after.toFixed(0)} MiB after both runs (${after - before >= 0 ? '+' : ''}${(after - before).toFixed(0)} MiB)`)
    const clean = near.errors + near.non2xx + exports.errors + exports.non2xx === 0
    lines.push(`verdict: ${clean ? 'met (0 errors, 0 non-2xx)' : 'MISSED: errors or non-2xx answers above'}`)
    return lines.join('\n')
  } finally {
    await server.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

if (isMain(import.meta.url)) console.log(await runLoadBench())
