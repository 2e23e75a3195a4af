import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAdminApp } from '../../../functions/api/admin-app.ts'
import { OperatorReportViewSchema, ReportStatusViewSchema } from '../../../shared/schemas/report.ts'
import { startLocalRegistry, type LocalRegistryFixture } from '../../support/local-registry.ts'
import { samplePoint } from '../../support/sample-point.ts'
import { testTokenIssuer, type TestTokens } from '../../support/test-token-issuer.ts'
import { localGazetteer } from '../../../functions/gazetteer/load-comuni.ts'

/** Issue 11: "Segnala un errore" — citizens file reports, operators see and close those of their points. */
let local: LocalRegistryFixture
let tokens: TestTokens
let app: ReturnType<typeof createAdminApp>
let address = '203.0.113.1'
beforeAll(async () => {
  local = await startLocalRegistry()
  tokens = await testTokenIssuer()
  app = createAdminApp({ registry: local.registry(), reports: local.reports(), verifyToken: tokens.verify, clientAddress: () => address, log: () => {}, gazetteer: localGazetteer })
  await local.registry().putPoint(samplePoint('report-toscana'), null)
  await local.registry().putPoint(samplePoint('report-umbria', { region: { istat: '10', name: 'Umbria' }, province: 'PG', comune: { istat: '054039', name: 'Perugia' }, operator: { name: 'Comune di Perugia', type: 'comune' } }), null)
})
afterAll(() => local.close())

async function call(method: string, path: string, body?: unknown, token?: string) {
  const response = await app.request(`http://localhost${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null }
}
const fileReport = (point: string, body: unknown) => call('POST', `/v1/points/${point}/reports`, body)

describe('a citizen reports an error', () => {
  it('gets a report id to come back to, and sees its state but never who handled it', async () => {
    address = '203.0.113.10'
    const filed = await fileReport('report-toscana', { category: 'hours', text: 'Il martedì è chiuso da ottobre' })
    expect(filed.status).toBe(201)
    expect(filed.body).toMatchObject({ point_id: 'report-toscana', category: 'hours', status: 'open', closed_at: null })
    expect(filed.body.id).toMatch(/^[a-z2-7]{12}$/)
    expect(filed.headers.get('location')).toBe(`/v1/points/report-toscana/reports/${filed.body.id}`)
    const status = await call('GET', filed.headers.get('location')!)
    expect(status.body).toEqual(filed.body)
    expect(JSON.stringify(status.body)).not.toContain('martedì')
  })

  it('says what is wrong with a report it refuses, the trap field included, and never stores it', async () => {
    address = '203.0.113.11'
    const cases: Array<[unknown, string]> = [
      [{ category: 'prices' }, 'category'],
      [{ category: 'other', text: 'x'.repeat(501) }, 'text'],
      [{ category: 'other', website: 'http://spam.example' }, 'website'],
      [{ category: 'other', email: 'me@example.it' }, 'email'],
    ]
    for (const [body, field] of cases) {
      const response = await fileReport('report-toscana', body)
      expect(response.status, field).toBe(400)
      expect(response.body.errors.map((e: { field: string }) => e.field), field).toContain(field)
    }
    expect((await fileReport('no-such-point', { category: 'other' })).status).toBe(404)
    expect((await local.reports().listForPoint('report-toscana')).every((r) => r.text !== 'x'.repeat(501))).toBe(true)
  })

  it('accepts 5 reports an hour from one connection, then answers 429 with Retry-After; another connection is not held back', async () => {
    address = '198.51.100.77'
    const statuses = []
    for (let i = 0; i < 6; i++) statuses.push((await fileReport('report-umbria', { category: 'other' })).status)
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429])
    const refused = await fileReport('report-umbria', { category: 'other' })
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    address = '198.51.100.78'
    expect((await fileReport('report-umbria', { category: 'other' })).status).toBe(201)
  })

  it('counts an IPv6 connection by its /64 network: one household or phone has 2^64 addresses to rotate through', async () => {
    const statuses = []
    for (let i = 0; i < 6; i++) {
      address = `2001:db8:abcd:12::${(i + 1).toString(16)}`
      statuses.push((await fileReport('report-umbria', { category: 'other' })).status)
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429])
    address = '2001:0db8:abcd:0012:ffff::1' // the same /64, written out
    expect((await fileReport('report-umbria', { category: 'other' })).status).toBe(429)
    address = '2001:db8:abcd:13::1'
    expect((await fileReport('report-umbria', { category: 'other' })).status).toBe(201)
  })

  it('lets the widget file from any site: the CORS preflight allows POST with a JSON body', async () => {
    const preflight = await app.request('http://localhost/v1/points/report-toscana/reports', { method: 'OPTIONS', headers: { origin: 'https://www.comune.example.it', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
  })
})

describe('operators answer the reports of their points', () => {
  it("lists the open reports of a region editor's region only, and closes one with a note, once", async () => {
    address = '203.0.113.20'
    const filed = (await fileReport('report-toscana', { category: 'contacts', text: 'Il telefono non risponde' })).body
    const toscana = await tokens.mint(['region-09'], { sub: 'toscana', email: 'editor@regione.toscana.it' })
    const umbria = await tokens.mint(['region-10'], { sub: 'umbria' })
    const open = await call('GET', '/v1/admin/reports', undefined, toscana)
    expect(open.body.items.map((r: { point_id: string }) => r.point_id)).toContain('report-toscana')
    expect(open.body.items.every((r: { point_id: string }) => r.point_id === 'report-toscana')).toBe(true)
    expect(open.body.items.find((r: { id: string }) => r.id === filed.id)).toMatchObject({ text: 'Il telefono non risponde', status: 'open' })
    // The console's types are these schemas: the answers must be what they say.
    for (const item of open.body.items) OperatorReportViewSchema.parse(item)
    expect((await call('GET', '/v1/admin/reports', undefined, umbria)).body.items.some((r: { id: string }) => r.id === filed.id)).toBe(false)

    const path = `/v1/admin/points/report-toscana/reports/${filed.id}/resolution`
    expect((await call('POST', path, { outcome: 'resolved', note: 'Numero corretto' }, umbria)).status).toBe(403)
    expect((await call('POST', path, { outcome: 'fixed' }, toscana)).body.errors.map((e: { field: string }) => e.field)).toEqual(['outcome', 'note'])
    const closed = await call('POST', path, { outcome: 'resolved', note: 'Numero corretto nella scheda' }, toscana)
    expect(closed.body).toMatchObject({ status: 'resolved', resolution: { by: 'editor@regione.toscana.it', note: 'Numero corretto nella scheda' } })
    OperatorReportViewSchema.strict().parse(closed.body)
    expect((await call('POST', path, { outcome: 'dismissed', note: 'doppione' }, toscana)).status).toBe(409)
    const citizen = await call('GET', `/v1/points/report-toscana/reports/${filed.id}`)
    expect(citizen.body).toMatchObject({ status: 'resolved', closed_at: expect.any(String) })
    ReportStatusViewSchema.strict().parse(citizen.body)
    expect((await call('GET', '/v1/admin/reports', undefined, toscana)).body.items.some((r: { id: string }) => r.id === filed.id)).toBe(false)
  })

  it('lets a point operator see the reports of the points they run', async () => {
    address = '203.0.113.21'
    const filed = (await fileReport('report-umbria', { category: 'address' })).body
    const perugia = await tokens.mint(['operator-10-comune-di-perugia'])
    const firenze = await tokens.mint(['operator-09-comune-di-firenze'])
    expect((await call('GET', '/v1/admin/points/report-umbria/reports', undefined, perugia)).body.items.map((r: { id: string }) => r.id)).toContain(filed.id)
    expect((await call('GET', '/v1/admin/points/report-umbria/reports', undefined, firenze)).status).toBe(403)
    expect((await call('GET', '/v1/admin/reports', undefined)).status).toBe(401)
  })

  it("follows the point: when its operator changes, the new operator sees and closes its open reports, the former one no longer", async () => {
    address = '203.0.113.22'
    await local.registry().putPoint(samplePoint('report-handed-over', { operator: { name: 'Comune di Firenze', type: 'comune' } }), null)
    const filed = (await fileReport('report-handed-over', { category: 'hours' })).body
    const stored = (await local.registry().getPoint('report-handed-over'))!
    await local.registry().putPoint({ ...samplePoint('report-handed-over'), operator: { name: 'Biblioteca delle Oblate', type: 'biblioteca' } }, stored.version)
    const oblate = await tokens.mint(['operator-09-biblioteca-delle-oblate'], { sub: 'oblate', email: 'punto@oblate.example' })
    const firenze = await tokens.mint(['operator-09-comune-di-firenze'])
    expect((await call('GET', '/v1/admin/reports', undefined, oblate)).body.items.map((r: { id: string }) => r.id)).toContain(filed.id)
    expect((await call('GET', '/v1/admin/points/report-handed-over/reports', undefined, oblate)).body.items.map((r: { id: string }) => r.id)).toContain(filed.id)
    expect((await call('GET', '/v1/admin/reports', undefined, firenze)).body.items.map((r: { id: string }) => r.id)).not.toContain(filed.id)
    expect((await call('GET', '/v1/admin/points/report-handed-over/reports', undefined, firenze)).status).toBe(403)
    const path = `/v1/admin/points/report-handed-over/reports/${filed.id}/resolution`
    expect((await call('POST', path, { outcome: 'resolved', note: 'Orari corretti' }, firenze)).status).toBe(403)
    expect((await call('POST', path, { outcome: 'resolved', note: 'Orari corretti' }, oblate)).status).toBe(200)
  })
})
