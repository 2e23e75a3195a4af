import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, it } from 'vitest'
import { createAdminApp } from '../../../functions/api/admin-app.ts'
import { honoPath } from '../../../functions/api/api-route.ts'
import { createCursorCodec } from '../../../functions/api/cursor.ts'
import { deferredRoutes } from '../../../functions/api/deferred-routes.ts'
import type { Gazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import type { Registry } from '../../../shared/registry-port.ts'
import type { Reports } from '../../../shared/reports-port.ts'
import { SITE_PAGE_ROUTES } from '../../../functions/api/routes/pages.ts'
import { createApiFixture, REGISTRY_VERSION, snapshotOf } from './support/app-fixture.ts'

const fixture = createApiFixture()
const { records } = fixture
const apiMd = readFileSync(new URL('../../../docs/API.md', import.meta.url), 'utf8')

type OpenApiDocument = {
  openapi: string
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string }>; responses: Record<string, { content?: Record<string, { schema: object }> }> }>>
  components: { schemas: Record<string, object> }
}
let doc: OpenApiDocument

/** The paths of docs/API.md's endpoint table, each with the query parameters the contract names for it. */
function contractEndpoints(): Map<string, string[]> {
  const endpoints = new Map<string, string[]>()
  for (const [, path, query] of apiMd.matchAll(/^\| `GET (\/[^`?\s]*)(\?[^`]*)?`/gm)) {
    endpoints.set(path!, [...(query ?? '').matchAll(/[?&](\w+)=/g)].map((m) => m[1]!))
  }
  const table = apiMd.split('### Query parameters of `/v1/points`')[1]!.split('\n###')[0]!
  const pointParams = [...table.matchAll(/^\| (.+?) \|/gm)].flatMap(([, cell]) => [...cell!.matchAll(/`(\w+)[=`]/g)].map((m) => m[1]!)).filter((p) => p !== 'parameter')
  for (const path of ['/v1/points', '/v1/points.geojson', '/v1/points.csv']) endpoints.set(path, pointParams)
  return endpoints
}

const ajv = new Ajv2020({ strict: false, allErrors: true })
addFormats(ajv)
const validators = new Map<string, ReturnType<typeof ajv.compile>>()

/** The route's documented response for that status and media type, compiled with the document's components. */
function responseValidator(template: string, status: number, mediaType: string) {
  const key = `${template} ${status} ${mediaType}`
  let validate = validators.get(key)
  if (!validate) {
    const response = doc.paths[template]?.get?.responses[String(status)]
    expect(response, `${template} documents no ${status} response`).toBeDefined()
    const content = response!.content?.[mediaType]
    expect(content, `${template} ${status} documents no ${mediaType} content (has ${Object.keys(response!.content ?? {})})`).toBeDefined()
    // The response schema refers to '#/components/…': give it the components at its own root.
    validate = ajv.compile({ ...content!.schema, components: doc.components })
    validators.set(key, validate)
  }
  return validate
}

/** GETs `url` and checks status, media type and body against what the document says `template` answers. */
async function expectConformingResponse(template: string, url: string, expectedStatus: number): Promise<unknown> {
  const response = await fixture.get(url)
  expect(response.status, url).toBe(expectedStatus)
  const mediaType = response.headers.get('content-type')!.split(';')[0]!.trim()
  const validate = responseValidator(template, response.status, mediaType)
  const text = await response.text()
  const body = /json$/.test(mediaType) ? JSON.parse(text) : text
  const valid = validate(body)
  expect(valid, `${url}: ${ajv.errorsText(validate.errors?.slice(0, 5))}`).toBe(true)
  return body
}

beforeAll(async () => {
  doc = await fixture.getJson('/v1/openapi.json')
})

describe('the OpenAPI document at /v1/openapi.json', () => {
  it('validates as OpenAPI 3.1', async () => {
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0])
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(doc.openapi).toMatch(/^3\.1\./)
  })

  it('names every operation with an operationId of its own, stable and readable, for generated clients', () => {
    const operations = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, id: operation.operationId })),
    )
    expect(operations.filter((o) => !o.id)).toEqual([])
    const ids = operations.map((o) => o.id)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
    const idOf = (method: string, path: string) => operations.find((o) => o.method === method && o.path === path)?.id
    expect([idOf('get', '/v1/points'), idOf('get', '/v1/points/{id}'), idOf('get', '/v1/points/{id}.ics'), idOf('get', '/v1/points.csv')]).toEqual(['getPoints', 'getPointsById', 'getPointsByIdIcs', 'getPointsCsv'])
  })

  it('describes every path of docs/API.md with every parameter the contract lists for it', () => {
    const endpoints = contractEndpoints()
    expect([...endpoints.keys()]).toEqual(expect.arrayContaining(['/v1/points', '/v1/points/{id}', '/v1/places', '/v1/regions', '/v1/openapi.json', '/v1/docs', '/healthz']))
    expect(endpoints.get('/v1/points')).toEqual(expect.arrayContaining(['near', 'radius_km', 'bbox', 'open_now', 'open_at', 'q', 'limit', 'cursor']))
    for (const [path, params] of endpoints) {
      expect(doc.paths[path]?.get, `${path} is missing`).toBeDefined()
      const documented = (doc.paths[path]!.get!.parameters ?? []).map((p) => p.name)
      for (const param of params) expect(documented, `${path} does not document ${param}`).toContain(param)
    }
  })
})

describe('the routes the app serves and the routes the document describes', () => {
  it('are the same, method by method, apart from the reference page\'s script and assets and the pages for people and crawlers', () => {
    // The operators' app only lists its routes here: nothing is called, so it needs no real registry.
    const adminApp = createAdminApp({ registry: {} as Registry, reports: {} as Reports, verifyToken: () => Promise.reject(new Error('not called')), clientAddress: () => 'unused', log: () => {}, gazetteer: {} as Gazetteer })
    // One entry per handler: a route's request validators are listed under its path too; the
    // 405 answers (method ALL) and middleware are not routes of their own.
    // The read app's routes beyond points and health are built on its first request for another path.
    const deferred = deferredRoutes({ snapshot: () => snapshotOf(records), cursors: createCursorCodec('unused'), now: () => new Date(), gazetteer: {} as Gazetteer, readDocsAsset: () => Promise.resolve(undefined), trustSiteOriginHeader: false, answerError: () => new Response(null, { status: 500 }) })
    const readRoutes = [...fixture.app.routes, ...deferred.routes].filter((route) => route.method === 'GET')
    const served = [...readRoutes, ...adminApp.routes.filter((route) => route.method !== 'ALL')].map((route) => `${route.method} ${route.path}`)
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item as object).map((method) => `${method.toUpperCase()} ${honoPath({ path: path as `/${string}` })}`))
    const assetsOfTheReference = ['GET /v1/docs/init.js', 'GET /v1/docs/docs.css', 'GET /v1/docs/assets/:name']
    const sitePages = Object.values(SITE_PAGE_ROUTES).map((path) => `GET ${path}`)
    expect(new Set(served)).toEqual(new Set([...documented, ...assetsOfTheReference, ...sitePages]))
  })
})

describe('responses conform to the document', () => {
  it('answers /v1/points pages as documented, for every active point of the registry', async () => {
    let url = '/v1/points?limit=100'
    for (;;) {
      const page = (await expectConformingResponse('/v1/points', url, 200)) as { next_cursor: string | null }
      if (!page.next_cursor) break
      url = `/v1/points?limit=100&cursor=${encodeURIComponent(page.next_cursor)}`
    }
  })

  it('answers nearest and filtered pages as documented', async () => {
    for (const query of ['near=43.77,11.25&limit=50', 'near=45.07,7.69&kind=mobile&open_now=true', 'kind=online&limit=50', 'bbox=10,43,12,44.5&accessible=true', 'open_at=2026-11-07T10:00:00%2B01:00&kind=seasonal']) {
      await expectConformingResponse('/v1/points', `/v1/points?${query}`, 200)
    }
  })

  it('answers /v1/points/{id} as documented for points of every status and site kind', async () => {
    const samples = new Map<string, string>()
    for (const p of records) {
      samples.set(p.status, samples.get(p.status) ?? p.id)
      for (const s of p.sites) samples.set(s.kind, samples.get(s.kind) ?? p.id)
    }
    expect(samples.size).toBeGreaterThanOrEqual(6)
    for (const id of samples.values()) await expectConformingResponse('/v1/points/{id}', `/v1/points/${id}`, 200)
  })

  it('answers the exports, places, regions, health, document and reference as documented', async () => {
    await expectConformingResponse('/v1/points.geojson', '/v1/points.geojson?region=10', 200)
    await expectConformingResponse('/v1/points.csv', '/v1/points.csv?region=10', 200)
    await expectConformingResponse('/v1/places', '/v1/places?q=reggio', 200)
    await expectConformingResponse('/v1/regions', '/v1/regions', 200)
    await expectConformingResponse('/healthz', '/healthz', 200)
    await expectConformingResponse('/v1/openapi.json', '/v1/openapi.json', 200)
    await expectConformingResponse('/v1/docs', '/v1/docs', 200)
  })

  it('answers every documented error case with a problem document of the documented shape', async () => {
    const cases: Array<[string, string, number]> = [
      ['/v1/points', '/v1/points?near=abc', 400],
      ['/v1/points', '/v1/points?nearby=1', 400],
      ['/v1/points', '/v1/points?cursor=forged.cursor', 400],
      ['/v1/points/{id}', '/v1/points/no-such-point', 404],
      ['/v1/points/{id}', `/v1/points/${'x'.repeat(121)}`, 400],
      ['/v1/points/{id}', `/v1/points/${records[0]!.id}?verbose=true`, 400],
      ['/v1/points.geojson', '/v1/points.geojson?limit=0', 400],
      ['/v1/points.csv', '/v1/points.csv?service=nuoto', 400],
      ['/v1/places', '/v1/places', 400],
      ['/v1/places', '/v1/places?q=roma&limit=51', 400],
      ['/v1/regions', '/v1/regions?region=09', 400],
    ]
    for (const [template, url, status] of cases) await expectConformingResponse(template, url, status)
  })

  it('documents the 410 of a distance-ordered cursor that outlived its registry version, and answers it so', async () => {
    const page = (await fixture.getJson('/v1/points?near=41.9,12.5&limit=5')) as { next_cursor: string }
    fixture.source.swap(snapshotOf(records.slice(1), REGISTRY_VERSION + 1))
    try {
      await expectConformingResponse('/v1/points', `/v1/points?near=41.9,12.5&limit=5&cursor=${encodeURIComponent(page.next_cursor)}`, 410)
    } finally {
      fixture.source.swap(fixture.snapshot)
    }
  })
})

describe('the interactive reference at /v1/docs', () => {
  it('is an HTML page whose scripts and stylesheets all load from us with the right types', async () => {
    const response = await fixture.get('/v1/docs')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    // The site's policy, as every other page has it (CloudFront sends the production one on AWS).
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    const html = await response.text()
    const assets = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]!)
    expect(assets.length).toBeGreaterThanOrEqual(3)
    for (const asset of assets) {
      expect(asset, 'no outside network: every asset is ours').toMatch(/^\/v1\//)
      const loaded = await fixture.get(asset)
      expect(loaded.status, asset).toBe(200)
      const expectedType = asset.endsWith('.css') ? /^text\/css/ : /^(text|application)\/javascript/
      expect(loaded.headers.get('content-type'), asset).toMatch(expectedType)
      expect((await loaded.arrayBuffer()).byteLength, asset).toBeGreaterThan(20)
    }
  })
})

describe('the reference a developer tries (issue 9)', () => {
  it("opens with a quick start whose three calls return results", async () => {
    const { createApiFixture } = await import('./support/app-fixture.ts')
    const fixture = createApiFixture()
    const page = await (await fixture.get('/v1/docs')).text()
    const calls = [...page.matchAll(/curl '\{origin\}([^']+)'/g)].map((m) => m[1]!.replaceAll('&amp;', '&'))
    expect(calls).toHaveLength(3)
    for (const call of calls) {
      const body = await fixture.getJson(call)
      expect(body.items.length, call).toBeGreaterThan(0)
    }
    expect((await fixture.get('/v1/docs/docs.css')).headers.get('content-type')).toBe('text/css; charset=utf-8')
  })

  it("fills in examples that, tried together as Swagger UI does, return results", async () => {
    const { createApiFixture } = await import('./support/app-fixture.ts')
    const fixture = createApiFixture()
    const document = await fixture.getJson('/v1/openapi.json')
    for (const path of ['/v1/points', '/v1/points.geojson', '/v1/points.csv', '/v1/places']) {
      const parameters = document.paths[path].get.parameters as Array<{ name: string; in: string; example?: unknown; schema?: { example?: unknown } }>
      const query = new URLSearchParams()
      for (const p of parameters) {
        const example = p.example ?? p.schema?.example
        if (p.in === 'query' && example !== undefined) query.set(p.name, String(example))
      }
      const response = await fixture.get(`${path}?${query}`)
      expect(response.status, `${path}?${query}`).toBe(200)
      const text = await response.text()
      if (path.endsWith('.csv')) expect(text.split('\n').length, path).toBeGreaterThan(2)
      else expect((JSON.parse(text).items ?? JSON.parse(text).features).length, `${path}?${query}`).toBeGreaterThan(0)
    }
  })

  it('declares the answers every read gives (304 to a matching If-None-Match, 400 to an unknown parameter), and defaults of the type declared', async () => {
    const { createApiFixture } = await import('./support/app-fixture.ts')
    const fixture = createApiFixture()
    const document = await fixture.getJson('/v1/openapi.json')
    const reads = Object.entries(document.paths as Record<string, { get?: { responses: Record<string, unknown>; parameters?: Array<{ name: string; schema: { type?: string; default?: unknown } }> } }>).filter(([, item]) => item.get?.responses['200'])
    for (const [path, item] of reads) {
      expect(item.get!.responses, path).toHaveProperty('400')
      if (path.startsWith('/v1/') && !path.startsWith('/v1/admin/')) expect(item.get!.responses, path).toHaveProperty('304')
      for (const p of item.get!.parameters ?? []) if (p.schema.default !== undefined && p.schema.type) expect(typeof p.schema.default, `${path} ${p.name}`).toBe(p.schema.type === 'integer' ? 'number' : p.schema.type)
    }
    // What the document says is what the API does.
    expect((await fixture.get('/healthz?x=1')).status).toBe(400)
    expect((await fixture.getJson('/v1/points?near=43.77,11.25')).items).toHaveLength(20)
  })

  it('fills a path template with its examples into an address that answers (the calendar asked for ….ics.ics)', async () => {
    const { createApiFixture } = await import('./support/app-fixture.ts')
    const fixture = createApiFixture()
    const document = await fixture.getJson('/v1/openapi.json')
    for (const template of ['/v1/points/{id}', '/v1/points/{id}.ics']) {
      const parameters = document.paths[template].get.parameters as Array<{ name: string; in: string; example?: unknown; schema?: { example?: unknown; pattern?: string } }>
      let path = template
      for (const p of parameters.filter((p) => p.in === 'path')) {
        const example = String(p.example ?? p.schema?.example)
        // A client that checks parameters holds the example to the declared pattern.
        if (p.schema?.pattern) expect(new RegExp(p.schema.pattern).test(example), `${template} ${p.name}`).toBe(true)
        path = path.replace(`{${p.name}}`, example)
      }
      expect((await fixture.get(path)).status, path).toBe(200)
    }
  })
})
