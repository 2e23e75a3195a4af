import { rolesOf, type Role } from '../../shared/access/roles.ts'
import { STAY_SIGNED_IN_FRAGMENT } from '../../shared/access/stay-signed-in.ts'

/**
 * The console's sign-in: OpenID Connect authorization code with PKCE, as a public client, against
 * whatever issuer `/gestione/config.json` names (Amazon Cognito on AWS, the local provider under
 * `npm start`). The access token lives in sessionStorage only: it dies with the tab, and the page's
 * CSP admits no script that could read it from another origin.
 */
export interface ConsoleConfig {
  readonly issuer: string
  readonly clientId: string
  readonly scope: string
  /** Extra authorization and token parameters (the local provider's `resource`). */
  readonly extraParams?: Readonly<Record<string, string>>
  /**
   * Where the provider ends its own session, for providers whose discovery names none (Cognito's
   * hosted `/logout?client_id=…&logout_uri=…`); otherwise the issuer's `end_session_endpoint`.
   */
  readonly signOutUrl?: string
  /**
   * Where a refresh token is revoked at sign-out, for providers whose sign-out leaves it valid
   * (Cognito's `/oauth2/revoke`). The local provider's refresh tokens end with its session.
   */
  readonly revocationUrl?: string
}

export interface Session {
  readonly accessToken: string
  readonly expiresAt: number
  /** What extends the session without a new sign-in, when the provider gave one. */
  readonly refreshToken?: string
  readonly email: string
  readonly roles: readonly Role[]
}

interface Discovery {
  readonly authorization_endpoint: string
  readonly token_endpoint: string
  readonly end_session_endpoint?: string
}

const PENDING_KEY = 'puntovicino.console.signin'
const SESSION_KEY = 'puntovicino.console.session'
/** Set while the provider asks whether to sign out: the console's view to come back to. */
const SIGNING_OUT_KEY = 'puntovicino.console.signing_out'
export const redirectUri = (): string => `${location.origin}/gestione/`

const base64url = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
const randomText = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)))

async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)
  if (!response.ok) throw new Error(`discovery: ${response.status}`)
  return (await response.json()) as Discovery
}

export async function startSignIn(config: ConsoleConfig): Promise<void> {
  const { authorization_endpoint } = await discover(config.issuer)
  const verifier = randomText()
  const state = randomText()
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))))
  // Where the operator was (a point's address), to come back to after the provider.
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, hash: location.hash }))
  const url = new URL(authorization_endpoint)
  const params = { client_id: config.clientId, response_type: 'code', redirect_uri: redirectUri(), scope: config.scope, state, code_challenge: challenge, code_challenge_method: 'S256', ...config.extraParams }
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value)
  location.assign(url.toString())
}

/** Back from the provider with `?code=…&state=…`: the session, after exchanging the code; else null. */
export async function completeSignIn(config: ConsoleConfig): Promise<Session | null> {
  const query = new URLSearchParams(location.search)
  const code = query.get('code')
  const error = query.get('error')
  if (!code && !error) return null
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string; hash?: string } | null
  sessionStorage.removeItem(PENDING_KEY)
  history.replaceState(null, '', redirectUri() + (pending?.hash || location.hash))
  if (error) throw new Error(error === 'access_denied' ? 'cancelled' : error)
  if (!pending || pending.state !== query.get('state')) throw new Error('state mismatch')
  const { token_endpoint } = await discover(config.issuer)
  const response = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: redirectUri(), client_id: config.clientId, code_verifier: pending.verifier, ...config.extraParams }).toString(),
  })
  if (!response.ok) throw new Error(`token: ${response.status}`)
  return keptSession((await response.json()) as TokenAnswer)
}

interface TokenAnswer {
  readonly access_token: string
  readonly expires_in: number
  readonly refresh_token?: string
}

function keptSession(tokens: TokenAnswer, earlierRefreshToken?: string): Session {
  // A provider that rotates refresh tokens sends a new one; one that does not (Cognito) sends none.
  const session = sessionFrom(tokens.access_token, Date.now() + tokens.expires_in * 1000, tokens.refresh_token ?? earlierRefreshToken)
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session))
  return session
}

const EXTEND_TIMEOUT_MS = 15_000

/**
 * "Resta collegato" before the session ends: a new access token from the refresh token, with no
 * page left and nothing typed lost. Null when it cannot be had (no refresh token, the provider's
 * session ended, the network): the operator then signs in again.
 */
export async function extendSession(config: ConsoleConfig): Promise<Session | null> {
  const refreshToken = storedSession()?.refreshToken
  if (!refreshToken) return null
  try {
    const { token_endpoint } = await discover(config.issuer)
    const response = await fetch(token_endpoint, {
      method: 'POST',
      // A provider that does not answer must not hold the dialog: the operator can try again.
      signal: AbortSignal.timeout(EXTEND_TIMEOUT_MS),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: config.clientId, ...config.extraParams }).toString(),
    })
    if (!response.ok) return null
    return keptSession((await response.json()) as TokenAnswer, refreshToken)
  } catch {
    return null
  }
}

/** Names and roles, read from the token to word the page; the API verifies the token itself. */
function sessionFrom(accessToken: string, expiresAt: number, refreshToken: string | undefined): Session {
  const payload = JSON.parse(atob(accessToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>
  const groups = Array.isArray(payload['cognito:groups']) ? (payload['cognito:groups'] as unknown[]).filter((g): g is string => typeof g === 'string') : []
  const email = [payload.email, payload.username, payload.sub].find((v): v is string => typeof v === 'string') ?? ''
  return { accessToken, expiresAt, refreshToken, email, roles: rolesOf(groups) }
}

const storedSession = (): Session | null => JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null

/** The console treats a session as over this long before its token expires (clocks differ). */
export const SESSION_END_MARGIN_MS = 30_000

export function currentSession(): Session | null {
  const session = storedSession()
  return session && session.expiresAt > Date.now() + SESSION_END_MARGIN_MS ? session : null
}

/** The token to send now: the latest one kept, extended or not (the API says when it has expired). */
export const currentAccessToken = (): string => storedSession()?.accessToken ?? ''

/** When the console stops treating the tab's session as valid (0 without one). */
export const sessionEndsAt = (): number => (storedSession()?.expiresAt ?? SESSION_END_MARGIN_MS) - SESSION_END_MARGIN_MS

export const canExtendSession = (): boolean => Boolean(storedSession()?.refreshToken)

export function endSession(): void {
  sessionStorage.removeItem(SESSION_KEY)
}

/**
 * Signing out ends both sessions: the tab's token, and the provider's (12 hours locally, else
 * "Accedi" would sign straight back in without a password). The provider sends the browser back
 * to the console, a fresh page that holds nothing of the session it left.
 */
export async function signOut(config: ConsoleConfig): Promise<void> {
  // The token stays until the provider has asked: its "Resta collegato" comes back with it
  // (settleSignOut). Marked only as the page really leaves: a leave refused for unsaved changes
  // must not sign out at the next reload.
  const returnTo = location.hash || '#/'
  addEventListener(
    'pagehide',
    () => {
      sessionStorage.setItem(SIGNING_OUT_KEY, returnTo)
      // A provider whose sign-out asks nothing and leaves refresh tokens valid (Cognito): the tab's
      // refresh token is revoked as the page leaves (a request that outlives it), so a copy of it
      // signs no one in for the hours it had left. Not before: a leave refused for unsaved changes
      // keeps the session whole.
      const refreshToken = storedSession()?.refreshToken
      if (config.revocationUrl && refreshToken) {
        void fetch(config.revocationUrl, {
          method: 'POST',
          keepalive: true,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: refreshToken, client_id: config.clientId }).toString(),
        }).catch(() => undefined)
      }
    },
    { once: true },
  )
  let target = config.signOutUrl
  if (!target) {
    const endpoint = await discover(config.issuer).then((d) => d.end_session_endpoint, () => undefined)
    if (endpoint) {
      const url = new URL(endpoint)
      url.searchParams.set('client_id', config.clientId)
      url.searchParams.set('post_logout_redirect_uri', redirectUri())
      target = url.toString()
    }
  }
  location.replace(target ?? redirectUri())
}

/**
 * Back in the console after a sign-out was asked for: `stayed` when the provider's page answered
 * "Resta collegato" (the console's view before it comes back, with its token), `signed_out`
 * otherwise (the token goes: Cognito's /logout asks nothing), null when no sign-out was under way.
 * Anything but that answer signs out: a sign-out never half-happens.
 */
export function settleSignOut(): 'stayed' | 'signed_out' | null {
  const returnTo = sessionStorage.getItem(SIGNING_OUT_KEY)
  if (returnTo === null) return null
  sessionStorage.removeItem(SIGNING_OUT_KEY)
  if (location.hash === STAY_SIGNED_IN_FRAGMENT && currentSession()) {
    history.replaceState(null, '', `${location.pathname}${location.search}${returnTo}`)
    return 'stayed'
  }
  endSession()
  return 'signed_out'
}
