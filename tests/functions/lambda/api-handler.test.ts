import type { Context } from 'aws-lambda'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { withEnvironment } from '../../support/with-environment.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { S3SnapshotPublisher } from '../../../functions/snapshot/s3-snapshot-publisher.ts'
import { generateRegistry } from '../../shared/geo/fixtures.ts'
import { startLocalSecretsManager, type LocalSecretsManager } from '../aws/local-secrets-manager.ts'
import { startLocalS3, type LocalS3 } from '../snapshot/local-s3.ts'
import { buildBundledLambdas, getEvent, type BundledLambdas } from './bundled-lambdas.ts'

const NOW = new Date('2026-11-23T08:30:00Z')
const records = generateRegistry({ points: 200, seed: 11, today: '2026-11-23' })
const firstSite = records[0]!.sites.find((s) => s.location)!

describe('the bundled read API handler', () => {
  let lambdas: BundledLambdas
  let s3: LocalS3
  let secrets: LocalSecretsManager
  beforeAll(async () => {
    ;[lambdas, s3, secrets] = await Promise.all([buildBundledLambdas(), startLocalS3(), startLocalSecretsManager()])
    secrets.set('arn:aws:secretsmanager:eu-south-1:123456789012:secret:cursor', 'cursor-key-from-secrets-manager')
    secrets.set('arn:aws:secretsmanager:eu-south-1:123456789012:secret:origin', 'origin-value-now')
    secrets.set('arn:aws:secretsmanager:eu-south-1:123456789012:secret:origin', 'origin-value-before', 'AWSPREVIOUS')
    const publisher = new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket })
    await publisher.publish(buildSnapshot(records, { registryVersion: 12, builtAt: NOW }))
  })
  afterAll(async () => {
    await Promise.all([lambdas.cleanup(), s3.close(), secrets.close()])
  })

  const lines: Array<Record<string, unknown>> = []
  const handlerFor = (pointerKey?: string) =>
    lambdas.api.createApiHandler({ readObject: s3.reader(), bucket: s3.bucket, pointerKey, cursorSecret: 'test-secret', now: () => NOW, log: (l) => lines.push(l) })
  afterEach(() => void (lines.length = 0))

  it('answers /healthz from the snapshot it loaded from S3 at the first event', async () => {
    const response = await handlerFor()(getEvent('/healthz'))
    expect(response.statusCode).toBe(200)
    expect(JSON.parse(response.body)).toMatchObject({ status: 'ok', registry_version: 12, points: 200 })
    expect(lines.find((l) => l.msg === 'snapshot loaded')).toMatchObject({ registryVersion: 12, points: 200 })
  })

  it('answers a nearest query with the closest point first and its distance', async () => {
    const response = await handlerFor()(getEvent('/v1/points', `near=${firstSite.location!.lat},${firstSite.location!.lon}&limit=3`))
    expect(response.statusCode).toBe(200)
    const body = JSON.parse(response.body) as { items: Array<{ id: string; distance_m: number }> }
    expect(body.items).toHaveLength(3)
    expect(body.items[0]!.distance_m).toBe(0)
    expect(response.headers?.['etag'] ?? response.headers?.['ETag']).toBeTruthy()
  })

  it("fetches records kept in S3 only within the invocation's time left: 503 with Retry-After when none is left, the answer when there is", async () => {
    const nearQuery = getEvent('/v1/points', `near=${firstSite.location!.lat},${firstSite.location!.lon}&limit=3`)
    // Reads past the snapshot's core: its records.
    let recordReads = 0
    const reader = s3.reader()
    const counted: typeof reader = (key, range) => ((recordReads += range && range.start > 0 ? 1 : 0), reader(key, range))
    const inS3 = () => lambdas.api.createApiHandler({ readObject: counted, bucket: s3.bucket, cursorSecret: 'test-secret', now: () => NOW, log: () => {}, splitRecordsAbove: 0 })
    const lambdaContext = (remainingMs: number) => ({ getRemainingTimeInMillis: () => remainingMs }) as unknown as Context
    // Less than the answer's own reserve (ANSWER_RESERVE_MS, 2 s) is left: no fetch is begun that would run into the timeout.
    const late = await inS3()(nearQuery, lambdaContext(1_500))
    expect(late.statusCode).toBe(503)
    expect(late.headers?.['retry-after']).toBe('5')
    expect(JSON.parse(late.body)).toMatchObject({ type: expect.stringContaining('records-unavailable') })
    expect(recordReads).toBe(0)
    const inTime = await inS3()(nearQuery, lambdaContext(10_000))
    expect(inTime.statusCode).toBe(200)
    expect(recordReads).toBeGreaterThan(0)
    expect(JSON.parse(inTime.body).items).toHaveLength(3)
    // Outside Lambda (no context), the fixed budget applies.
    expect((await inS3()(nearQuery)).statusCode).toBe(200)
    // Two invocations at once on one instance (Lambda Managed Instances): each keeps its own time.
    const shared = inS3()
    await shared.warm() // the snapshot's core loaded, as a cold start leaves it; no record read yet
    const [short, long] = await Promise.all([shared(nearQuery, lambdaContext(1_500)), shared(nearQuery, lambdaContext(10_000))])
    expect([short.statusCode, long.statusCode]).toEqual([503, 200])
  })

  it('answers one point by id and a problem+json 404 for an unknown id', async () => {
    const handler = handlerFor()
    const found = await handler(getEvent(`/v1/points/${encodeURIComponent(records[5]!.id)}`))
    expect(found.statusCode).toBe(200)
    expect(JSON.parse(found.body).id).toBe(records[5]!.id)
    const missing = await handler(getEvent('/v1/points/nope'))
    expect(missing.statusCode).toBe(404)
    expect(missing.headers?.['content-type']).toBe('application/problem+json')
  })

  it('finds comuni in the gazetteer inlined into the bundle', async () => {
    const response = await handlerFor()(getEvent('/v1/places', 'q=Firenze&limit=1'))
    expect(response.statusCode).toBe(200)
    expect(JSON.parse(response.body).items[0]).toMatchObject({ istat: '048017', name: 'Firenze', province: 'FI' })
  })

  it('logs a request with the caller position rounded to 2 decimals', async () => {
    await handlerFor()(getEvent('/v1/points', 'near=43.771234,11.254567&limit=1'))
    const request = lines.find((l) => l.msg === 'request')!
    expect(request.query).toEqual({ near: '43.77,11.25', limit: '1' })
    expect(JSON.stringify(lines)).not.toContain('43.7712')
  })

  it('answers 503 problem+json while no snapshot was ever published', async () => {
    const response = await handlerFor('never-published/current.json')(getEvent('/v1/points'))
    expect(response.statusCode).toBe(503)
    expect(JSON.parse(response.body)).toMatchObject({ status: 503, title: 'Registry not loaded yet' })
  })

  it('leaves Swagger UI assets to CloudFront: the function answers 404 for them', async () => {
    const response = await handlerFor()(getEvent('/v1/docs/assets/swagger-ui.css'))
    expect(response.statusCode).toBe(404)
  })

  it('serves the OpenAPI document and the CSV export from the chunks it loads on their first request', async () => {
    const handler = handlerFor()
    const document = await handler(getEvent('/v1/openapi.json'))
    expect(document.statusCode).toBe(200)
    const body = JSON.parse(document.body) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }
    expect(body.openapi).toMatch(/^3\.1\./)
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/v1/points', '/v1/points/{id}', '/v1/points.csv', '/healthz']))
    expect(Object.keys(body.components.schemas)).toEqual(expect.arrayContaining(['Point', 'PointPage', 'Problem']))
    const csv = await handler(getEvent('/v1/points.csv', 'kind=fixed'))
    expect(csv.statusCode).toBe(200)
    expect(csv.headers?.['content-type']).toBe('text/csv; charset=utf-8')
    // Sent base64-encoded, so the BOM that spreadsheet programs need arrives intact.
    expect(csv.isBase64Encoded).toBe(true)
    const text = Buffer.from(csv.body, 'base64').toString('utf8')
    expect(text.split('\n')[0]).toMatch(/^\uFEFFpoint_id,name,status,/)
  })

  it('keeps the OpenAPI generator, the response schemas and the CSV writer out of its cold start', () => {
    const { atStart, lazy } = lambdas.built.coldStartFiles('api')
    const startInputs = atStart.flatMap((file) => file.inputs)
    const lazyInputs = lazy.flatMap((file) => file.inputs)
    for (const deferred of ['@asteasolutions/zod-to-openapi', '@hono/zod-openapi', 'shared/schemas/point-view.ts', 'functions/api/openapi/', 'functions/exports/csv-export.ts', 'opening_hours']) {
      expect(startInputs.filter((input) => input.includes(deferred)), `${deferred} is loaded at start`).toEqual([])
    }
    for (const deferred of ['@asteasolutions/zod-to-openapi', 'shared/schemas/point-view.ts', 'functions/api/openapi/openapi-document.ts', 'functions/exports/csv-export.ts']) {
      expect(lazyInputs.some((input) => input.includes(deferred)), `${deferred} is in no lazy chunk`).toBe(true)
    }
    // Every request is validated, so the request schemas are there from the start.
    expect(startInputs.some((input) => input.endsWith('shared/schemas/points-query.ts'))).toBe(true)
  })

  it('keeps the routes a nearest answer does not take out of its cold start: they load on their first request', () => {
    const { atStart, lazy } = lambdas.built.coldStartFiles('api')
    const startInputs = atStart.flatMap((file) => file.inputs)
    const lazyInputs = lazy.flatMap((file) => file.inputs)
    const deferred = ['functions/api/deferred-routes.ts', 'changes.ts', 'places.ts', 'regions.ts', 'coverage.ts', 'pages.ts', 'docs.ts'].map((name) => (name.includes('/') ? name : `functions/api/routes/${name}`))
    for (const module of deferred) {
      expect(startInputs.filter((input) => input.endsWith(module)), `${module} is loaded at start`).toEqual([])
      expect(lazyInputs.some((input) => input.endsWith(module)), `${module} is in no lazy chunk`).toBe(true)
    }
    expect(startInputs.some((input) => input.endsWith('functions/api/routes/points.ts'))).toBe(true)
  })

  it('carries no AWS SDK client: it reaches S3 and Secrets Manager with signed requests of its own', () => {
    // A module of the read function that merely named an SDK client let esbuild put the SDK's
    // shared protocol code (70 KiB) in a chunk every cold start loaded.
    const { atStart, lazy } = lambdas.built.coldStartFiles('api')
    const inputs = [...atStart, ...lazy].flatMap((file) => file.inputs)
    expect(inputs.filter((input) => input.includes('node_modules/@aws-sdk/'))).toEqual([])
    const startInputs = atStart.flatMap((file) => file.inputs)
    expect(startInputs.filter((input) => input.includes('@smithy/core/') && !/@smithy\/core\/dist-es\/submodules\/(serde|client|transport)\/|protocols\/(util-uri-escape|index)/.test(input))).toEqual([])
  })

  /** What the stack sets: names of the bucket, the pointer and the secrets (never their values). */
  const lambdaEnvironment = () => ({
    SNAPSHOT_BUCKET: s3.bucket,
    SNAPSHOT_POINTER_KEY: 'snapshots/current.json',
    CURSOR_SECRET_ARN: 'arn:aws:secretsmanager:eu-south-1:123456789012:secret:cursor',
    ORIGIN_SECRET_ARN: 'arn:aws:secretsmanager:eu-south-1:123456789012:secret:origin',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    AWS_REGION: 'eu-south-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  })
  const viaCloudFront = { 'x-origin-verify': 'origin-value-now' }

  it('runs as Lambda starts it: configured from the environment, secrets read from Secrets Manager', async () => {
    await withEnvironment(lambdaEnvironment(), async () => {
      const fresh = await lambdas.freshApi()
      const response = await fresh.handler(getEvent(`/v1/points/${records[0]!.id}`, '', 'GET', viaCloudFront))
      expect(response.statusCode).toBe(200)
      // The snapshot was built on NOW, days before this run's real clock: served, and called stale.
      const health = await fresh.handler(getEvent('/healthz', '', 'GET', viaCloudFront))
      expect(JSON.parse(health.body)).toMatchObject({ registry_version: 12, status: 'stale' })
      expect(health.statusCode).toBe(503)
      // Cursors are signed with the key from Secrets Manager: a page walk works end to end.
      const first = JSON.parse((await fresh.handler(getEvent('/v1/points', 'limit=2', 'GET', viaCloudFront))).body)
      const second = await fresh.handler(getEvent('/v1/points', `limit=2&cursor=${encodeURIComponent(first.next_cursor)}`, 'GET', viaCloudFront))
      expect(second.statusCode).toBe(200)
    })
    expect(secrets.calls.map((c) => c.secretId)).toEqual(expect.arrayContaining([lambdaEnvironment().CURSOR_SECRET_ARN, lambdaEnvironment().ORIGIN_SECRET_ARN]))
  })

  it("refuses requests that did not come through CloudFront (no or a wrong x-origin-verify), and accepts the previous value during a rotation", async () => {
    await withEnvironment(lambdaEnvironment(), async () => {
      const fresh = await lambdas.freshApi()
      for (const headers of [{}, { 'x-origin-verify': 'guessed' }] as Array<Record<string, string>>) {
        const response = await fresh.handler(getEvent('/v1/points', 'limit=1', 'GET', headers))
        expect(response.statusCode).toBe(403)
        expect(JSON.parse(response.body).type).toMatch(/#forbidden$/)
      }
      expect((await fresh.handler(getEvent('/v1/points', 'limit=1', 'GET', { 'x-origin-verify': 'origin-value-before' }))).statusCode).toBe(200)
    })
  })

  it('loads the snapshot while the module initialises when it runs inside Lambda', async () => {
    const lines: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    const env = { ...lambdaEnvironment(), AWS_LAMBDA_FUNCTION_NAME: 'puntovicino-api' }
    await withEnvironment(env, async () => {
      process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write
      try {
        await lambdas.freshApi()
        // The import itself awaited the load: the log line is there before any event arrived.
        expect(lines.some((l) => l.includes('"msg":"snapshot loaded"') && l.includes('"registryVersion":12'))).toBe(true)
      } finally {
        process.stdout.write = write
      }
    })
  })

  it('stops with the name of a missing environment variable', () => {
    expect(() => lambdas.api.apiDepsFromEnvironment({ SNAPSHOT_BUCKET: 'b', SNAPSHOT_POINTER_KEY: 'k', AWS_REGION: 'eu-south-1', AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 's' })).toThrow(
      'environment variable CURSOR_SECRET_ARN is required (set by the CDK stack)',
    )
  })
})
