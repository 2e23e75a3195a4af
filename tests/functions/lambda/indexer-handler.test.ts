import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda'
import { withEnvironment } from '../../support/with-environment.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3SnapshotPublisher } from '../../../functions/snapshot/s3-snapshot-publisher.ts'
import { buildRegistryFiles, type RegistryFile } from '../../../functions/exports/registry-files.ts'
import { deserializeSnapshot } from '../../../shared/geo/snapshot-codec.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { startLocalRegistry, type LocalRegistryFixture } from '../../support/local-registry.ts'
import { samplePoint } from '../../support/sample-point.ts'
import { startLocalS3, type LocalS3 } from '../snapshot/local-s3.ts'
import { buildBundledLambdas, getEvent, type BundledLambdas } from './bundled-lambdas.ts'

/** What the table's stream (KEYS_ONLY) delivers for one changed item. */
function streamRecord(pk: string, sk: string, eventName: 'INSERT' | 'MODIFY' | 'REMOVE' = 'MODIFY'): DynamoDBRecord {
  return {
    eventID: `${pk}-${sk}-${Math.random()}`,
    eventName,
    eventSource: 'aws:dynamodb',
    awsRegion: 'eu-south-1',
    dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } }, StreamViewType: 'KEYS_ONLY', SequenceNumber: '1', SizeBytes: 30 },
    eventSourceARN: 'arn:aws:dynamodb:eu-south-1:123456789012:table/registry/stream/2026-11-23T00:00:00.000',
  }
}
const streamEvent = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records })
const nightly = { source: 'aws.events', 'detail-type': 'Scheduled Event' }

describe('the bundled indexer handler', () => {
  let lambdas: BundledLambdas
  let s3: LocalS3
  let dynamo: LocalRegistryFixture
  let scenario = 0
  beforeAll(async () => {
    ;[lambdas, s3, dynamo] = await Promise.all([buildBundledLambdas(), startLocalS3(), startLocalRegistry({ accessKeyId: 'S3RVER' })])
  })
  afterAll(async () => {
    await Promise.all([lambdas.cleanup(), s3.close(), dynamo.close()])
  })

  /** Each case gets its own pointer in the shared bucket; the registry is shared and only grows. */
  function pipeline() {
    const pointerKey = `case-${++scenario}/current.json`
    const lines: Array<Record<string, unknown>> = []
    const publisher = new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket, pointerKey })
    const indexer = lambdas.indexer.createIndexerHandler({ registry: dynamo.registry(), publisher, log: (l) => lines.push(l) })
    return { pointerKey, publisher, indexer, lines }
  }

  it('writes the open-data files without the OSM hours parser in its cold start (the opening_hours library is ~750 KB)', () => {
    const inputs = lambdas.built.coldStartFiles('indexer').atStart.flatMap((file) => file.inputs)
    expect(inputs.filter((input) => input.includes('node_modules/opening_hours/'))).toEqual([])
    expect(inputs.some((input) => input.endsWith('functions/exports/template-export.ts'))).toBe(true)
  })

  it('turns a batch of stream records into one rebuild and one published snapshot', async () => {
    const { indexer, publisher, lines } = pipeline()
    const registry = dynamo.registry()
    await registry.importPoints([samplePoint('idx-a'), samplePoint('idx-b'), samplePoint('idx-c')])
    const { version } = await registry.getVersion()

    const result = await indexer(streamEvent(streamRecord('POINT#idx-a', 'POINT', 'INSERT'), streamRecord('POINT#idx-b', 'POINT', 'INSERT'), streamRecord('POINT#idx-c', 'POINT', 'INSERT'), streamRecord('META', 'REGISTRY_VERSION')))

    expect(result).toMatchObject({ trigger: 'stream', changes: 4, registryVersion: version, published: true })
    expect(lines.filter((l) => l.msg === 'snapshot published')).toHaveLength(1)
    const pointer = await publisher.current()
    expect(pointer).toMatchObject({ registryVersion: version, pointCount: (await registry.readAll()).records.length })
  })

  it('skips the scan when the published snapshot already covers the registry version', async () => {
    const { indexer } = pipeline()
    await dynamo.registry().importPoints([samplePoint('idx-skip')])
    await indexer(streamEvent(streamRecord('POINT#idx-skip', 'POINT', 'INSERT')))
    const again = await indexer(streamEvent(streamRecord('META', 'REGISTRY_VERSION')))
    expect(again.published).toBe(false)
    expect(again.reason).toMatch(/^snapshot already at version \d+$/)
  })

  it('rebuilds on the nightly schedule even when nothing changed', async () => {
    const { indexer, publisher } = pipeline()
    await indexer(streamEvent(streamRecord('META', 'REGISTRY_VERSION')))
    const before = await publisher.current()
    const nightlyResult = await indexer(nightly)
    expect(nightlyResult).toMatchObject({ trigger: 'schedule', changes: 0, published: true })
    expect((await publisher.current())?.registryVersion).toBe(before?.registryVersion)
  })

  it("carries a change to the read handler's answers after its next pointer check", async () => {
    const { indexer, pointerKey } = pipeline()
    const registry = dynamo.registry()
    await registry.importPoints([samplePoint('idx-live', { name: 'Biblioteca prima' })])
    await indexer(streamEvent(streamRecord('POINT#idx-live', 'POINT', 'INSERT')))

    let now = new Date('2026-11-23T08:30:00Z')
    const api = lambdas.api.createApiHandler({ readObject: s3.reader(), bucket: s3.bucket, pointerKey, cursorSecret: 's', now: () => now, log: () => {} })
    const nameNow = async () => JSON.parse((await api(getEvent('/v1/points/idx-live'))).body).name
    expect(await nameNow()).toBe('Biblioteca prima')

    const current = (await registry.getPoint('idx-live'))!
    await registry.putPoint({ ...samplePoint('idx-live'), name: 'Biblioteca dopo' }, current.version)
    await indexer(streamEvent(streamRecord('POINT#idx-live', 'POINT'), streamRecord('META', 'REGISTRY_VERSION')))

    now = new Date(now.getTime() + 29_000)
    expect(await nameNow()).toBe('Biblioteca prima') // within 30 s the instance trusts what it has
    now = new Date(now.getTime() + 1_000)
    expect(await nameNow()).toBe('Biblioteca dopo')
  })

  it('publishes despite an invalid item, naming it by key and counting it in a CloudWatch metric', async () => {
    const { indexer, publisher, lines } = pipeline()
    const registry = dynamo.registry()
    await registry.importPoints([samplePoint('idx-fine')])
    const { DynamoDBDocumentClient, PutCommand } = await import('@aws-sdk/lib-dynamodb')
    await DynamoDBDocumentClient.from(dynamo.client).send(new PutCommand({ TableName: dynamo.tableName, Item: { pk: 'POINT#idx-hand-edited', sk: 'POINT', id: 'idx-hand-edited', name: '' } }))

    const result = await indexer(streamEvent(streamRecord('POINT#idx-hand-edited', 'POINT', 'INSERT')))
    expect(result).toMatchObject({ published: true, invalidItems: 1 })
    expect((await publisher.current())?.invalidItems).toBe(1)
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', key: 'POINT#idx-hand-edited / POINT' }))
    const metric = lines.find((l) => '_aws' in l)!
    expect(metric).toMatchObject({ InvalidRegistryItems: 1, _aws: { CloudWatchMetrics: [{ Namespace: 'PuntoVicino', Metrics: [{ Name: 'InvalidRegistryItems' }] }] } })
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb')
    await DynamoDBDocumentClient.from(dynamo.client).send(new DeleteCommand({ TableName: dynamo.tableName, Key: { pk: 'POINT#idx-hand-edited', sk: 'POINT' } }))
  })

  it('streams the scan into the file: the snapshot and its open-data files are those a build from every record makes', async () => {
    const registry = dynamo.registry()
    await registry.importPoints([samplePoint('idx-stream-1', { name: 'Biblioteca del flusso' }), samplePoint('idx-stream-2')])
    const at = new Date('2026-11-23T23:30:00Z') // past Rome's midnight: the build day is the 24th
    const pointerKey = `case-${++scenario}/current.json`
    const publisher = new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket, pointerKey })
    let published: RegistryFile[] = []
    const indexer = lambdas.indexer.createIndexerHandler({
      registry,
      publisher,
      now: () => at,
      log: () => {},
      publishOpenData: async (snapshot) => {
        published = await buildRegistryFiles(snapshot)
        return { objects: published.length, bytes: published.reduce((total, file) => total + file.body.byteLength, 0) }
      },
    })
    const result = await indexer(nightly)
    expect(result.published).toBe(true)

    const { records, invalid, changeSeq } = await registry.readAll()
    const built = buildSnapshot(records, { registryVersion: result.registryVersion, builtAt: at, invalidItems: invalid.length, changeSeq })
    const { GetObjectCommand } = await import('@aws-sdk/client-s3')
    const object = await s3.client().send(new GetObjectCommand({ Bucket: s3.bucket, Key: result.key! }))
    const file = deserializeSnapshot(await object.Body!.transformToByteArray())
    expect(file.pointIds).toEqual(built.pointIds)
    expect([...file.records.each()]).toEqual(built.points)
    expect(file.tables.placeFacts).toEqual(built.tables.placeFacts)
    expect(published.map((f) => [f.name, f.etag])).toEqual((await buildRegistryFiles(built)).map((f) => [f.name, f.etag]))
    expect(published.find((f) => f.name === 'punti-facilitazione.csv')!.body.toString()).toContain('Biblioteca del flusso')
  })

  it('leaves the pointer where it was when the open-data files fail, so the retried batch rebuilds and writes them', async () => {
    const registry = dynamo.registry()
    const pointerKey = `case-${++scenario}/current.json`
    const publisher = new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket, pointerKey })
    let failures = 1
    let written = 0
    const indexer = lambdas.indexer.createIndexerHandler({
      registry,
      publisher,
      log: () => {},
      publishOpenData: async (snapshot) => {
        if (failures-- > 0) throw new Error('S3: SlowDown')
        written = snapshot.pointCount
        return { objects: 1, bytes: 1 }
      },
    })
    await registry.importPoints([samplePoint('idx-retry')])
    const batch = streamEvent(streamRecord('POINT#idx-retry', 'POINT', 'INSERT'))
    await expect(indexer(batch)).rejects.toThrow(/SlowDown/)
    expect(await publisher.current()).toBeUndefined()
    // Lambda retries the batch: it is not "already at version", and the files are written.
    const retried = await indexer(batch)
    expect(retried).toMatchObject({ published: true, openDataBytes: 1 })
    expect(written).toBe((await registry.readAll()).records.length)
    expect((await publisher.current())?.registryVersion).toBe(retried.registryVersion)
  })

  it('runs as Lambda starts it: the exported handler configured from the environment', async () => {
    const env = {
      PUNTOVICINO_TABLE: dynamo.tableName,
      SNAPSHOT_BUCKET: s3.bucket,
      SNAPSHOT_POINTER_KEY: 'from-env/current.json',
      // One s3rver bucket stands in for both (on AWS the open data have a bucket of their own).
      OPEN_DATA_BUCKET: s3.bucket,
      SITE_URL: 'https://punti.example.it',
      // The publisher the stack names from its context (a region's, here).
      CATALOG_PUBLISHER_NAME: 'Regione Umbria',
      CATALOG_PUBLISHER_IPA_CODE: 'r_umbria',
      CATALOG_PUBLISHER_EMAIL: 'opendata@regione.umbria.it',
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.dynamo.endpoint,
      AWS_REGION: 'eu-south-1',
      // s3rver accepts only its own key id, so the local DynamoDB was started with that key too.
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    }
    await withEnvironment(env, async () => {
      const result = await lambdas.indexer.handler(nightly)
      expect(result.published).toBe(true)
      const pointer = await new S3SnapshotPublisher({ s3: s3.client(), bucket: s3.bucket, pointerKey: 'from-env/current.json' }).current()
      expect(pointer?.key).toBe(result.key)
      // The whole-registry files came with it, each as is and pre-compressed, for CloudFront to serve.
      expect(result.openDataBytes).toBeGreaterThan(0)
      const { GetObjectCommand } = await import('@aws-sdk/client-s3')
      const read = async (Key: string) => s3.client().send(new GetObjectCommand({ Bucket: s3.bucket, Key }))
      const csv = await read('opendata/punti-facilitazione.csv')
      expect(csv.ContentType).toBe('text/csv; charset=utf-8')
      const csvText = Buffer.from(await csv.Body!.transformToByteArray()).toString()
      // One header line, one line per site of every point (the snapshot holds every status), a final newline.
      expect(csvText.split('\n').length - 2).toBe(pointer!.siteCount)
      const br = await read('opendata/punti-facilitazione.geojson.br')
      expect(br.ContentEncoding).toBe('br')
      const { brotliDecompressSync } = await import('node:zlib')
      expect(JSON.parse(brotliDecompressSync(await br.Body!.transformToByteArray()).toString()).type).toBe('FeatureCollection')
      // And their DCAT-AP_IT catalogue, naming each by its address on the public site.
      const catalog = JSON.parse(Buffer.from(await (await read('opendata/catalog.jsonld')).Body!.transformToByteArray()).toString())
      const downloads = catalog['dcat:dataset']['dcat:distribution'].map((d: { 'dcat:downloadURL': { '@id': string } }) => d['dcat:downloadURL']['@id'])
      expect(downloads.sort()).toEqual(['https://punti.example.it/opendata/lieux-mediation-numerique.csv', 'https://punti.example.it/opendata/punti-facilitazione-modello.csv', 'https://punti.example.it/opendata/punti-facilitazione.csv', 'https://punti.example.it/opendata/punti-facilitazione.geojson', 'https://punti.example.it/opendata/punti-facilitazione.json'])
      expect(catalog['dcat:dataset']['dct:publisher']).toMatchObject({ 'dct:identifier': 'r_umbria', 'foaf:name': 'Regione Umbria' })
      expect(catalog['dcat:dataset']['dcat:contactPoint']['vcard:hasEmail']['@id']).toBe('mailto:opendata@regione.umbria.it')
      expect((await read('opendata/catalog.jsonld.gz')).ContentEncoding).toBe('gzip')
      // And as Turtle, for harvesters that read RDF.
      const turtle = await read('opendata/catalog.ttl')
      expect(turtle.ContentType).toBe('text/turtle; charset=utf-8')
      expect(Buffer.from(await turtle.Body!.transformToByteArray()).toString()).toContain('<https://punti.example.it/opendata/punti-facilitazione.csv#distribuzione>')
      // And the page that lists them, shown at /opendata/ rather than downloaded.
      const index = await read('opendata/index.html')
      expect(index.ContentType).toBe('text/html; charset=utf-8')
      expect(index.ContentDisposition).toBeUndefined()
      expect(csv.ContentDisposition).toBe('attachment; filename="punti-facilitazione.csv"')
      const page = Buffer.from(await index.Body!.transformToByteArray()).toString()
      for (const name of ['punti-facilitazione.csv', 'punti-facilitazione.geojson', 'punti-facilitazione.json', 'dizionario-dati.csv', 'catalog.jsonld', 'catalog.ttl']) expect(page).toContain(`href="${name}"`)
      expect((await read('opendata/index.html.br')).ContentEncoding).toBe('br')
    })
  })

  it('runs the write handler as Lambda starts it: a Cognito-style token (client_id) from a real OpenID provider, a write, its history', async () => {
    const { startOperatorsServer } = await import('../../support/local-product-server.ts')
    const { signIn } = await import('../../support/oidc-sign-in.ts')
    // The local provider stands in for Cognito: its JWT access tokens carry client_id as Cognito's do.
    const provider = await startOperatorsServer({ registry: dynamo.registry(), reports: dynamo.reports() })
    try {
      await provider.oidc.accounts.add('editor@regione.toscana.it', { kind: 'region', region: '09' }, 'password-lambda-scrittura')
      const { accessToken } = await signIn(provider.origin, 'editor@regione.toscana.it', 'password-lambda-scrittura')
      await dynamo.registry().putPoint(samplePoint('lambda-write'), null)
      const env = {
        PUNTOVICINO_TABLE: dynamo.tableName,
        PUNTOVICINO_JOURNAL_TABLE: `${dynamo.tableName}-journal`,
        OPERATORS_ISSUER: provider.oidc.issuer,
        OPERATORS_JWKS_URL: `${provider.oidc.issuer}/jwks`,
        OPERATORS_CLIENT_ID: 'puntovicino-console',
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.dynamo.endpoint,
        AWS_REGION: 'eu-south-1',
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
      }
      await withEnvironment(env, async () => {
        const patch = (token: string) =>
          lambdas.write.handler({
            ...getEvent('/v1/admin/points/lambda-write', '', 'PATCH', { authorization: `Bearer ${token}`, 'if-match': '"v1"', 'content-type': 'application/merge-patch+json' }),
            body: JSON.stringify({ name: 'Scritto dalla Lambda' }),
          })
        expect((await patch('not.a.token')).statusCode).toBe(401)
        const response = await patch(accessToken)
        expect(response.statusCode, response.body).toBe(200)
        expect(response.headers?.etag ?? response.headers?.ETag).toBe('"v2"')
      })
      const history = await dynamo.registry().getHistory('lambda-write')
      expect(history.map((h) => [h.version, h.author.name])).toEqual([
        [2, 'editor@regione.toscana.it'],
        [1, expect.stringContaining('(command line)')],
      ])
    } finally {
      await provider.close()
    }
  })

  it("runs the citizens' reports as their own Lambda starts them: a report filed and its state read; the operators' function no longer takes them", async () => {
    await dynamo.registry().putPoint(samplePoint('lambda-report'), null)
    const env = {
      PUNTOVICINO_TABLE: dynamo.tableName,
      PUNTOVICINO_JOURNAL_TABLE: `${dynamo.tableName}-journal`,
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.dynamo.endpoint,
      AWS_REGION: 'eu-south-1',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    }
    await withEnvironment(env, async () => {
      const filed = await lambdas.reports.handler({
        ...getEvent('/v1/points/lambda-report/reports', '', 'POST', { 'content-type': 'application/json' }),
        body: JSON.stringify({ category: 'hours', text: 'Il sabato è chiuso' }),
      })
      expect(filed.statusCode, filed.body).toBe(201)
      const { id } = JSON.parse(filed.body) as { id: string }
      const state = await lambdas.reports.handler(getEvent(`/v1/points/lambda-report/reports/${id}`))
      expect([state.statusCode, (JSON.parse(state.body) as { status: string }).status]).toEqual([200, 'open'])
      expect((await lambdas.reports.handler(getEvent('/v1/admin/points/lambda-report'))).statusCode).toBe(404)
    })
    expect((await lambdas.write.handler(getEvent('/v1/points/lambda-report/reports', '', 'POST'))).statusCode).toBe(404)
  })
})
