import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalRegistry, type LocalRegistryFixture } from '../../../support/local-registry.ts'
import { startOperatorsServer, type OperatorsServer } from '../../../support/local-product-server.ts'
import { signIn, SignInRefused } from '../../../support/oidc-sign-in.ts'
import { samplePoint } from '../../../support/sample-point.ts'

let local: LocalRegistryFixture
let server: OperatorsServer
beforeAll(async () => {
  local = await startLocalRegistry()
  server = await startOperatorsServer({ registry: local.registry(), reports: local.reports() })
})
afterAll(async () => {
  await server.close()
  await local.close()
})

describe('the local OpenID provider', () => {
  it('publishes its discovery document and keys at /oidc', async () => {
    const discovery = await (await fetch(`${server.origin}/oidc/.well-known/openid-configuration`)).json()
    expect(discovery).toMatchObject({ issuer: `${server.origin}/oidc`, code_challenge_methods_supported: ['S256'] })
    // No offline_access: consented without asking, its refresh token outlived "Esci" (the console's never asks for it).
    expect(discovery.scopes_supported).not.toContain('offline_access')
    const jwks = await (await fetch(discovery.jwks_uri)).json()
    expect(jwks.keys).toHaveLength(1)
    expect(jwks.keys[0]).not.toHaveProperty('d') // the public half only
  })

  it('signs an operator in with the code flow and issues a JWT access token for the write API with their groups', async () => {
    await server.oidc.accounts.add('editor@regione.toscana.it', { kind: 'region', region: '09' }, 'una-password-lunga')
    const { accessToken } = await signIn(server.origin, 'editor@regione.toscana.it', 'una-password-lunga')
    const claims = decodeJwt(accessToken)
    expect(claims).toMatchObject({ iss: `${server.origin}/oidc`, aud: `${server.origin}/v1/admin`, 'cognito:groups': ['region-09'], email: 'editor@regione.toscana.it' })
    const identity = await server.oidc.verifyToken(accessToken)
    expect(identity.roles).toEqual([{ kind: 'region', region: '09' }])

    await local.registry().putPoint(samplePoint('oidc-point'), null)
    const response = await fetch(`${server.origin}/v1/admin/points/oidc-point`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${accessToken}`, 'if-match': '"v1"', 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({ name: 'Cambiato da un operatore' }),
    })
    expect(response.status).toBe(200)
    const history = await local.registry().getHistory('oidc-point')
    expect(history[0]!.author).toEqual({ id: identity.id, name: 'editor@regione.toscana.it' })
  })

  it('refuses a wrong password with the form again, saying so, and tells nothing of who has an account', async () => {
    await server.oidc.accounts.add('operatore@comune.fi.it', { kind: 'operator', region: '09', operator: 'comune-di-firenze' }, 'password-giusta-123')
    await expect(signIn(server.origin, 'operatore@comune.fi.it', 'password-sbagliata')).rejects.toBeInstanceOf(SignInRefused)
    await expect(signIn(server.origin, 'nessuno@example.it', 'password-sbagliata')).rejects.toBeInstanceOf(SignInRefused)
  })

  it('serves its sign-in form under a strict policy no other page may frame (clickjacking a password form)', async () => {
    await server.oidc.accounts.add('cornice@comune.fi.it', { kind: 'operator', region: '09', operator: 'comune-di-firenze' }, 'password-della-cornice')
    let headers: Headers | undefined
    await signIn(server.origin, 'cornice@comune.fi.it', 'password-della-cornice', { onSignInForm: (form) => (headers = form.headers) })
    expect(headers!.get('content-security-policy')).toContain("frame-ancestors 'none'")
    // The password goes to this provider only, and its answer redirects on to the console alone.
    const formAction = headers!.get('content-security-policy')!.split(/;\s*/).find((directive) => directive.startsWith('form-action'))
    expect(formAction?.split(' ').sort()).toEqual([...new Set(['form-action', "'self'", server.origin, server.origin.replace('//localhost:', '//127.0.0.1:')])].sort())
    expect(headers!.get('content-security-policy')).toContain("script-src 'self'")
    expect(headers!.get('x-content-type-options')).toBe('nosniff')
  })

  it('keeps passwords as scrypt hashes only', async () => {
    await server.oidc.accounts.add('admin@puntovicino.it', { kind: 'admin' }, 'segretissima-password')
    const stored = server.oidc.accounts.findByEmail('admin@puntovicino.it')!
    expect(stored.passwordHash).toMatch(/^scrypt:/)
    expect(JSON.stringify(server.oidc.accounts.list())).not.toContain('segretissima-password')
  })
})
