import { createHash, randomBytes } from 'node:crypto'

/**
 * Signs in to the local OpenID provider as the operators' console does, over HTTP: authorization
 * code with PKCE, the provider's own sign-in form, then the token endpoint. Follows redirects by
 * hand to keep the provider's cookies (fetch keeps none).
 */
export interface SignInResult {
  readonly accessToken: string
  readonly idToken: string
}

export class SignInRefused extends Error {}

export async function signIn(origin: string, email: string, password: string, { resource = `${origin}/v1/admin`, onSignInForm }: { resource?: string; onSignInForm?: (form: Response) => void } = {}): Promise<SignInResult> {
  const cookies = new Map<string, string>()
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const [name, ...value] = pair!.split('=')
      cookies.set(name!.trim(), value.join('='))
    }
  }
  const go = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(new URL(url, origin), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } })
    remember(response)
    return response
  }
  const verifier = randomBytes(32).toString('base64url')
  const challenge = createHash('sha256').update(verifier).digest('base64url')
  const redirectUri = `${origin}/gestione/`
  const authorize = new URL('/oidc/auth', origin)
  for (const [k, v] of Object.entries({ client_id: 'puntovicino-console', response_type: 'code', redirect_uri: redirectUri, scope: 'openid email points:write', code_challenge: challenge, code_challenge_method: 'S256', state: 'test-state', resource })) authorize.searchParams.set(k, v)

  let response = await go(authorize.href)
  const interaction = response.headers.get('location')
  if (!interaction?.includes('/oidc/interaction/')) throw new Error(`authorize did not lead to the sign-in form: ${response.status} ${await response.text()}`)
  const form = await go(interaction)
  onSignInForm?.(form)
  await form.text()
  response = await go(`${interaction}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email, password }).toString() })
  if (response.status === 401) throw new SignInRefused('wrong e-mail or password')
  let location = response.headers.get('location')
  while (location && !location.startsWith(redirectUri)) {
    response = await go(location)
    location = response.headers.get('location')
  }
  const code = location ? new URL(location).searchParams.get('code') : null
  if (!code) throw new Error(`no authorization code (last status ${response.status}, at ${location}): ${(await response.text()).slice(0, 300)}`)
  const token = await fetch(new URL('/oidc/token', origin), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: 'puntovicino-console', code_verifier: verifier, resource }).toString(),
  })
  const body = (await token.json()) as { access_token?: string; id_token?: string; error?: string; error_description?: string }
  if (!body.access_token || !body.id_token) throw new Error(`token endpoint: ${body.error} ${body.error_description}`)
  return { accessToken: body.access_token, idToken: body.id_token }
}
