import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider'
import { accessTokenVerifier, GROUPS_CLAIM, remoteKeys, type VerifyAccessToken } from '../../auth/access-tokens.ts'
import { loginPage, LOGIN_CSS, logoutPage } from './login-page.ts'
import { keptSecret } from '../kept-secret.ts'
import { STAY_SIGNED_IN_FRAGMENT } from '../../../shared/access/stay-signed-in.ts'
import { memoryAdapter } from './memory-adapter.ts'
import { accountsFile, OperatorAccounts } from './operator-accounts.ts'
import { LOCAL_CONTENT_SECURITY_POLICY } from '../../site/content-security-policy.ts'

/**
 * `npm start`'s identity provider: `oidc-provider` (a certified OpenID Connect implementation),
 * in-process at `/oidc`, so the operators' console signs in locally exactly as it does against
 * Amazon Cognito on AWS: authorization code with PKCE, a JWT access token for the write API
 * carrying the account's groups in `cognito:groups`, verified by the same `jose` code through
 * the issuer's published JWKS. Accounts come from `npm run operator -- add`.
 */
export const OIDC_PATH = '/oidc'
export const CONSOLE_CLIENT_ID = 'puntovicino-console'
export const CONSOLE_PATH = '/gestione/'
export const WRITE_SCOPE = 'points:write'

export interface LocalOidc {
  readonly issuer: string
  /** The write API's resource indicator: the `aud` of its access tokens. */
  readonly audience: string
  readonly accounts: OperatorAccounts
  readonly verifyToken: VerifyAccessToken
  /** What the console at /gestione/ needs to sign in here (served as /gestione/config.json). */
  readonly consoleConfig: { issuer: string; clientId: string; scope: string; extraParams: Record<string, string> }
  /** Answers the request when it is the provider's (`/oidc/…`); false otherwise. */
  handle(request: IncomingMessage, response: ServerResponse): boolean
}

interface ProviderSecrets {
  readonly signingKey: JWK
  readonly cookieKeys: string[]
}

/** The signing key and cookie keys, made once per data folder so sessions and tokens survive a restart. */
function providerSecrets(dataDir: string): Promise<ProviderSecrets> {
  return keptSecret(join(dataDir, 'oidc-secrets.json'), async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true })
    const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `local-${randomBytes(6).toString('hex')}` }
    return { signingKey, cookieKeys: [randomBytes(32).toString('base64url')] }
  })
}

export async function createLocalOidc({ dataDir, origin, accessTokenTtlSeconds = 3600 }: { dataDir: string; origin: string; accessTokenTtlSeconds?: number }): Promise<LocalOidc> {
  const issuer = `${origin}${OIDC_PATH}`
  const audience = `${origin}/v1/admin`
  const accounts = new OperatorAccounts(accountsFile(dataDir))
  const secrets = await providerSecrets(dataDir)

  const policy = signInPolicy(origin)
  const configuration: Configuration = {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: consoleOrigins(origin).map((o) => `${o}${CONSOLE_PATH}`),
        post_logout_redirect_uris: consoleOrigins(origin).map((o) => `${o}${CONSOLE_PATH}`),
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [secrets.signingKey as never] },
    cookies: { keys: secrets.cookieKeys },
    // No offline_access: it is consented without asking here, and its refresh token outlived "Esci".
    scopes: ['openid', 'email', WRITE_SCOPE],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: {
      devInteractions: { enabled: false },
      // The console's "Esci" ends this session too; the provider asks first, in our words.
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'text/html; charset=utf-8'
          // The question under the sign-in form's own policy: framed by no page, answered to this provider only.
          ctx.set('content-security-policy', policy)
          ctx.set('x-content-type-options', 'nosniff')
          ctx.body = logoutPage(form, `${CONSOLE_PATH}${STAY_SIGNED_IN_FRAGMENT}`)
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: KoaContextWithOIDC, resource: string) => {
          if (resource !== audience) throw new errors.InvalidTarget()
          return { scope: WRITE_SCOPE, audience, accessTokenTTL: accessTokenTtlSeconds, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }
        },
      },
    },
    // A refresh token with every code, as Cognito gives: the console's "Resta collegato" extends a
    // session with it before the hour is up. Without `offline_access` it ends with this provider's
    // session, so "Esci" ends it too.
    issueRefreshToken: async (_ctx, client) => client.clientId === CONSOLE_CLIENT_ID && client.grantTypeAllowed('refresh_token'),
    ttl: { AccessToken: accessTokenTtlSeconds, Session: 12 * 3600, Interaction: 600, Grant: 12 * 3600, IdToken: 3600, RefreshToken: 12 * 3600, AuthorizationCode: 60 },
    findAccount: (_ctx, sub) => {
      const account = accounts.find(sub)
      return account ? { accountId: sub, claims: () => ({ sub, email: account.email, email_verified: true }) } : undefined
    },
    extraTokenClaims: (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined
      const account = accounts.find(token.accountId)
      return account ? { [GROUPS_CLAIM]: [...account.groups], email: account.email } : undefined
    },
    interactions: { url: (_ctx, interaction) => `${OIDC_PATH}/interaction/${interaction.uid}` },
    // The local provider speaks plain HTTP on localhost; nothing else reaches it.
    renderError: (ctx, out) => {
      ctx.type = 'text/plain; charset=utf-8'
      ctx.body = `Accesso non riuscito / sign-in failed: ${out.error}${out.error_description ? ` — ${out.error_description}` : ''}`
    },
  }
  const provider = new Provider(issuer, configuration)
  const providerCallback = provider.callback()
  const sendPage = (response: ServerResponse, status: number, text: string, type = 'text/html; charset=utf-8'): void => send(response, status, text, type, policy)

  async function interaction(request: IncomingMessage, response: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(request, response)
    if (details.uid !== uid) throw new errors.InvalidRequest('interaction mismatch')
    if (request.method === 'GET' && action === undefined) {
      // Our own console is first-party: after sign-in, its consent is given without a screen.
      if (details.prompt.name === 'consent') return grantConsent(request, response, details)
      return sendPage(response, 200, loginPage({ uid, error: null, email: '' }))
    }
    if (request.method === 'POST' && action === 'login') {
      const form = new URLSearchParams(await readBody(request))
      const email = form.get('email') ?? ''
      const account = await accounts.authenticate(email, form.get('password') ?? '')
      if (!account) return sendPage(response, 401, loginPage({ uid, error: 'E-mail o password non corretti. / Wrong e-mail or password.', email }))
      return provider.interactionFinished(request, response, { login: { accountId: account.id } }, { mergeWithLastSubmission: false })
    }
    if (request.method === 'POST' && action === 'abort') {
      return provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'sign-in cancelled' }, { mergeWithLastSubmission: false })
    }
    sendPage(response, 405, 'Method not allowed', 'text/plain; charset=utf-8')
  }

  async function grantConsent(request: IncomingMessage, response: ServerResponse, details: Awaited<ReturnType<Provider['interactionDetails']>>): Promise<void> {
    const accountId = details.session?.accountId
    if (!accountId) throw new errors.InvalidRequest('no signed-in account')
    const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId: String(details.params.client_id) })
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> }
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '))
    const grantId = await grant.save()
    await provider.interactionFinished(request, response, { consent: { grantId } }, { mergeWithLastSubmission: true })
  }

  // The resource indicator makes the provider issue a JWT access token for the write API.
  const consoleConfig = { issuer, clientId: CONSOLE_CLIENT_ID, scope: `openid email ${WRITE_SCOPE}`, extraParams: { resource: audience } }
  return {
    issuer,
    audience,
    accounts,
    consoleConfig,
    verifyToken: accessTokenVerifier({ issuer, keys: remoteKeys(`${issuer}/jwks`), audience: { claim: 'aud', value: audience } }),
    handle(request, response) {
      const url = request.url ?? '/'
      if (url !== OIDC_PATH && !url.startsWith(`${OIDC_PATH}/`) && !url.startsWith(`${CONSOLE_PATH}config.json`)) return false
      const path = url.split('?')[0]!
      if (path === `${CONSOLE_PATH}config.json`) {
        send(response, 200, JSON.stringify(consoleConfig), 'application/json; charset=utf-8')
        return true
      }
      if (path === `${OIDC_PATH}/interaction/login.css`) {
        send(response, 200, LOGIN_CSS, 'text/css; charset=utf-8')
        return true
      }
      const match = /^\/oidc\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(path)
      if (match) {
        interaction(request, response, match[1]!, match[2]).catch((error: unknown) => {
          const expired = error instanceof errors.SessionNotFound || error instanceof errors.InvalidRequest
          sendPage(response, 400, expired ? 'La sessione di accesso è scaduta: torna alla console e accedi di nuovo. / The sign-in session expired: go back to the console and sign in again.' : 'Accesso non riuscito / sign-in failed', 'text/plain; charset=utf-8')
        })
        return true
      }
      // Mounted at /oidc as Express would mount it: the provider sees its own paths (/auth,
      // /token, /jwks) in `url` and learns its mount point from `originalUrl`, so every address
      // it publishes keeps the /oidc prefix.
      Object.assign(request, { originalUrl: url })
      request.url = url.slice(OIDC_PATH.length) || '/'
      void providerCallback(request, response)
      return true
    },
  }
}

/** `npm start` is opened as localhost or 127.0.0.1: the console may come back to either. */
const consoleOrigins = (origin: string): string[] => (origin.includes('//localhost:') ? [origin, origin.replace('//localhost:', '//127.0.0.1:')] : [origin])

/**
 * The sign-in form's policy: the site's, except that no page may frame it (a framed password form
 * invites clickjacking) and that its form may send a password to this provider only and be
 * redirected on to the console alone: the form's answer redirects to the console on either local
 * origin (consoleOrigins), and a browser holds that redirect to `form-action` too.
 */
const signInPolicy = (origin: string): string =>
  LOCAL_CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(/form-action [^;]*/, `form-action 'self' ${consoleOrigins(origin).join(' ')}`)

function send(response: ServerResponse, status: number, body: string, type: string, policy?: string): void {
  if (response.headersSent) return
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...(policy ? { 'content-security-policy': policy } : {}) }).end(body)
}

async function readBody(request: IncomingMessage, limit = 16 * 1024): Promise<string> {
  let size = 0
  const chunks: Buffer[] = []
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > limit) throw new errors.InvalidRequest('form too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}
