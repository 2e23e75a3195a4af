import fc from 'fast-check'
import { tryDecodeURIComponent } from 'hono/utils/url'
import { describe, expect, it } from 'vitest'
import { createApiFixture } from './support/app-fixture.ts'

const fixture = createApiFixture()

const KNOWN_KEYS = ['near', 'radius_km', 'bbox', 'region', 'province', 'comune', 'service', 'topic', 'open_now', 'open_at', 'kind', 'accessible', 'q', 'limit', 'cursor']
const ENDPOINTS = ['/v1/points', '/v1/points.geojson', '/v1/points.csv', '/v1/places', '/v1/points/{id}'] as const

/** Values that break naive parsers: extremes, non-numbers, lists of the wrong length, unicode, encoding junk. */
const nastyValue = fc.oneof(
  fc.constantFrom('', ' ', 'NaN', 'nan', 'Infinity', '-Infinity', '1e309', '-1e309', '1e-400', '-0', '0x1F', '9'.repeat(400), '1,2', '1,2,3', '1,2,3,4,5', ',', ',,,', '91,181', '-90,-180', '45,9,46,10', '10,45,9,44'),
  fc.constantFrom('true', 'false', 'TRUE', '1', 'yes', 'null', 'undefined', '[]', '{}', '"x"', "'", '\\', '<script>', '../../etc/passwd', 'spid,,cie', 'fixed,boat', 'Fi', 'ZZ', '09', '9', '00', '048017', '48017', '000000', '999999'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.constantFrom('2026-11-03T10:30:00', '2026-11-03', '2026-13-45T99:99:99+01:00', '2026-11-03T10:30:00+25:00', '+275760-09-13T00:00:00Z', 'now'),
  fc.constantFrom('%', '%%', '%zz', '%C0%AF', '%00', '%E2%82', '%FF%FE', '%2', '+', '++', '%2B', '%26', '%3D', '%23'),
  fc.double().map(String),
  fc.tuple(fc.double(), fc.double()).map(([a, b]) => `${a},${b}`),
  fc.array(fc.double(), { minLength: 4, maxLength: 4 }).map((a) => a.join(',')),
  fc.integer({ min: -1_000_000, max: Number.MAX_SAFE_INTEGER }).map(String),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 10 }),
)
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KNOWN_KEYS) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }) }, { weight: 1, arbitrary: fc.constantFrom('NEAR', 'near[]', 'near.lat', 'limit ', '__proto__', 'constructor', 'hasOwnProperty', 'x', '%6Eear') })
/** How a pair is written on the wire: properly encoded, raw, or without `=`. */
const pair = fc.tuple(key, nastyValue, fc.constantFrom('encoded', 'raw', 'bare')).map(([k, v, style]) =>
  style === 'encoded' ? `${encodeURIComponent(k)}=${encodeURIComponent(v)}` : style === 'raw' ? `${k.replace(/[&#]/g, '')}=${v.replace(/[&#]/g, '')}` : encodeURIComponent(k),
)
/** One to five pairs; repeating a pair gives repeated parameters. */
const queryArbitrary = fc.array(pair, { minLength: 1, maxLength: 5 }).chain((pairs) =>
  fc.constantFrom(pairs, [...pairs, pairs[0]!]).map((all) => all.join('&')),
)
const idArbitrary = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), fc.string({ minLength: 100, maxLength: 200 }), fc.constantFrom('demo-09-0001', '..', '%2e%2e', '%', 'demo-09-0001.json'))

/** Names the server may have read from the query string: as written, `+` as space, and percent-decoded. */
function sentNames(query: string): Set<string> {
  const names = new Set<string>()
  for (const part of query.split('&')) {
    const raw = part.split('=')[0]!
    for (const name of [raw, raw.replace(/\+/g, ' ')]) {
      names.add(name)
      names.add(tryDecodeURIComponent(name))
    }
  }
  return names
}

interface Outcome {
  status: number
  url: string
}

async function expectWellFormedAnswer(path: string, query: string, paramNames: Set<string>): Promise<Outcome> {
  const url = `${path}?${query}`
  const response = await fixture.get(url)
  const context = `GET ${url} → ${response.status}`
  expect(response.status, context).toBeLessThan(500)
  if (response.status >= 400) {
    expect(response.headers.get('content-type'), context).toMatch(/^application\/problem\+json/)
    const body = await response.json()
    expect(body, context).toMatchObject({ type: expect.any(String), title: expect.any(String), status: response.status, detail: expect.any(String) })
    if (response.status === 400) {
      expect(body.errors?.length, context).toBeGreaterThan(0)
      for (const { field } of body.errors) expect(paramNames, `${context}: errors[].field "${field}" was not sent`).toContain(field)
    }
  } else {
    await response.arrayBuffer()
  }
  return { status: response.status, url }
}

describe('malformed and random queries', () => {
  it('never answer ≥ 500, and every 4xx is a problem document naming parameters that were sent (10,000 cases)', async () => {
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), queryArbitrary, idArbitrary, async (endpoint, query, id) => {
        const path = endpoint === '/v1/points/{id}' ? `/v1/points/${encodeURIComponent(id)}` : endpoint
        const names = sentNames(query)
        // A path parameter is sent too, and a required parameter is named when it is missing.
        if (endpoint === '/v1/points/{id}') names.add('id')
        if (endpoint === '/v1/places') names.add('q')
        const { status } = await expectWellFormedAnswer(path, query, names)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }),
      { numRuns: 10_000, seed: 9457 },
    )
    console.log('malformed queries, answers by status:', Object.fromEntries(statuses))
    // The generator must mostly produce bad requests, or the test proves little.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(7000)
  }, 60_000)
})
