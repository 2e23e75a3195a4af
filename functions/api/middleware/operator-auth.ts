import type { Context, MiddlewareHandler } from 'hono'
import { InvalidTokenError, type Identity, type VerifyAccessToken } from '../../auth/access-tokens.ts'
import { problem } from '../problem.ts'

/** The operators' routes see who is calling as `c.var.identity`. */
export type AdminEnv = { Variables: { identity: Identity } }

/**
 * Every operators' route needs an OpenID Connect access token, verified here (whatever a gateway
 * did before): 401 with an RFC 6750 challenge without one, or with one refused, saying why.
 */
export const operatorAuth = (verifyToken: VerifyAccessToken): MiddlewareHandler<AdminEnv> =>
  async function operatorAuth(c, next) {
    const header = c.req.header('authorization') ?? ''
    const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header)?.[1]
    if (!token) return unauthorized(c, header ? 'The Authorization header must be "Bearer <access token>".' : 'Sign in: this route needs an access token (Authorization: Bearer …).', header !== '')
    try {
      c.set('identity', await verifyToken(token))
    } catch (error) {
      if (error instanceof InvalidTokenError) return unauthorized(c, `The access token was refused: ${error.message}.`, true)
      throw error
    }
    return next()
  }

function unauthorized(c: Context, detail: string, invalidToken: boolean): Response {
  // RFC 6750 §3: the challenge names the scheme, and says when a token was sent but refused.
  c.header('WWW-Authenticate', invalidToken ? 'Bearer realm="puntovicino", error="invalid_token"' : 'Bearer realm="puntovicino"')
  return problem(c, 'unauthorized', detail)
}
