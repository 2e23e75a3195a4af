/**
 * AWS-side benchmark (not a test): `npx tsx bench/infra.ts`, or `npm run bench -- infra`.
 * - Bundle sizes of the Lambda bundles, minified and gzipped (what Lambda downloads and parses).
 * - Cold-start proxy: a fresh node process imports the bundled read handler, loads a 3,000-point
 *   snapshot from S3 (s3rver on loopback) and answers its first API Gateway event; the same for a
 *   bare Hono handler bundled by the same esbuild configuration, in the same run. Target ≤ 1.5×.
 * - Snapshot at 1,000,000 sites: its size and decode time (the API's cold-start path; target
 *   ≤ 300 ms), with the S3 transfer estimated from the size.
 * Absolute times drift on a shared machine: the cold start is reported as a ratio of medians.
 */
import '../functions/local/quiet-sdk-warning.ts'
import { build } from 'esbuild'
import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { buildLambdas, LAMBDA_ENTRIES, lambdaBuildOptions, type BundleFile, type LambdaName } from '../functions/lambda/build.ts'
import { S3SnapshotPublisher } from '../functions/snapshot/s3-snapshot-publisher.ts'
import { deserializeSnapshot, serializeSnapshot } from '../shared/geo/snapshot-codec.ts'
import { buildSnapshot } from '../shared/geo/snapshot.ts'
import { startLocalSecretsManager } from '../tests/functions/aws/local-secrets-manager.ts'
import { startLocalS3 } from '../tests/functions/snapshot/local-s3.ts'
import { generateRegistry } from '../tests/shared/geo/fixtures.ts'
import { isMain, REPO_ROOT, verdict } from './bench-support.ts'

const TODAY = '2026-11-23'
const COLD_START_RUNS = 7
const BENCH_ORIGIN_SECRET = 'bench-origin-secret'
const SITES_PER_POINT = 1.414 // what the fixture generator produces on average
/** A single S3 GET stream into Lambda commonly sustains about this; ranged parallel GETs go faster. */
const S3_SINGLE_STREAM_MB_PER_S = 90

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const BARE_HONO_HANDLER = `
import { Hono } from 'hono'
import { handle } from 'hono/aws-lambda'
const app = new Hono()
app.get('/v1/points', (c) => c.json({ items: [], next_cursor: null }))
export const handler = handle(app)
`

/** Runs one fresh node process that imports `bundle` and answers one event; returns ms since the process began. */
function coldStart(bundle: string, env: Record<string, string>): Promise<{ ms: number; status: number }> {
  const script = `
const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)})
const event = ${JSON.stringify(firstEvent())}
const response = await handler(event, {})
process.stdout.write(JSON.stringify({ ms: performance.now(), status: response.statusCode }))
`
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`cold start of ${bundle} exited with ${code}`))
      // The handler logs JSON lines to stdout too; the result is the last line.
      const last = out.trim().split('\n').at(-1)!
      const tail = last.slice(last.lastIndexOf('{"ms"'))
      resolve(JSON.parse(tail) as { ms: number; status: number })
    })
  })
}

function firstEvent() {
  const path = '/v1/points'
  const query = 'near=41.9,12.5&limit=10'
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    queryStringParameters: Object.fromEntries(new URLSearchParams(query)),
    // As CloudFront sends it: with the origin secret the function checks.
    headers: { host: 'bench.execute-api.eu-south-1.amazonaws.com', accept: 'application/json', 'x-origin-verify': BENCH_ORIGIN_SECRET },
    requestContext: {
      accountId: '123456789012',
      apiId: 'bench',
      domainName: 'bench.execute-api.eu-south-1.amazonaws.com',
      domainPrefix: 'bench',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'bench' },
      requestId: 'bench',
      routeKey: '$default',
      stage: '$default',
      time: '23/Nov/2026:08:30:00 +0000',
      timeEpoch: 1_795_422_600_000,
    },
    isBase64Encoded: false,
  }
}

export async function runInfraBench(): Promise<string> {
  const lines: string[] = ['infra bench — Lambda bundles, cold start, snapshot load from S3']
  const log = (line: string): void => {
    lines.push(line)
    console.error(line)
  }
  const scratch = await mkdtemp(join(tmpdir(), 'pv-infra-bench-'))
  const s3 = await startLocalS3('bench-snapshots')
  // The function reads its two secrets at cold start, as on AWS (the stand-in checks signatures).
  const secrets = await startLocalSecretsManager()
  secrets.set('arn:bench:cursor', 'bench-cursor-key')
  secrets.set('arn:bench:origin', BENCH_ORIGIN_SECRET)
  try {
    // 1. Bundle sizes, from the deployment's own build.
    const built = await buildLambdas(join(scratch, 'lambda'))
    const bareFile = join(scratch, 'bare', 'index.mjs')
    // The same configuration as the api, as one file from stdin (it has no dynamic import to split off).
    const { entryPoints: _entries, outdir: _outdir, splitting: _splitting, ...shared } = lambdaBuildOptions('api')
    await build({ ...shared, stdin: { contents: BARE_HONO_HANDLER, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'bare-hono-handler.ts' }, outfile: bareFile })
    const gazetteerBytes = readFileSync(join(REPO_ROOT, 'data', 'it_comuni_gazetteer.csv')).byteLength
    log('bundle sizes (minified / gzip; at start = what a cold start loads, lazy = chunks only a deeper dynamic import() loads):')
    const sizeOf = (files: readonly BundleFile[]): string => {
      const bytes = files.map(({ file }) => readFileSync(file))
      const sum = (ns: number[]): number => ns.reduce((a, b) => a + b, 0)
      return `${kib(sum(bytes.map((b) => b.byteLength))).padStart(9)} / ${kib(sum(bytes.map((b) => gzipSync(b).byteLength))).padStart(8)}`
    }
    for (const name of Object.keys(LAMBDA_ENTRIES) as LambdaName[]) {
      const { atStart, lazy } = built.coldStartFiles(name)
      log(`  ${name.padEnd(9)} at start ${sizeOf(atStart)} (${atStart.length} files)   lazy ${sizeOf(lazy)} (${lazy.length} files)`)
    }
    log(`  ${'bare hono'.padEnd(9)} at start ${sizeOf([{ file: bareFile, inputs: [] }])}`)
    log(`  (the api folder also carries the ISTAT gazetteer, ${kib(gazetteerBytes)} of CSV, read on the first /v1/places)`)

    // 2. Cold-start proxy, alternating the two contenders so drift hits both alike.
    const small = buildSnapshot(generateRegistry({ points: 3000, seed: 1, today: TODAY }), { registryVersion: 1, builtAt: new Date(`${TODAY}T08:00:00Z`) })
    await new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket, pointerKey: 'small/current.json' }).publish(small)
    const env = {
      AWS_LAMBDA_FUNCTION_NAME: 'bench', // takes the init-phase path: the snapshot loads during import
      SNAPSHOT_BUCKET: s3.bucket,
      SNAPSHOT_POINTER_KEY: 'small/current.json',
      CURSOR_SECRET_ARN: 'arn:bench:cursor',
      ORIGIN_SECRET_ARN: 'arn:bench:origin',
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
      AWS_REGION: 'eu-south-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    }
    const ours: number[] = []
    const baseline: number[] = []
    for (let run = 0; run < COLD_START_RUNS; run++) {
      const a = await coldStart(built.file('api'), env)
      if (a.status !== 200) throw new Error(`the api bundle answered ${a.status} to its first event`)
      ours.push(a.ms)
      baseline.push((await coldStart(bareFile, env)).ms)
    }
    const ratio = median(ours) / median(baseline)
    log(`cold start (fresh node process → first event answered; median of ${COLD_START_RUNS}, ${small.pointCount} points / ${small.siteCount} sites):`)
    log(`  api bundle + snapshot from S3  ${median(ours).toFixed(0)} ms`)
    log(`  bare Hono bundle               ${median(baseline).toFixed(0)} ms`)
    log(`  ratio ${ratio.toFixed(2)}× (target ≤ 1.5×: ${verdict(ratio, 1.5)})`)

    // 3. Snapshot load at 1,000,000 sites: what an API instance does on cold start at national
    // scale. The decode is timed in-process; the transfer is not timed through s3rver (a loopback
    // stand-in, far slower than S3 for objects this size) but estimated from the object's size.
    const records = generateRegistry({ points: Math.round(1_000_000 / SITES_PER_POINT), seed: 1, today: TODAY })
    const large = buildSnapshot(records, { registryVersion: 2, builtAt: new Date(`${TODAY}T08:00:00Z`) })
    records.length = 0
    const bytes = serializeSnapshot(large)
    const decodeMs: number[] = []
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now()
      const loaded = deserializeSnapshot(bytes)
      decodeMs.push(performance.now() - t0)
      if (loaded.siteCount !== large.siteCount) throw new Error('the decoded snapshot differs from the built one')
    }
    const decode = median(decodeMs)
    const directoryLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true)
    const sections = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + directoryLength))).sections as Record<string, [number, number]>
    const recordBytes = sections.records?.[1] ?? 0
    const mibOf = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`
    const transferSeconds = (n: number): string => (n / (S3_SINGLE_STREAM_MB_PER_S * 1e6)).toFixed(1)
    log(`snapshot at ${large.siteCount.toLocaleString('en')} sites (${large.pointCount.toLocaleString('en')} points): ${mibOf(bytes.byteLength)}, of which point records ${mibOf(recordBytes)}`)
    log(`  decode (deserializeSnapshot, median of 5)  ${decode.toFixed(0)} ms  (target ≤ 300 ms: ${verdict(decode, 300)})`)
    log(`  S3 transfer at ~${S3_SINGLE_STREAM_MB_PER_S} MB/s (one GET stream, estimate): whole object ≈ ${transferSeconds(bytes.byteLength)} s; without the records section ≈ ${transferSeconds(bytes.byteLength - recordBytes)} s`)
  } finally {
    await Promise.all([s3.close(), secrets.close()])
    await rm(scratch, { recursive: true, force: true })
  }
  return lines.join('\n')
}

if (isMain(import.meta.url)) {
  const report = await runInfraBench()
  writeFileSync(1, `${report}\n`)
}
