import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose'
import { accessTokenVerifier, GROUPS_CLAIM, type TokenIssuer, type VerifyAccessToken } from '../../functions/auth/access-tokens.ts'

export const TEST_ISSUER = 'https://id.test.example/'
export const TEST_AUDIENCE = 'https://puntovicino.test/v1/admin'

export interface TestTokens {
  readonly issuer: TokenIssuer
  readonly verify: VerifyAccessToken
  /** A token for `groups`, signed by the issuer's key unless `signWith` is another one. */
  mint(groups: readonly string[], options?: { sub?: string; email?: string; expiresInSeconds?: number; audience?: string; issuer?: string; signWith?: CryptoKey; extra?: JWTPayload }): Promise<string>
  /** A key the issuer does not publish: a token signed with it must be refused. */
  readonly strangerKey: CryptoKey
}

/**
 * An issuer for route-level tests: its own ES256 key, published as a local JWKS and verified by
 * the production verifier (jose). The authorisation matrix and the browser tests use the real
 * local OpenID provider instead (functions/local/oidc/).
 */
export async function testTokenIssuer(): Promise<TestTokens> {
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const stranger = await generateKeyPair('ES256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' }
  const issuer: TokenIssuer = { issuer: TEST_ISSUER, keys: createLocalJWKSet({ keys: [jwk] }), audience: { claim: 'aud', value: TEST_AUDIENCE } }
  return {
    issuer,
    verify: accessTokenVerifier(issuer),
    strangerKey: stranger.privateKey,
    mint: async (groups, { sub = 'user-1', email = `${sub}@example.it`, expiresInSeconds = 300, audience = TEST_AUDIENCE, issuer: iss = TEST_ISSUER, signWith = privateKey, extra = {} } = {}) =>
      new SignJWT({ [GROUPS_CLAIM]: [...groups], email, ...extra })
        .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
        .setSubject(sub)
        .setIssuer(iss)
        .setAudience(audience)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 10)
        .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
        .sign(signWith),
  }
}
