/**
 * The site's Content Security Policy, one definition for CloudFront (infra/constructs/
 * static-site.ts) and for `npm start` (functions/local/serve-web.ts), so the policy the browser
 * tests run under is the policy production ships. Strict for scripts (only our own files, no
 * inline code, no eval); everything else from our own origin too, the street map's archive
 * (`/tiles/*`, read by range requests) and glyphs included: no third-party host ever sees a
 * citizen's position. Only our own pages may frame the site; the iframe embed gets the same
 * policy with `frame-ancestors *` (see `embeddableContentSecurityPolicy`). Inline style
 * attributes stay allowed: MapLibre positions its markers and popups with them, as Swagger UI does.
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
]

/** Over HTTPS (CloudFront) every subresource is also upgraded; plain-HTTP `npm start` on localhost cannot be. */
export const DEFAULT_CONTENT_SECURITY_POLICY = [...DIRECTIVES, 'upgrade-insecure-requests'].join('; ')

/** The same policy, without the HTTPS upgrade, for the local server on http://localhost. */
export const LOCAL_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ')

/** The same policy for the iframe embed, which every site may frame. */
export const embeddableContentSecurityPolicy = (csp: string): string => csp.replace(/frame-ancestors[^;]*/, 'frame-ancestors *')

/**
 * The same policy for the operators' console, which also talks to its identity provider: on AWS
 * the pool's issuer (`cognito-idp.<region>.amazonaws.com`, its discovery document) and the hosted
 * domain (the token endpoint). Those origins only, added to connect-src.
 */
export const consoleContentSecurityPolicy = (csp: string, identityOrigins: readonly string[]): string => csp.replace(/connect-src 'self'/, `connect-src 'self' ${identityOrigins.join(' ')}`)

/** The pages other sites may frame (`embeddableContentSecurityPolicy`): the locator's embed and the statistics' embed, by clean URL and by file. */
export const EMBED_PATHS = ['/embed', '/embed.html', '/embed/statistiche', '/embed/statistiche.html'] as const
