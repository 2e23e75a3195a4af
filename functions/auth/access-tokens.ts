import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose'
import { rolesOf, type Role } from '../../shared/access/roles.ts'
import type { Author } from '../../shared/registry-port.ts'

/**
 * Verifies the operators' access tokens with `jose`: signature against the issuer's published
 * keys (JWKS), issuer, expiry, audience. One code path for both providers: Amazon Cognito on AWS
 * (whose access tokens name the app client in `client_id` and carry no `aud`) and the local
 * in-process OpenID provider (whose JWT access tokens name the API in `aud`). Both put the
 * account's groups in `cognito:groups`.
 */
export interface TokenIssuer {
  readonly issuer: string
  /** The issuer's keys: `createRemoteJWKSet(jwks_uri)` in production, fetched and cached by jose. */
  readonly keys: JWTVerifyGetKey
  /** The claim that names who the token is for, and the value it must have. */
  readonly audience: { readonly claim: 'aud' | 'client_id'; readonly value: string }
}

export interface Identity extends Author {
  readonly roles: readonly Role[]
}

export const GROUPS_CLAIM = 'cognito:groups'

/** A token that is missing, malformed, expired, for someone else or not signed by our issuer. */
export class InvalidTokenError extends Error {
  override name = 'InvalidTokenError'
}

export type VerifyAccessToken = (token: string) => Promise<Identity>

export const remoteKeys = (jwksUri: string): JWTVerifyGetKey => createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 })

export function accessTokenVerifier(issuer: TokenIssuer): VerifyAccessToken {
  return async (token) => {
    let payload: JWTPayload
    try {
      ;({ payload } = await jwtVerify(token, issuer.keys, {
        issuer: issuer.issuer,
        algorithms: ['RS256', 'ES256', 'PS256'],
        clockTolerance: 5,
        ...(issuer.audience.claim === 'aud' ? { audience: issuer.audience.value } : {}),
        requiredClaims: ['sub', 'exp'],
      }))
    } catch (error) {
      throw new InvalidTokenError(describeJoseError(error))
    }
    if (issuer.audience.claim === 'client_id' && payload.client_id !== issuer.audience.value) throw new InvalidTokenError('the token was issued to another application')
    // Cognito's ID tokens are signed by the same keys: only an access token opens the API.
    if (payload.token_use !== undefined && payload.token_use !== 'access') throw new InvalidTokenError('an ID token is not an access token')
    const groups = payload[GROUPS_CLAIM]
    const sub = String(payload.sub)
    const name = [payload.email, payload.username, sub].find((v): v is string => typeof v === 'string' && v.length > 0) ?? sub
    return { id: sub, name, roles: rolesOf(Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : []) }
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired: sign in again'
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's "${error.claim}" claim is not valid here`
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) return 'the token is not signed by our identity provider'
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm we do not accept'
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'the token is malformed'
  return 'the token could not be verified'
}
