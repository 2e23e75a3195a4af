import { describe, expect, it } from 'vitest'
import { RETAINED_304_HEADERS } from '../../../functions/api/middleware/conditional-get.ts'
import { createApp } from '../../../functions/api/app.ts'
import { readDocsAssetFromPackage } from '../../../functions/local/docs-assets.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { createApiFixture, REGISTRY_VERSION } from './support/app-fixture.ts'

const logLines: Array<Record<string, unknown>> = []
const fixture = createApiFixture({ log: (line) => logLines.push(line) })
const { records } = fixture
const someId = records.find((p) => p.status === 'active')!.id

const READS = ['/v1/points?near=43.77,11.25', `/v1/points/${someId}`, '/v1/points.geojson?comune=048017', '/v1/points.csv?comune=048017', '/v1/places?q=roma', '/v1/regions', '/v1/openapi.json']

async function expectProblem(response: Response, status: number): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const body = await response.json()
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) })
  return body
}

describe('entity tags that change no more often than their answers', () => {
  it('keeps the tag of the change feed and the gazetteer across minutes, of the counts within a Rome day, and changes that of "open now" answers each minute', async () => {
    let clock = new Date('2026-12-07T09:00:10Z')
    const { snapshotOf } = await import('./support/app-fixture.ts')
    const app = createApp({ snapshots: { current: () => snapshotOf(records), freshness: () => ({ sourceVersion: null, checkedAt: null, behindSince: null, lastError: null }) } as never, gazetteer: createGazetteer(loadComuni()), cursorSecret: 'x', readDocsAsset: readDocsAssetFromPackage, now: () => clock, log: () => {} })
    const tagAt = async (path: string, at: string) => {
      clock = new Date(at)
      return (await app.request(`http://localhost${path}`)).headers.get('etag')
    }
    // An hour later: the feed's and the gazetteer's answers are the same bytes, under the same tag (a 304 for a client that polls).
    for (const path of ['/v1/changes', '/v1/places?q=roma']) expect(await tagAt(path, '2026-12-07T10:00:10Z'), path).toBe(await tagAt(path, '2026-12-07T09:00:10Z'))
    // The counts turn with Rome's day: the same within it, another after Rome's midnight (23:00 UTC in winter).
    expect(await tagAt('/v1/regions', '2026-12-07T22:50:00Z')).toBe(await tagAt('/v1/regions', '2026-12-07T09:00:10Z'))
    expect(await tagAt('/v1/regions', '2026-12-07T23:10:00Z')).not.toBe(await tagAt('/v1/regions', '2026-12-07T22:50:00Z'))
    // In summer Rome's midnight is 22:00 UTC: a day's answer fetched at 21:30 is not the one at 22:30.
    expect(await tagAt('/v1/coverage.csv', '2026-06-15T22:30:00Z')).not.toBe(await tagAt('/v1/coverage.csv', '2026-06-15T21:30:00Z'))
    expect(await tagAt('/v1/coverage.csv', '2026-06-15T21:59:00Z')).toBe(await tagAt('/v1/coverage.csv', '2026-06-15T12:00:00Z'))
    // "Open now" changes with the minute, and so does its tag.
    expect(await tagAt('/v1/points?near=43.77,11.25&limit=1', '2026-12-07T09:01:10Z')).not.toBe(await tagAt('/v1/points?near=43.77,11.25&limit=1', '2026-12-07T09:00:10Z'))
    // A 304 says the Vary its 200 says.
    clock = new Date('2026-12-07T09:00:10Z')
    const ok = await app.request('http://localhost/v1/changes')
    const again = await app.request('http://localhost/v1/changes', { headers: { 'If-None-Match': ok.headers.get('etag')! } })
    expect([again.status, again.headers.get('vary')]).toEqual([304, ok.headers.get('vary')])
    expect(ok.headers.get('vary')).toMatch(/Accept-Encoding/)
  })
})

describe('HTTP semantics of the read API', () => {
  it.each(READS)('answers %s with an ETag and Cache-Control: public, max-age=60', async (url) => {
    const response = await fixture.get(url)
    expect(response.status).toBe(200)
    expect(response.headers.get('etag')).toMatch(/^(W\/)?"[^"]+"$/)
    expect(response.headers.get('cache-control')).toBe('public, max-age=60')
  })

  it.each(READS)('answers %s with 304 and no body when If-None-Match carries its ETag', async (url) => {
    const etag = (await fixture.get(url)).headers.get('etag')!
    const response = await fixture.get(url, { headers: { 'If-None-Match': etag } })
    expect(response.status).toBe(304)
    expect(await response.text()).toBe('')
    expect(response.headers.get('etag')).toBe(etag)
    for (const [name] of response.headers) expect(RETAINED_304_HEADERS as readonly string[]).toContain(name)
  })

  it('compares tags weakly, as RFC 9110 says for If-None-Match: a proxy that drops the W/ still gets its 304', async () => {
    const url = '/v1/points?region=09&limit=1'
    const etag = (await fixture.get(url)).headers.get('etag')!
    expect(etag).toMatch(/^W\//)
    const strong = etag.slice(2)
    expect((await fixture.get(url, { headers: { 'If-None-Match': strong } })).status).toBe(304)
    expect((await fixture.get(url, { headers: { 'If-None-Match': `"other", ${strong}` } })).status).toBe(304)
  })

  it('gives another ETag to another request and to another registry version', async () => {
    const a = (await fixture.get('/v1/points?region=09')).headers.get('etag')
    const b = (await fixture.get('/v1/points?region=10')).headers.get('etag')
    expect(a).not.toBe(b)
    fixture.source.swap({ ...fixture.snapshot, registryVersion: REGISTRY_VERSION + 1 })
    try {
      const after = await fixture.get('/v1/points?region=09', { headers: { 'If-None-Match': a! } })
      expect(after.status).toBe(200)
      expect(after.headers.get('etag')).not.toBe(a)
    } finally {
      fixture.source.swap(fixture.snapshot)
    }
  })

  it('sends a path with a percent-encoded letter to its plain spelling: the edge throttles exports by their path', async () => {
    for (const [sent, plain] of [
      ['/v1/%70oints.csv?comune=048017&limit=2', '/v1/points.csv?comune=048017&limit=2'],
      ['/v1/points%2Ecsv?limit=2', '/v1/points.csv?limit=2'],
      ['/v1/points%2egeojson', '/v1/points.geojson'],
    ]) {
      const response = await fixture.get(sent!)
      expect(response.status, sent).toBe(308)
      expect(response.headers.get('location'), sent).toBe(plain)
    }
    // An encoded character that must stay encoded is no spelling of another path: routed as it is.
    expect((await fixture.get('/v1/points/%2F')).status).toBe(404)
  })

  it('never redirects to another host: a path starting with // (or \\) would be a scheme-relative Location', async () => {
    for (const sent of ['//%65vil.example/x', '/\\%65vil.example/x', '/v1/%2e%2e//evil.example/%61', '///%65vil.example']) {
      const response = await fixture.get(sent)
      const location = response.headers.get('location')
      if (location !== null) expect(new URL(location, 'https://puntovicino.example/').host, `${sent} → ${location}`).toBe('puntovicino.example')
    }
  })

  it("opens no CORS on the operators' paths: a preflight for /v1/admin/ that reaches the read function gets none", async () => {
    const response = await fixture.get('/v1/admin/points', { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization' } })
    expect(response.headers.get('access-control-allow-origin')).toBeNull()
    expect(response.headers.get('access-control-allow-headers')).toBeNull()
  })

  it('allows any origin on GET', async () => {
    const response = await fixture.get('/v1/points?limit=1', { headers: { Origin: 'https://comune.example.it' } })
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-expose-headers')).toMatch(/etag/i)
  })

  it('lets a page on any origin read every answer: 200, 304, 400 and 404 alike, with ETag and Link readable', async () => {
    const origin = { Origin: 'https://comune.example.it' }
    const ok = await fixture.get('/v1/points?near=43.77,11.25&limit=1', { headers: origin })
    const answers = [
      ok,
      await fixture.get('/v1/points?near=43.77,11.25&limit=1', { headers: { ...origin, 'If-None-Match': ok.headers.get('etag')! } }),
      await fixture.get('/v1/points?limit=0', { headers: origin }),
      await fixture.get('/v1/points/demo-99-9999', { headers: origin }),
    ]
    expect(answers.map((response) => response.status)).toEqual([200, 304, 400, 404])
    for (const response of answers) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('access-control-expose-headers')).toBe('ETag,Link,Retry-After')
    }
  })

  it("lets a page follow the 308 to a path's plain spelling (a redirect without CORS headers fails fetch()), and read a 503's Retry-After", async () => {
    const moved = await fixture.get('/v1/%70oints.csv?limit=1', { headers: { Origin: 'https://comune.example.it' } })
    expect([moved.status, moved.headers.get('location'), moved.headers.get('access-control-allow-origin')]).toEqual([308, '/v1/points.csv?limit=1', '*'])
  })

  it('lets a page read an error thrown inside a route too (503 while no registry is loaded), and a HEAD', async () => {
    const loading = createApp({ snapshots: { current: () => undefined, freshness: () => ({ sourceVersion: null, checkedAt: null, behindSince: null, lastError: null }) } as never, gazetteer: createGazetteer(loadComuni()), cursorSecret: 'x', readDocsAsset: readDocsAssetFromPackage, log: () => {} })
    const unavailable = await loading.request('http://localhost/v1/points?near=43.77,11.25', { headers: { Origin: 'https://comune.example.it' } })
    expect(unavailable.status).toBe(503)
    const head = await fixture.get('/v1/points?limit=1', { method: 'HEAD', headers: { Origin: 'https://comune.example.it' } })
    expect(head.status).toBe(200)
    for (const response of [unavailable, head]) {
      expect(response.headers.get('access-control-allow-origin')).toBe('*')
      expect(response.headers.get('access-control-expose-headers')).toBe('ETag,Link,Retry-After')
    }
  })

  // Only the points and health routes are built with the app; the others on the first request for
  // another path (functions/api/deferred-routes.ts), behind the same middleware and error handler.
  it('answers the routes built on first use as the others: what they throw, HEAD, other methods and unknown paths', async () => {
    const loading = createApp({ snapshots: { current: () => undefined, freshness: () => ({ sourceVersion: null, checkedAt: null, behindSince: null, lastError: null }) } as never, gazetteer: createGazetteer(loadComuni()), cursorSecret: 'x', readDocsAsset: readDocsAssetFromPackage, log: () => {} })
    // Two first requests at once share one load of those routes.
    const [first, second] = await Promise.all(['/v1/regions', '/v1/changes'].map((url) => loading.request(`http://localhost${url}`)))
    expect([first!.status, second!.status]).toEqual([503, 503])
    for (const url of ['/v1/coverage?region=10', '/v1/regions', '/v1/changes', `/punti/${someId}`]) {
      const unavailable = await loading.request(`http://localhost${url}`, { headers: { Origin: 'https://comune.example.it' } })
      expect((await expectProblem(unavailable, 503)).detail, url).toMatch(/still loading/)
      expect(unavailable.headers.get('access-control-allow-origin'), url).toBe('*')
    }
    // A page's error keeps the pages' own headers, as any answer of theirs does.
    const page = await loading.request(`http://localhost/punti/${someId}`)
    expect(page.status).toBe(503)
    expect(page.headers.get('content-security-policy')).toMatch(/default-src/)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    const head = await fixture.get('/v1/regions', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('etag')).toMatch(/"/)
    expect(await head.text()).toBe('')
    const posted = await fixture.get('/v1/coverage?region=10', { method: 'POST' })
    await expectProblem(posted, 405)
    expect(posted.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    await expectProblem(await fixture.get('/v1/nothing-here'), 404)
    await expectProblem(await fixture.get('/v1/nothing-here', { method: 'DELETE' }), 404)
  })

  it('answers a CORS preflight for GET from any origin', async () => {
    const response = await fixture.get('/v1/points', {
      method: 'OPTIONS',
      headers: { Origin: 'https://comune.example.it', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
    })
    expect(response.status).toBeLessThan(300)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,HEAD,OPTIONS')
    expect(response.headers.get('access-control-allow-headers')).toBe('if-none-match')
    expect(response.headers.get('access-control-max-age')).toBe('86400')
  })

  it("answers /healthz with the registry's version and size, never cached", async () => {
    const response = await fixture.get('/healthz')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toMatchObject({ status: 'ok', registry_version: REGISTRY_VERSION, points: records.length, sites: fixture.snapshot.siteCount })
  })

  it('answers an unknown id with a 404 problem', async () => {
    await expectProblem(await fixture.get('/v1/points/demo-99-9999'), 404)
  })

  it('answers an unknown path with a 404 problem', async () => {
    for (const url of ['/v2/points', '/v1/point', '/v1/points.xml', '/', '/v1/docs/assets/../../package.json', '/v1/docs/assets/constructor']) {
      await expectProblem(await fixture.get(url), 404)
    }
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('answers %s on read endpoints with a 404 or 405 problem, never a 500', async (method) => {
    for (const url of ['/v1/points', `/v1/points/${someId}`, '/v1/places?q=roma', '/v1/regions', '/healthz', '/v1/openapi.json']) {
      const response = await fixture.get(url, { method, body: method === 'DELETE' ? undefined : '{"name":"x"}', headers: { 'Content-Type': 'application/json' } })
      expect([404, 405], `${method} ${url}`).toContain(response.status)
      await expectProblem(response, response.status)
    }
  })

  it('never logs a caller position (near, bbox) with more than 2 decimals', async () => {
    logLines.length = 0
    const urls = [
      '/v1/points?near=43.769612,11.255814&limit=3',
      '/v1/points?near=43.769612,11.255814&radius_km=2.5&service=formazione_gruppo',
      '/v1/points.geojson?bbox=11.2512345,43.7612345,11.2698765,43.7798765',
      '/v1/points.csv?near=45.464211,9.190034&radius_km=1',
      '/v1/points?near=43.769612,abc',
      '/v1/points?near=4.3769612e1,1.1255814e1',
      '/v1/points?near=%2043.769612%20,%2011.255814',
      '/v1/points?near=43.769612,11.255814&near=45.464211,9.190034',
      '/v1/points?bbox=11.2512345,43.7612345,11.2698765',
    ]
    for (const url of urls) await (await fixture.get(url)).arrayBuffer()
    expect(logLines).toHaveLength(urls.length)
    for (const line of logLines) {
      const text = JSON.stringify(line)
      const query = line.query as Record<string, string>
      for (const key of ['near', 'bbox']) if (query[key] !== undefined) expect(query[key]).toMatch(/^(-?\d+\.\d{2}|\?)(,(-?\d+\.\d{2}|\?))*$/)
      for (const precise of ['769612', '255814', '2512345', '7612345', '464211', '190034', '3769612', '1255814']) expect(text).not.toContain(precise)
    }
  })
})
