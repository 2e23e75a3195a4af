import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createApiFixture } from './support/app-fixture.ts'

/**
 * Every route the app serves, with any method, query, headers and body (issue 8, "Fuzz"): no
 * answer is ever a 5xx, and every 4xx is a problem document. The query-string fuzz of the
 * read endpoints is in malformed-queries.test.ts; this one varies everything else around it.
 */
const fixture = createApiFixture()
const someId = fixture.records.find((p) => p.status === 'active')!.id

const PATHS = [
  '/healthz',
  '/v1/points',
  `/v1/points/${someId}`,
  '/v1/points.csv',
  '/v1/points.geojson',
  '/v1/places',
  '/v1/regions',
  '/v1/openapi.json',
  '/v1/docs',
  '/v1/docs/init.js',
  '/v1/docs/assets/swagger-ui.css',
  '/v1/docs/assets/..%2f..%2fpackage.json',
  '/v1/points/%00',
  '/v1/points/..',
  '/v1',
  '/',
  '/v1/admin/points',
] as const
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND', 'PURGE'] as const

const queryValue = fc.oneof(
  fc.constantFrom('', '1', '0', '-1', '101', '5000', '5001', '0x10', 'true', 'x', '%', '43.77,11.25', '09', 'FI', '048017', 'spid', 'fixed', 'active,closed', '2026-11-03T10:30:00+01:00'),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
)
const queryKey = fc.constantFrom('near', 'radius_km', 'bbox', 'region', 'province', 'comune', 'service', 'topic', 'open_now', 'open_at', 'kind', 'accessible', 'status', 'q', 'limit', 'cursor', 'x', '__proto__')
const query = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }).map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'))
const headerValue = fc.oneof(fc.constantFrom('*', 'W/"x"', '"a", "b"', 'gzip, br', 'https://evil.example', 'application/json', 'text/html', ''), fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n\0]/g, '')))
const headers = fc.dictionary(fc.constantFrom('if-none-match', 'origin', 'accept-encoding', 'accept', 'content-type', 'x-origin-verify', 'access-control-request-method', 'range'), headerValue, { maxKeys: 4 })
const body = fc.oneof(fc.constant(undefined), fc.string({ maxLength: 200 }), fc.json({ maxDepth: 3 }), fc.uint8Array({ maxLength: 200 }))

describe('every route, any request', () => {
  it('never answers 5xx, and answers every 4xx with a problem document (10,000 cases)', async () => {
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PATHS), fc.constantFrom(...METHODS), query, headers, body, async (path, method, q, h, b) => {
        const withBody = b !== undefined && method !== 'GET' && method !== 'HEAD'
        const response = await fixture.get(q ? `${path}?${q}` : path, { method, headers: h, ...(withBody ? { body: b as BodyInit } : {}) })
        const context = `${method} ${path}?${q} ${JSON.stringify(h)}`
        expect(response.status, context).toBeLessThan(500)
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
        if (response.status >= 400 && method !== 'HEAD') {
          expect(response.headers.get('content-type'), context).toMatch(/^application\/problem\+json/)
          expect(await response.json(), context).toMatchObject({ type: expect.any(String), status: response.status })
        } else {
          await response.arrayBuffer()
        }
      }),
      { numRuns: 10_000, seed: 8080 },
    )
    console.log('every route, any request — answers by status:', Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])))
    // The generator must reach real answers as well as refusals, or it proves little.
    for (const status of [200, 400, 404, 405]) expect(statuses.get(status) ?? 0, `status ${status}`).toBeGreaterThan(100)
  }, 180_000)
})
