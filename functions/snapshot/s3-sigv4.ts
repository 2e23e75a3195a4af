import { createHash, createHmac } from 'node:crypto'

export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  /** Present for temporary credentials, such as a Lambda execution role's. */
  readonly sessionToken?: string
}

export interface S3RequestToSign {
  readonly method: 'GET' | 'HEAD'
  readonly host: string
  /** The request path, already URI-encoded the way S3 expects (each key segment encoded once). */
  readonly path: string
  /** Extra headers to send and sign (lower-case names), e.g. `range`. */
  readonly headers?: Readonly<Record<string, string>>
  readonly region: string
  readonly credentials: AwsCredentials
  readonly at: Date
}

/** The SHA-256 of an empty body: what a GET without payload declares in x-amz-content-sha256. */
const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')
const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text, 'utf8').digest()

/** `20130524T000000Z`: the basic ISO 8601 form SigV4 signs. */
const amzDate = (at: Date): string => at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

/**
 * Encodes one S3 key into a request path: RFC 3986 unreserved characters stay, everything else
 * is percent-encoded, and `/` keeps separating segments (S3 does not double-encode paths).
 */
export function encodeS3Path(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/')
}

/**
 * Signs a body-less S3 request with AWS Signature Version 4 (header form) and returns every
 * header to send, Authorization included. Written out here (rather than taken from the AWS SDK)
 * because the read Lambda only ever GETs two objects, and the SDK's S3 client costs a cold start
 * tens of milliseconds of module evaluation; the algorithm is the one in the S3 API reference,
 * checked against its published example in the tests.
 */
export function signS3Request(request: S3RequestToSign): Record<string, string> {
  const date = amzDate(request.at)
  const day = date.slice(0, 8)
  const headers: Record<string, string> = {
    ...request.headers,
    host: request.host,
    'x-amz-content-sha256': EMPTY_BODY_SHA256,
    'x-amz-date': date,
    ...(request.credentials.sessionToken ? { 'x-amz-security-token': request.credentials.sessionToken } : {}),
  }
  const names = Object.keys(headers).sort()
  const signedHeaders = names.join(';')
  const canonicalRequest = [
    request.method,
    request.path,
    '', // no query string
    ...names.map((name) => `${name}:${headers[name]!.trim()}`),
    '',
    signedHeaders,
    EMPTY_BODY_SHA256,
  ].join('\n')
  const scope = `${day}/${request.region}/s3/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(canonicalRequest)].join('\n')
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${request.credentials.secretAccessKey}`, day), request.region), 's3'), 'aws4_request')
  const signature = createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex')
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${request.credentials.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`,
  }
}
