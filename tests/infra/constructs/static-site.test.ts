import { Duration } from 'aws-cdk-lib'
import { Match, Template } from 'aws-cdk-lib/assertions'
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager'
import { describe, expect, it } from 'vitest'
import { createPrivateBucket } from '../../../infra/constructs/private-bucket.ts'
import { SITE_ORIGIN_HEADER } from '../../../functions/api/site-origin.ts'
import { runInNewContext } from 'node:vm'
import { DEFAULT_CONTENT_SECURITY_POLICY, embeddableContentSecurityPolicy } from '../../../functions/site/content-security-policy.ts'
import { CALENDAR_PATH, CLEAN_URLS_FUNCTION, EMBED_PATHS, PAGE_PATHS, siteOriginFunction, CONSOLE_PATHS, OPEN_DATA_ENCODING_FUNCTION, StaticSite, type StaticSiteProps } from '../../../infra/constructs/static-site.ts'
import { stubSiteDir, testStack } from '../infra-test-stack.ts'

const siteDir = stubSiteDir()
const API_HOST = 'abc123.execute-api.eu-south-1.amazonaws.com'
function setup(overrides: Partial<StaticSiteProps> = {}) {
  const stack = testStack()
  const accessLogs = createPrivateBucket(stack, 'Logs')
  const openData = createPrivateBucket(stack, 'OpenData')
  const basemap = createPrivateBucket(stack, 'Basemap')
  const apiOriginSecret = new secretsmanager.Secret(stack, 'OriginSecret')
  return { stack, openData, basemap, apiOriginSecret, make: () => new StaticSite(stack, 'Site', { apiDomainName: API_HOST, sources: [siteDir], accessLogs, openData, basemap, apiOriginSecret, consoleIdentityOrigins: ['https://puntovicino-test.auth.eu-south-1.amazoncognito.com'], ...overrides }) }
}
type Behaviour = { PathPattern: string; TargetOriginId: string; CachePolicyId: unknown; Compress: boolean; AllowedMethods: string[]; ViewerProtocolPolicy: string }

describe('StaticSite', () => {
  const { stack, openData, basemap, apiOriginSecret, make } = setup()
  const site = make()
  const template = Template.fromStack(stack)
  const config = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig
  const behaviours = config.CacheBehaviors as Behaviour[]
  const originOf = (domainMatch: (o: { DomainName: unknown }) => boolean) => (config.Origins as Array<{ Id: string; DomainName: unknown }>).find(domainMatch)!.Id
  const apiOrigin = originOf((o) => o.DomainName === API_HOST)
  const openDataId = stack.getLogicalId(openData.node.defaultChild as never)
  const openDataOrigin = originOf((o) => JSON.stringify(o.DomainName).includes(openDataId))
  const basemapId = stack.getLogicalId(basemap.node.defaultChild as never)
  const basemapOrigin = originOf((o) => JSON.stringify(o.DomainName).includes(basemapId))
  const siteOrigin = originOf((o) => o.DomainName !== API_HOST && !JSON.stringify(o.DomainName).includes(openDataId) && !JSON.stringify(o.DomainName).includes(basemapId))
  const ref = (construct: { node: { defaultChild?: unknown } }) => ({ Ref: stack.getLogicalId(construct.node.defaultChild as never) })

  it('reads the private bucket through Origin Access Control only', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    })
    const siteOriginConfig = (config.Origins as Array<Record<string, unknown>>).find((o) => o.Id === siteOrigin)!
    expect(siteOriginConfig.OriginAccessControlId).toBeDefined()
    expect(siteOriginConfig.S3OriginConfig).toEqual({ OriginAccessIdentity: '' })
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: ref(site.bucket),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } } }),
        ]),
      },
    })
    const policies = JSON.stringify(template.findResources('AWS::S3::BucketPolicy'))
    expect(policies).not.toContain('"Principal":"*","Action":"s3:GetObject"')
    template.hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true } })
  })

  it('sends /v1/* to the HTTP API, caching GET and HEAD for 60 s keyed on the whole query string', () => {
    const v1 = behaviours.find((b) => b.PathPattern === '/v1/*')!
    expect(v1).toMatchObject({ TargetOriginId: apiOrigin, Compress: true, AllowedMethods: ['GET', 'HEAD', 'OPTIONS'], ViewerProtocolPolicy: 'redirect-to-https' })
    expect(v1.CachePolicyId).toEqual({ Ref: stack.getLogicalId(site.apiCachePolicy.node.defaultChild as never) })
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: {
        DefaultTTL: 60,
        MaxTTL: 60,
        MinTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: {
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          HeadersConfig: { HeaderBehavior: 'none' },
          CookiesConfig: { CookieBehavior: 'none' },
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
        },
      },
    })
    const apiOriginConfig = (config.Origins as Array<Record<string, unknown>>).find((o) => o.Id === apiOrigin)!
    expect(apiOriginConfig.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] })
  })

  it('proves to the API that a request came through it: a secret header, resolved at deploy time from Secrets Manager', () => {
    const apiOriginConfig = (config.Origins as Array<Record<string, unknown>>).find((o) => o.Id === apiOrigin)!
    const headers = apiOriginConfig.OriginCustomHeaders as Array<{ HeaderName: string; HeaderValue: unknown }>
    expect(headers.map((h) => h.HeaderName)).toEqual(['x-origin-verify'])
    // A CloudFormation dynamic reference to the secret: the template never holds the value.
    expect(JSON.stringify(headers[0]!.HeaderValue)).toContain('{{resolve:secretsmanager:')
    expect(JSON.stringify(headers[0]!.HeaderValue)).toContain(stack.getLogicalId(apiOriginSecret.node.defaultChild as never))
  })

  it('pins the origin value to a version when one is given, so a rotation changes the template and reaches CloudFront (an unpinned reference is resolved again only when the distribution changes)', () => {
    const pinned = setup({ apiOriginSecretVersion: '6c1d1d7e-2a4f-4b5e-9f00-0123456789ab' })
    pinned.make()
    const origins = Object.values(Template.fromStack(pinned.stack).findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig.Origins as Array<Record<string, unknown>>
    const header = JSON.stringify(origins.flatMap((o) => (o.OriginCustomHeaders as unknown[] | undefined) ?? []))
    expect(header).toMatch(/\{\{resolve:secretsmanager:.*:SecretString:::6c1d1d7e-2a4f-4b5e-9f00-0123456789ab\}\}/)
  })

  it('serves /opendata/* from its own bucket, the encoding the client accepts, and lets the distribution read nothing else there', () => {
    const files = behaviours.find((b) => b.PathPattern === '/opendata/*')!
    expect(files).toMatchObject({ TargetOriginId: openDataOrigin, ViewerProtocolPolicy: 'redirect-to-https', Compress: false })
    template.hasResourceProperties('AWS::CloudFront::Function', { FunctionCode: OPEN_DATA_ENCODING_FUNCTION })
    const pick = (acceptEncoding?: string, uri = '/opendata/punti-facilitazione.csv') =>
      runInNewContext(`${OPEN_DATA_ENCODING_FUNCTION}; handler({ request: { uri: ${JSON.stringify(uri)}, headers: ${JSON.stringify(acceptEncoding === undefined ? {} : { 'accept-encoding': { value: acceptEncoding } })} } }).uri`) as string
    expect(pick('gzip, deflate, br, zstd')).toBe('/opendata/punti-facilitazione.csv.br')
    expect(pick('gzip')).toBe('/opendata/punti-facilitazione.csv.gz')
    expect(pick('br;q=1.0, gzip;q=0.8')).toBe('/opendata/punti-facilitazione.csv.br')
    expect(pick('identity')).toBe('/opendata/punti-facilitazione.csv')
    expect(pick('brotli-not-really')).toBe('/opendata/punti-facilitazione.csv')
    expect(pick()).toBe('/opendata/punti-facilitazione.csv')
    // The folder itself is the page that lists the files, stored as the indexer wrote it.
    expect(pick('gzip, br', '/opendata/')).toBe('/opendata/index.html.br')
    expect(pick(undefined, '/opendata/')).toBe('/opendata/index.html')
    // The open-data bucket's policy lets this distribution read it; no other bucket of the stack is reachable that way but the site's.
    template.hasResourceProperties('AWS::S3::BucketPolicy', { Bucket: { Ref: openDataId }, PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]) } })
  })

  it('serves the street map at /tiles/* from its bucket, falling back to the site’s own built-in style where nothing is published', () => {
    const tiles = behaviours.find((b) => b.PathPattern === '/tiles/*')! as Behaviour & { ResponseHeadersPolicyId: unknown }
    const groups = config.OriginGroups as { Quantity: number; Items: Array<{ Id: string; FailoverCriteria: unknown; Members: { Items: Array<{ OriginId: string }> } }> }
    expect(groups.Quantity).toBe(1)
    const group = groups.Items[0]!
    expect(tiles.TargetOriginId).toBe(group.Id)
    expect(group.Members.Items.map((m) => m.OriginId)).toEqual([basemapOrigin, siteOrigin])
    expect(group.FailoverCriteria).toEqual({ StatusCodes: { Items: [403, 404], Quantity: 2 } })
    expect(tiles).toMatchObject({ AllowedMethods: ['GET', 'HEAD'], ViewerProtocolPolicy: 'redirect-to-https' })
    // Read-only from CloudFront, as the other buckets.
    template.hasResourceProperties('AWS::S3::BucketPolicy', { Bucket: { Ref: basemapId }, PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject' })]) } })
    // The CORS headers let the widget on other sites read the archive and the style.
    expect(tiles.ResponseHeadersPolicyId).toEqual({ Ref: stack.getLogicalId(site.securityHeaders.node.defaultChild as never) })
  })

  it('caches the street map as its origin says: an archive for a year, style.json five minutes, ranges served from the edge', () => {
    const tiles = behaviours.find((b) => b.PathPattern === '/tiles/*')!
    expect(tiles.CachePolicyId).toEqual({ Ref: stack.getLogicalId(site.basemapCachePolicy.node.defaultChild as never) })
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: {
        DefaultTTL: 300,
        MaxTTL: 31_536_000,
        MinTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({ QueryStringsConfig: { QueryStringBehavior: 'none' }, HeadersConfig: { HeaderBehavior: 'none' }, CookiesConfig: { CookieBehavior: 'none' } }),
      },
    })
  })

  it('lets the page read the street map under its Content Security Policy: tiles, style and glyphs are all its own origin', () => {
    const directive = (name: string) => DEFAULT_CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith(`${name} `))
    expect(directive('connect-src')).toBe("connect-src 'self'")
    expect(directive('worker-src')).toBe("worker-src 'self' blob:")
    expect(directive('img-src')).toBe("img-src 'self' data: blob:")
  })

  it("sends the operators' API (/v1/admin/*) to the HTTP API before /v1/*, every method, never cached, with the viewer's headers (Authorization) and not its Host", () => {
    const patterns = behaviours.map((b) => b.PathPattern)
    expect(patterns.indexOf('/v1/admin/*')).toBeLessThan(patterns.indexOf('/v1/*'))
    const admin = behaviours.find((b) => b.PathPattern === '/v1/admin/*')! as Behaviour & { OriginRequestPolicyId: unknown }
    expect(admin).toMatchObject({ TargetOriginId: apiOrigin, AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'], ViewerProtocolPolicy: 'redirect-to-https' })
    expect(admin.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad') // AWS managed CachingDisabled
    expect(admin.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac') // AWS managed AllViewerExceptHostHeader
  })

  it("serves the operators' console uncached, under the site's CSP plus its sign-in provider's token endpoint, and never prunes its config", () => {
    const consoleBehaviour = behaviours.find((b) => b.PathPattern === '/gestione/*')! as Behaviour & { ResponseHeadersPolicyId: unknown }
    expect(consoleBehaviour).toMatchObject({ TargetOriginId: siteOrigin })
    expect(consoleBehaviour.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad')
    expect(consoleBehaviour.ResponseHeadersPolicyId).toEqual({ Ref: stack.getLogicalId(site.consoleHeaders.node.defaultChild as never) })
    const policies = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy')).map((p) => p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy as string)
    const withSignIn = policies.filter((csp) => csp.includes('amazoncognito.com'))
    expect(withSignIn).toEqual([expect.stringContaining("connect-src 'self' https://puntovicino-test.auth.eu-south-1.amazoncognito.com;")])
    template.hasResourceProperties('Custom::CDKBucketDeployment', { Exclude: ['gestione/config.json', 'fonts/*'] })
  })

  it("sends citizens' reports to the API uncached, forwarding the viewer's address and not the Authorization header", () => {
    const patterns = behaviours.map((b) => b.PathPattern)
    expect(patterns.indexOf('/v1/points/*/reports*')).toBeLessThan(patterns.indexOf('/v1/*'))
    const reports = behaviours.find((b) => b.PathPattern === '/v1/points/*/reports*')! as Behaviour & { OriginRequestPolicyId: unknown }
    expect(reports).toMatchObject({ TargetOriginId: apiOrigin, AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'] })
    expect(reports.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad')
    template.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: { HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Content-Type', 'Accept', 'Accept-Language', 'Origin', 'CloudFront-Viewer-Address'] }, CookiesConfig: { CookieBehavior: 'none' } },
    })
  })

  it('serves the Swagger UI assets from the bucket, matched before /v1/*, and never caches /healthz', () => {
    const patterns = behaviours.map((b) => b.PathPattern)
    expect(patterns.indexOf('/v1/docs/assets/*')).toBeLessThan(patterns.indexOf('/v1/*'))
    expect(behaviours.find((b) => b.PathPattern === '/v1/docs/assets/*')!.TargetOriginId).toBe(siteOrigin)
    const health = behaviours.find((b) => b.PathPattern === '/healthz')!
    expect(health.TargetOriginId).toBe(apiOrigin)
    expect(health.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad') // AWS managed CachingDisabled
  })

  it('compresses and redirects to HTTPS everywhere, with the security headers on every behaviour', () => {
    expect(config.DefaultCacheBehavior).toMatchObject({ Compress: true, ViewerProtocolPolicy: 'redirect-to-https', TargetOriginId: siteOrigin })
    const headersPolicy = { Ref: stack.getLogicalId(site.securityHeaders.node.defaultChild as never) }
    const embedPolicy = { Ref: stack.getLogicalId(site.embedHeaders.node.defaultChild as never) }
    const consolePolicy = { Ref: stack.getLogicalId(site.consoleHeaders.node.defaultChild as never) }
    const adminPolicy = { Ref: stack.getLogicalId(site.adminHeaders.node.defaultChild as never) }
    for (const b of [config.DefaultCacheBehavior, ...behaviours]) {
      // The open-data files come compressed already (see OPEN_DATA_ENCODING_FUNCTION).
      expect(b.Compress).toBe(b.PathPattern !== '/opendata/*')
      const expected = (EMBED_PATHS as readonly string[]).includes(b.PathPattern) ? embedPolicy : (CONSOLE_PATHS as readonly string[]).includes(b.PathPattern) ? consolePolicy : b.PathPattern === '/v1/admin/*' ? adminPolicy : headersPolicy
      expect(b.ResponseHeadersPolicyId).toEqual(expected)
    }
    expect(config.HttpVersion).toBe('http2and3')
    expect(config.Logging).toBeUndefined()
  })

  it('lets any site frame the iframe embed and only our own pages frame the rest', () => {
    expect(DEFAULT_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'self'")
    const embedCsp = embeddableContentSecurityPolicy(DEFAULT_CONTENT_SECURITY_POLICY)
    expect(embedCsp).toContain('frame-ancestors *')
    expect(embedCsp.replace('frame-ancestors *', '')).toBe(DEFAULT_CONTENT_SECURITY_POLICY.replace("frame-ancestors 'self'", ''))
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({ SecurityHeadersConfig: Match.objectLike({ ContentSecurityPolicy: { ContentSecurityPolicy: embedCsp, Override: true } }) }),
    })
    for (const path of EMBED_PATHS) expect(behaviours.find((b) => b.PathPattern === path)?.TargetOriginId).toBe(siteOrigin)
  })

  it('serves the pages for search engines from the read API, telling it the site origin the viewer reached', () => {
    for (const path of PAGE_PATHS) {
      const behaviour = behaviours.find((b) => b.PathPattern === path) as { TargetOriginId: string; FunctionAssociations?: Array<{ EventType: string }> } | undefined
      expect(behaviour?.TargetOriginId, path).toBe(apiOrigin)
      expect(behaviour?.FunctionAssociations?.map((f) => f.EventType), path).toEqual(['viewer-request'])
    }
    // A point's calendar links to its page: it is told the site origin as the pages are, ahead of /v1/*.
    const calendar = behaviours.findIndex((b) => b.PathPattern === CALENDAR_PATH)
    expect(calendar).toBeGreaterThanOrEqual(0)
    expect(calendar).toBeLessThan(behaviours.findIndex((b) => b.PathPattern === '/v1/*'))
    expect((behaviours[calendar] as { FunctionAssociations?: Array<{ EventType: string }> }).FunctionAssociations?.map((f) => f.EventType)).toEqual(['viewer-request'])
    template.hasResourceProperties('AWS::CloudFront::Function', { FunctionCode: siteOriginFunction() })
    // The header the function sets is in the cache key: one host's canonical never reaches another's viewers.
    const pagePolicies = new Set(PAGE_PATHS.map((path) => JSON.stringify((behaviours.find((b) => b.PathPattern === path) as { CachePolicyId: unknown }).CachePolicyId)))
    expect(pagePolicies.size).toBe(1)
    template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        MaxTTL: 300,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({ HeadersConfig: { HeaderBehavior: 'whitelist', Headers: [SITE_ORIGIN_HEADER] } }),
      }),
    })
    const told = runInNewContext(`${siteOriginFunction()}; handler({ request: { headers: { host: { value: 'punti.example.it' }, '${SITE_ORIGIN_HEADER}': { value: 'https://evil.example' } } } }).headers`) as Record<string, { value: string }>
    expect(told[SITE_ORIGIN_HEADER]!.value).toBe('https://punti.example.it')
  })

  it('serves the clean URLs /embed and /embed-builder from their .html files', () => {
    template.hasResourceProperties('AWS::CloudFront::Function', { FunctionConfig: Match.objectLike({ Runtime: 'cloudfront-js-2.0' }), FunctionCode: CLEAN_URLS_FUNCTION })
    const rewrite = (uri: string) => runInNewContext(`${CLEAN_URLS_FUNCTION}; handler({ request: { uri: ${JSON.stringify(uri)} } }).uri`) as string
    expect(rewrite('/embed')).toBe('/embed.html')
    expect(rewrite('/embed-builder')).toBe('/embed-builder.html')
    expect(rewrite('/gestione/')).toBe('/gestione/index.html')
    for (const untouched of ['/', '/widget.js', '/fonts/titillium-web-latin-400-normal.woff2', '/gestione/config.json']) expect(rewrite(untouched)).toBe(untouched)
    // /opendata (no slash) is not under the open-data behaviour: it is sent to the folder's page.
    const answer = runInNewContext(`${CLEAN_URLS_FUNCTION}; handler({ request: { uri: '/opendata' } })`) as { statusCode: number; headers: Record<string, { value: string }> }
    expect(answer.statusCode).toBe(301)
    expect(answer.headers.location!.value).toBe('/opendata/')
  })

  it('sends a strict CSP, HSTS, no-sniff and a referrer policy, and no X-Frame-Options', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: DEFAULT_CONTENT_SECURITY_POLICY, Override: true },
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        },
        CorsConfig: Match.objectLike({ AccessControlAllowOrigins: { Items: ['*'] }, OriginOverride: false }),
      }),
    })
    expect(DEFAULT_CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(DEFAULT_CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(DEFAULT_CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/)
    expect(JSON.stringify(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))).not.toContain('FrameOptions')
  })

  it('publishes the given folders to the bucket and invalidates the cache', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: ref(site.bucket),
      DistributionPaths: ['/*'],
      Prune: true,
    })
  })

  it('publishes the fonts on their own, kept a month by browsers (the optional faces need the cache), never pruned by the site', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: ref(site.bucket),
      Include: ['fonts/*'],
      Exclude: ['*'],
      Prune: false,
      SystemMetadata: { 'cache-control': `public, max-age=${30 * 86_400}` },
      DistributionPaths: ['/fonts/*'],
    })
  })

  it('takes a custom domain with its us-east-1 certificate and then enforces TLS 1.2', () => {
    const { stack: s, make: build } = setup({ domain: { domainName: 'puntovicino.example.it', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } })
    build()
    const cfg = Object.values(Template.fromStack(s).findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig
    expect(cfg.Aliases).toEqual(['puntovicino.example.it'])
    expect(cfg.ViewerCertificate).toMatchObject({ AcmCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' })
    // The pages' canonical origin is the domain, also when reached at the distribution's own name:
    // no second copy of the site for search engines at d….cloudfront.net.
    const code = Object.values(Template.fromStack(s).findResources('AWS::CloudFront::Function')).map((f) => f.Properties.FunctionCode as string).find((c) => c.includes(SITE_ORIGIN_HEADER))!
    const told = runInNewContext(`${code}; handler({ request: { headers: { host: { value: 'd1234.cloudfront.net' } } } }).headers`) as Record<string, { value: string }>
    expect(told[SITE_ORIGIN_HEADER]!.value).toBe('https://puntovicino.example.it')
  })

  it('checks its props before building anything, naming the one it rejects', () => {
    expect(() => setup({ sources: [] }).make()).toThrow('StaticSite: sources must list at least one folder to publish')
    expect(() => setup({ apiCacheTtl: Duration.minutes(10) }).make()).toThrow('StaticSite: apiCacheTtl must be between 1 and 300 seconds (answers must stay fresh), got 600')
    expect(() => setup({ contentSecurityPolicy: "default-src 'self'" }).make()).toThrow(
      'StaticSite: contentSecurityPolicy must set frame-ancestors, or browsers fall back to allowing every embedder silently',
    )
    expect(() => setup({ domain: { domainName: 'x.it', certificateArn: 'arn:aws:acm:eu-south-1:1:certificate/a' } }).make()).toThrow(
      'StaticSite: domain needs a domainName and a certificateArn of an ACM certificate in us-east-1',
    )
  })
})
