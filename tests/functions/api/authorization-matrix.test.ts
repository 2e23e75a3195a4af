import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../shared/access/roles.ts'
import type { PointDraft } from '../../../shared/schemas/point.ts'
import { startLocalRegistry, type LocalRegistryFixture } from '../../support/local-registry.ts'
import { startOperatorsServer, type OperatorsServer } from '../../support/local-product-server.ts'
import { signIn } from '../../support/oidc-sign-in.ts'
import { samplePoint } from '../../support/sample-point.ts'

/**
 * Issue 11's authorisation matrix: every role × every operators' route × a point of their own,
 * of another region and of another operator, plus tokens that must open nothing (none, expired,
 * for another audience, signed by another key). Tokens come from the real local OpenID provider
 * (code flow with PKCE); the refused ones are made with its own signing key where only one claim
 * is wrong. The expected status of each cell is written out below; after the run, the registry
 * is compared point by point: a point changed only where a 2xx said so.
 */
type Target = 'own' | 'other region' | 'other operator' | 'abroad, own operator'
type Caller = 'admin' | 'region editor 09' | 'operator Comune di Firenze' | 'account without role' | 'no token' | 'expired' | 'wrong audience' | 'wrong signature'
type Route = 'create' | 'read' | 'replace' | 'patch' | 'close' | 'verify' | 'history'

const TARGETS: Record<Target, Partial<PointDraft>> = {
  own: { operator: { name: 'Comune di Firenze', type: 'comune' } },
  'other region': { operator: { name: 'Comune di Perugia', type: 'comune' }, region: { istat: '10', name: 'Umbria' }, province: 'PG', comune: { istat: '054039', name: 'Perugia' } },
  'other operator': { operator: { name: 'Associazione Anziani Prato', type: 'terzo_settore' }, province: 'PO', comune: { istat: '100005', name: 'Prato' } },
  // A point outside Italy under an operator name an Italian operator also has: the national admins' alone.
  'abroad, own operator': {
    operator: { name: 'Comune di Firenze', type: 'comune' },
    region: null,
    province: null,
    country: 'FR',
    comune: { istat: null, name: 'Lyon', code: '69123' },
    address: { street: '1 Place Bellecour', postcode: '69002' },
  },
}
const ROUTES: Route[] = ['create', 'read', 'replace', 'patch', 'close', 'verify', 'history']
const ok = (route: Route) => (route === 'create' ? 201 : 200)

/** The rules of shared/access/roles.ts, spelt out cell by cell. */
function expected(caller: Caller, route: Route, target: Target): number {
  if (['no token', 'expired', 'wrong audience', 'wrong signature'].includes(caller)) return 401
  if (caller === 'admin') return ok(route)
  if (route === 'read') return 200 // the stored point is public data; any signed-in account reads it
  if (caller === 'region editor 09') return target === 'other region' || target === 'abroad, own operator' ? 403 : ok(route)
  if (caller === 'operator Comune di Firenze') return target === 'own' && ['replace', 'patch', 'verify', 'history'].includes(route) ? 200 : 403
  return 403
}

const ACCOUNTS: Array<[Caller, Role | null]> = [
  ['admin', { kind: 'admin' }],
  ['region editor 09', { kind: 'region', region: '09' }],
  ['operator Comune di Firenze', { kind: 'operator', region: '09', operator: 'comune-di-firenze' }],
  ['account without role', null],
]

let local: LocalRegistryFixture
let server: OperatorsServer
const tokens = new Map<Caller, string | undefined>()
beforeAll(async () => {
  local = await startLocalRegistry()
  server = await startOperatorsServer({ registry: local.registry(), reports: local.reports() })
  for (const [caller, role] of ACCOUNTS) {
    const email = `${caller.replaceAll(' ', '.').toLowerCase()}@example.it`
    // An account without role: made with a role, which is then taken from its groups.
    await server.oidc.accounts.add(email, role ?? { kind: 'operator', region: '09', operator: 'placeholder' }, 'password-della-matrice')
    if (!role) rewriteGroups(server, email, [])
    tokens.set(caller, (await signIn(server.origin, email, 'password-della-matrice')).accessToken)
  }
  const admin = tokens.get('admin')!
  const claims = JSON.parse(Buffer.from(admin.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>
  const { signingKey } = JSON.parse(readFileSync(join(server.dataDir, 'oidc-secrets.json'), 'utf8')) as { signingKey: JWK }
  const realKey = await importJWK(signingKey, 'RS256')
  const strangerKey = (await generateKeyPair('RS256')).privateKey
  const sign = (payload: Record<string, unknown>, key: Parameters<SignJWT['sign']>[0]) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: signingKey.kid!, typ: 'at+jwt' }).sign(key)
  const now = Math.floor(Date.now() / 1000)
  tokens.set('no token', undefined)
  tokens.set('expired', await sign({ ...claims, iat: now - 7200, exp: now - 3600 }, realKey))
  tokens.set('wrong audience', await sign({ ...claims, aud: 'https://another.example/api' }, realKey))
  tokens.set('wrong signature', await sign(claims, strangerKey))
}, 60_000)
afterAll(async () => {
  await server?.close()
  await local?.close()
})

function rewriteGroups(s: OperatorsServer, email: string, groups: string[]) {
  const file = join(s.dataDir, 'operators.json')
  const data = JSON.parse(readFileSync(file, 'utf8')) as { accounts: Array<{ email: string; groups: string[] }> }
  for (const account of data.accounts) if (account.email === email) account.groups = groups
  writeFileSync(file, JSON.stringify(data))
}

let serial = 0
async function cell(caller: Caller, route: Route, target: Target): Promise<{ status: number; id: string; before: number | null }> {
  const id = `matrix-${++serial}`
  const draft = samplePoint(id, TARGETS[target])
  if (target === 'abroad, own operator') draft.sites = [{ ...draft.sites[0]!, address: { street: '1 Place Bellecour', postcode: '69002' }, location: { lat: 45.7578, lon: 4.832 } }]
  if (route !== 'create') await local.registry().putPoint(draft, null)
  const token = tokens.get(caller)
  const headers: Record<string, string> = { 'if-match': '"v1"', ...(token ? { authorization: `Bearer ${token}` } : {}) }
  const json = { 'content-type': 'application/json' }
  const at = `${server.origin}/v1/admin/points/${id}`
  const request: Record<Route, () => Promise<Response>> = {
    create: () => fetch(`${server.origin}/v1/admin/points`, { method: 'POST', headers: { ...headers, ...json }, body: JSON.stringify(draft) }),
    read: () => fetch(at, { headers }),
    replace: () => fetch(at, { method: 'PUT', headers: { ...headers, ...json }, body: JSON.stringify({ ...draft, name: 'Sostituito' }) }),
    patch: () => fetch(at, { method: 'PATCH', headers: { ...headers, 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ name: 'Cambiato' }) }),
    close: () => fetch(at, { method: 'DELETE', headers: { ...headers, ...json }, body: JSON.stringify({ reason: 'Chiuso per la matrice' }) }),
    verify: () => fetch(`${at}/verified`, { method: 'POST', headers }),
    history: () => fetch(`${at}/history`, { headers }),
  }
  const response = await request[route]()
  await response.arrayBuffer()
  return { status: response.status, id, before: route === 'create' ? null : 1 }
}

describe('the authorisation matrix of the operators\' API', () => {
  it('answers every role × route × target as the rules say, and writes nothing it refused', async () => {
    const callers: Caller[] = [...ACCOUNTS.map(([c]) => c), 'no token', 'expired', 'wrong audience', 'wrong signature']
    const mismatches: string[] = []
    let unauthorisedWrites = 0
    let cells = 0
    for (const caller of callers) {
      for (const route of ROUTES) {
        for (const target of Object.keys(TARGETS) as Target[]) {
          const want = expected(caller, route, target)
          const { status, id, before } = await cell(caller, route, target)
          cells++
          if (status !== want) mismatches.push(`${caller} · ${route} · ${target}: ${status}, expected ${want}`)
          const after = await local.registry().getPoint(id)
          const changed = before === null ? after !== null : after!.version !== before
          const writes = ['create', 'replace', 'patch', 'close', 'verify'].includes(route)
          if (changed && (status >= 300 || !writes)) unauthorisedWrites++
          if (writes && status < 300 && !changed) mismatches.push(`${caller} · ${route} · ${target}: ${status} but nothing was written`)
        }
      }
    }
    console.log(`authorisation matrix: ${cells} cells, ${mismatches.length} unexpected answers, ${unauthorisedWrites} unauthorised writes`)
    expect(mismatches).toEqual([])
    expect(unauthorisedWrites).toBe(0)
  }, 120_000)
})
