import { Duration, SecretValue, Validations } from 'aws-cdk-lib'
import * as acm from 'aws-cdk-lib/aws-certificatemanager'
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront'
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins'
import type * as s3 from 'aws-cdk-lib/aws-s3'
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager'
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment'
import { Construct } from 'constructs'
import { OPEN_DATA_PREFIX } from '../../functions/exports/open-data-layout.ts'
import { TILES_FOLDER } from '../../shared/map/basemap-layout.ts'
import { ORIGIN_VERIFY_HEADER } from '../../functions/api/middleware/origin-verify.ts'
import { SITE_ORIGIN_HEADER } from '../../functions/api/site-origin.ts'
import { DEFAULT_CONTENT_SECURITY_POLICY, EMBED_PATHS, consoleContentSecurityPolicy, embeddableContentSecurityPolicy } from '../../functions/site/content-security-policy.ts'
import { createPrivateBucket } from './private-bucket.ts'

export { EMBED_PATHS }

/**
 * CloudFront Function (viewer request): the site's clean URLs (`/embed`, `/embed-builder`) are
 * files with `.html` in the bucket, and a folder's address (`/gestione/`) its `index.html`, as
 * `npm start` serves them locally.
 */
export const CLEAN_URLS_FUNCTION = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === '/${OPEN_DATA_PREFIX.slice(0, -1)}') return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: '/${OPEN_DATA_PREFIX}' } } };
  if (uri !== '/' && uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
  } else if (uri !== '/' && uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {
    request.uri = uri + '.html';
  }
  return request;
}`

/**
 * CloudFront Function (viewer request) for the server-rendered pages: the site's own origin for
 * their canonical addresses and sitemaps; any value a viewer sent in the same header is replaced.
 * With a custom domain, that domain whatever Host was reached: the distribution's own
 * `….cloudfront.net` name serves the same pages, and would otherwise offer search engines a second
 * copy of the site, canonical to itself. Without one, the Host the viewer reached.
 */
export const siteOriginFunction = (customDomain?: string): string => `function handler(event) {
  var request = event.request;
  request.headers['${SITE_ORIGIN_HEADER}'] = { value: ${customDomain ? JSON.stringify(`https://${customDomain}`) : "'https://' + request.headers.host.value"} };
  return request;
}`

/** The server-rendered pages, from the read API: a page per point, comune, province and region, the sitemaps and robots.txt. */
export const PAGE_PATHS = ['/punti/*', '/comuni/*', '/regioni/*', '/province/*', '/sitemap*.xml', '/robots.txt'] as const
/** A point's calendar file, which links to the point's page on the site: told the site's origin as the pages are. */
export const CALENDAR_PATH = '/v1/points/*.ics'

/** The operators' console: its page (`/gestione/` → `gestione/index.html`) and its files. */
export const CONSOLE_PATHS = ['/gestione/*'] as const
/** The site's own fonts (web/dist/fonts), published with a long browser cache. */
export const FONTS_FOLDER = 'fonts'
export const FONT_CACHE_DAYS = 30

/** Written by the stack beside the console's page: where and how it signs in. */
export const CONSOLE_CONFIG_KEY = 'gestione/config.json'

/**
 * CloudFront Function (viewer request) for /opendata/*: each file is stored as is, `.br` and
 * `.gz` (made by the indexer); this picks the one the client accepts. CloudFront compresses
 * nothing above 10 MB by itself, and a national registry's files are larger. /opendata/ is the
 * page that lists them (index.html).
 */
export const OPEN_DATA_ENCODING_FUNCTION = `function handler(event) {
  var request = event.request;
  if (request.uri.charAt(request.uri.length - 1) === '/') request.uri = request.uri + 'index.html';
  var header = request.headers['accept-encoding'];
  var accepted = header ? header.value : '';
  if (/(^|[\\s,])br(\\s*(;|,|$))/.test(accepted)) request.uri = request.uri + '.br';
  else if (/(^|[\\s,])gzip(\\s*(;|,|$))/.test(accepted)) request.uri = request.uri + '.gz';
  return request;
}`

export interface CustomDomain {
  readonly domainName: string
  /** An ACM certificate in us-east-1 covering domainName (CloudFront's requirement). */
  readonly certificateArn: string
}

export interface StaticSiteProps {
  /** Host name of the HTTP API (the `/v1/*` and `/healthz` origin). */
  readonly apiDomainName: string
  /** Folders whose files are published to the site bucket, in order (a later file wins). */
  readonly sources: string[]
  readonly accessLogs: s3.IBucket
  /** How long the edge keeps an API answer; the query string is the cache key. @default Duration.seconds(60) */
  readonly apiCacheTtl?: Duration
  /** @default DEFAULT_CONTENT_SECURITY_POLICY */
  readonly contentSecurityPolicy?: string
  /** @default no custom domain: the *.cloudfront.net name */
  readonly domain?: CustomDomain
  /** The AWS WAF web ACL (scope CLOUDFRONT) to attach. @default none (an acknowledged finding) */
  readonly webAclArn?: string
  /** The bucket of the whole-registry open-data files, served at /opendata/*. */
  readonly openData: s3.IBucket
  /**
   * The street map's bucket (`npm run basemap -- publish`), served at /tiles/*: its archive by
   * range requests and the style.json naming it; where it holds nothing, the site's own
   * tiles/style.json (the built-in map) answers.
   */
  readonly basemap: s3.IBucket
  /** The value sent to the API as `x-origin-verify` (PublicApi.originSecret). */
  readonly apiOriginSecret: secretsmanager.ISecret
  /**
   * The origin value's version CloudFront sends (a rotation's `VersionId`): a reference without one
   * is resolved again only when the distribution itself changes, so a rotated value never reached
   * CloudFront, and at the next rotation neither current nor previous matched. @default the current one at the first deploy
   */
  readonly apiOriginSecretVersion?: string
  /**
   * The operators' identity provider's origins (the pool's issuer for its discovery document,
   * `https://<prefix>.auth.<region>.amazoncognito.com` for its token endpoint): the console's pages
   * may call them, and nothing else of the site may.
   */
  readonly consoleIdentityOrigins: readonly string[]
}

/**
 * The citizens' site and the API's front door: one CloudFront distribution with the private
 * `web/` bucket as default origin (Origin Access Control, no public bucket) and the HTTP API for
 * `/v1/*`, whose GET answers are cached briefly keyed on the whole query string, so the common
 * "nearest to my comune" queries are answered at the edge.
 */
export class StaticSite extends Construct {
  public readonly bucket: s3.Bucket
  public readonly distribution: cloudfront.Distribution
  public readonly apiCachePolicy: cloudfront.CachePolicy
  /** /tiles/*: what the origin says (a year for an archive, five minutes for style.json), five minutes when it says nothing. */
  /** What the reports' behaviour forwards to the API. */
  public readonly reportsOriginRequest: cloudfront.OriginRequestPolicy
  public readonly basemapCachePolicy: cloudfront.CachePolicy
  public readonly securityHeaders: cloudfront.ResponseHeadersPolicy
  /** The headers of the iframe embed: the same, but any site may frame it. */
  public readonly embedHeaders: cloudfront.ResponseHeadersPolicy
  public readonly consoleHeaders: cloudfront.ResponseHeadersPolicy
  /** The operators' API: the site's security headers without CORS. */
  public readonly adminHeaders: cloudfront.ResponseHeadersPolicy
  private readonly customDomain: string | undefined

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id)
    const { apiDomainName, sources, accessLogs, apiCacheTtl = Duration.seconds(60), contentSecurityPolicy = DEFAULT_CONTENT_SECURITY_POLICY, domain, webAclArn, openData, basemap, apiOriginSecret, apiOriginSecretVersion, consoleIdentityOrigins } = props
    if (sources.length === 0) throw new Error('StaticSite: sources must list at least one folder to publish')
    if (apiCacheTtl.toSeconds() < 1 || apiCacheTtl.toSeconds() > 300) {
      throw new Error(`StaticSite: apiCacheTtl must be between 1 and 300 seconds (answers must stay fresh), got ${apiCacheTtl.toSeconds()}`)
    }
    if (!/frame-ancestors/.test(contentSecurityPolicy)) {
      throw new Error('StaticSite: contentSecurityPolicy must set frame-ancestors, or browsers fall back to allowing every embedder silently')
    }
    if (domain && (!domain.domainName || !domain.certificateArn.startsWith('arn:aws:acm:us-east-1:'))) {
      throw new Error('StaticSite: domain needs a domainName and a certificateArn of an ACM certificate in us-east-1')
    }

    this.customDomain = domain?.domainName
    this.bucket = createPrivateBucket(this, 'Bucket', { accessLogs })

    const site = origins.S3BucketOrigin.withOriginAccessControl(this.bucket)
    const headersPolicy = (id: string, csp: string, comment: string, { cors = true }: { cors?: boolean } = {}) =>
      new cloudfront.ResponseHeadersPolicy(this, id, {
        comment,
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
          strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
          contentTypeOptions: { override: true },
          referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        },
        customHeadersBehavior: {
          customHeaders: [
            { header: 'Permissions-Policy', value: 'geolocation=(self), camera=(), microphone=(), payment=()', override: true },
            // The widget's script and styles are loaded by other sites' pages.
            { header: 'Cross-Origin-Resource-Policy', value: 'cross-origin', override: true },
          ],
        },
        // Lets other sites load the widget as a module script; the API sets its own CORS headers.
        ...(cors
          ? {
              corsBehavior: {
                accessControlAllowOrigins: ['*'],
                accessControlAllowMethods: ['GET', 'HEAD', 'OPTIONS'],
                accessControlAllowHeaders: ['*'],
                accessControlAllowCredentials: false,
                originOverride: false,
              },
            }
          : {}),
      })
    this.securityHeaders = headersPolicy('SecurityHeaders', contentSecurityPolicy, 'PuntoVicino: strict CSP, framed by our own pages only, HSTS, no-sniff, referrer policy')
    this.embedHeaders = headersPolicy('EmbedHeaders', embeddableContentSecurityPolicy(contentSecurityPolicy), 'PuntoVicino /embed: the same policy, framed by any site')
    this.consoleHeaders = headersPolicy('ConsoleHeaders', consoleContentSecurityPolicy(contentSecurityPolicy, consoleIdentityOrigins), "PuntoVicino /gestione: the same policy, plus the sign-in provider's token endpoint")
    // The operators' API is called by the console on this site only: no CORS header opens it to others.
    this.adminHeaders = headersPolicy('AdminHeaders', contentSecurityPolicy, "PuntoVicino /v1/admin: the site's headers, without CORS", { cors: false })
    const cleanUrls = new cloudfront.Function(this, 'CleanUrls', {
      code: cloudfront.FunctionCode.fromInline(CLEAN_URLS_FUNCTION),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'PuntoVicino: /embed -> /embed.html',
    })
    const siteBehaviour = (responseHeadersPolicy: cloudfront.IResponseHeadersPolicy): cloudfront.BehaviorOptions => ({
      origin: site,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy,
      compress: true,
      functionAssociations: [{ function: cleanUrls, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    })

    this.apiCachePolicy = new cloudfront.CachePolicy(this, 'ApiCache', {
      comment: 'PuntoVicino /v1/*: short TTL, keyed on the whole query string',
      minTtl: Duration.seconds(0),
      defaultTtl: apiCacheTtl,
      maxTtl: apiCacheTtl,
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    })

    // The pages' canonical addresses depend on the host the viewer reached (set in a header by a
    // function before the cache lookup): that header is part of the key, or the first host to
    // ask would name every page for everyone. Pages change with the registry, so minutes.
    const pagesCachePolicy = new cloudfront.CachePolicy(this, 'PagesCache', {
      comment: 'PuntoVicino pages: 5 minutes, keyed on the query string and the site origin',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.minutes(5),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList(SITE_ORIGIN_HEADER),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    })

    const api = new origins.HttpOrigin(apiDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      // Resolved by CloudFormation at deploy time: the template holds a reference, not the value.
      customHeaders: {
        [ORIGIN_VERIFY_HEADER]: (apiOriginSecretVersion ? SecretValue.secretsManager(apiOriginSecret.secretArn, { versionId: apiOriginSecretVersion }) : apiOriginSecret.secretValue).unsafeUnwrap(),
      },
    })
    const openDataEncoding = new cloudfront.Function(this, 'OpenDataEncoding', {
      code: cloudfront.FunctionCode.fromInline(OPEN_DATA_ENCODING_FUNCTION),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'PuntoVicino: /opendata/x -> x.br or x.gz as accepted; /opendata/ -> its index.html',
    })
    const siteOrigin = new cloudfront.Function(this, 'SiteOrigin', {
      code: cloudfront.FunctionCode.fromInline(siteOriginFunction(this.customDomain)),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'PuntoVicino: the site origin for the pages canonical addresses',
    })
    this.basemapCachePolicy = new cloudfront.CachePolicy(this, 'BasemapCache', {
      comment: 'PuntoVicino /tiles/*: the origin decides (archives a year, style.json 5 minutes); 5 minutes by default',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.minutes(5),
      maxTtl: Duration.days(365),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    })
    // The published street map first; where it has no such file (403 from S3 without ListBucket,
    // or 404), the site bucket: its tiles/style.json is the built-in map's, so the page always
    // gets a style and never logs an error for want of a street map.
    const tiles = new origins.OriginGroup({
      primaryOrigin: origins.S3BucketOrigin.withOriginAccessControl(basemap),
      fallbackOrigin: site,
      fallbackStatusCodes: [403, 404],
    })
    this.reportsOriginRequest = new cloudfront.OriginRequestPolicy(this, 'ReportsOriginRequest', {
      comment: 'PuntoVicino reports: the body headers and the viewer address, nothing else',
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList('Content-Type', 'Accept', 'Accept-Language', 'Origin', 'CloudFront-Viewer-Address'),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    })
    const apiBehaviour = (cachePolicy: cloudfront.ICachePolicy): cloudfront.BehaviorOptions => ({
      origin: api,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy,
      // API Gateway routes on its own Host name, so the viewer's Host must not be forwarded.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.securityHeaders,
      compress: true,
    })

    // Pages (and a calendar's link to its page) name the site's own origin, from the viewer's Host.
    const pageBehaviour: cloudfront.BehaviorOptions = { ...apiBehaviour(pagesCachePolicy), functionAssociations: [{ function: siteOrigin, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }] }
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'PuntoVicino: web/ and the public API',
      defaultRootObject: 'index.html',
      defaultBehavior: siteBehaviour(this.securityHeaders),
      // Listed most specific first: CloudFront takes the first pattern that matches.
      additionalBehaviors: {
        // The iframe embed is the one page any site may frame.
        ...Object.fromEntries(EMBED_PATHS.map((path) => [path, siteBehaviour(this.embedHeaders)])),
        // The operators' console: never cached at the edge (its config changes with the stack).
        ...Object.fromEntries(CONSOLE_PATHS.map((path) => [path, { ...siteBehaviour(this.consoleHeaders), cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED }])),
        // Swagger UI's files are published to the site bucket, not carried in the Lambda bundle.
        '/v1/docs/assets/*': {
          origin: site,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: this.securityHeaders,
          compress: true,
        },
        // The whole-registry files, from their own bucket (the distribution may read nothing else there).
        [`/${OPEN_DATA_PREFIX}*`]: {
          origin: origins.S3BucketOrigin.withOriginAccessControl(openData),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: this.securityHeaders,
          // Already compressed by the indexer; the function chooses the stored encoding.
          compress: false,
          functionAssociations: [{ function: openDataEncoding, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
        // The street map: CloudFront answers the pmtiles library's range requests from its cache.
        [`/${TILES_FOLDER}/*`]: {
          origin: tiles,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: this.basemapCachePolicy,
          responseHeadersPolicy: this.securityHeaders,
          compress: true,
        },
        // The operators' API: every method, never cached (answers depend on who asks); with caching
        // off, the all-viewer origin request policy forwards the Authorization header.
        '/v1/admin/*': { ...apiBehaviour(cloudfront.CachePolicy.CACHING_DISABLED), allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, responseHeadersPolicy: this.adminHeaders },
        // Citizens' reports: never cached, and with the viewer's address (CloudFront-Viewer-Address,
        // which no viewer can forge) for the per-client limit; no Authorization, no cookies.
        '/v1/points/*/reports*': { ...apiBehaviour(cloudfront.CachePolicy.CACHING_DISABLED), allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL, originRequestPolicy: this.reportsOriginRequest },
        [CALENDAR_PATH]: pageBehaviour,
        '/v1/*': apiBehaviour(this.apiCachePolicy),
        '/healthz': apiBehaviour(cloudfront.CachePolicy.CACHING_DISABLED),
        // Pages for search engines and link previews, rendered by the read API, cached like its answers.
        ...Object.fromEntries(PAGE_PATHS.map((path) => [path, pageBehaviour])),
      },
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // Europe and North America edges: the users are in Italy, and it is the cheapest class.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: false,
      ...(domain
        ? {
            domainNames: [domain.domainName],
            certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', domain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(webAclArn ? { webAclId: webAclArn } : {}),
    })

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR3',
      reason:
        "Access logging is off on purpose: CloudFront logs record the full query string, and /v1/points?near=LAT,LON is the caller's position. The project logs positions only rounded to 2 decimals (the API function's structured request log); CloudFront metrics and the API's access log (path only) cover operations.",
    })
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'No geo restriction: the service is for Italian residents, who also use it from abroad, and the widget is embedded on sites visited from anywhere. The data is public open data.',
    })
    if (!webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'The deployment asked for no web ACL (context waf=false, documented as an opt-out in README.md): the content is public, read-only open data, mostly answered from the edge cache, and API Gateway throttles the API. By default a web ACL is attached.',
      })
    }
    if (!domain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront serves the *.cloudfront.net certificate, whose security policy cannot be chosen. With the domainName and certificateArn context values the distribution enforces TLSv1.2_2021.',
      })
    }

    new s3deploy.BucketDeployment(this, 'Publish', {
      sources: sources.map((dir) => s3deploy.Source.asset(dir)),
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      // Written by the stack (OperatorsIdentity's values), not shipped in web/dist: never pruned.
      // The fonts are published below, with their own caching.
      exclude: [CONSOLE_CONFIG_KEY, `${FONTS_FOLDER}/*`],
    })
    // The fonts, kept a month by browsers: the semibold and bold faces are font-display optional
    // (web/styles/page.css), so a face that must be fetched again on a later visit, even for a 304,
    // may miss its first paint on a slow phone. Their names carry no hash; a changed face reaches
    // a browser within the month.
    new s3deploy.BucketDeployment(this, 'PublishFonts', {
      sources: sources.map((dir) => s3deploy.Source.asset(dir)),
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: [`${FONTS_FOLDER}/*`],
      prune: false,
      cacheControl: [s3deploy.CacheControl.setPublic(), s3deploy.CacheControl.maxAge(Duration.days(FONT_CACHE_DAYS))],
      distribution: this.distribution,
      distributionPaths: [`/${FONTS_FOLDER}/*`],
      memoryLimit: 512,
    })
  }

  /** The site's address: its custom domain when it has one. */
  get url(): string {
    return `https://${this.customDomain ?? this.distribution.distributionDomainName}`
  }
}
