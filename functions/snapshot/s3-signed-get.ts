import { signAwsRequest, type AwsCredentials } from '../aws/aws-signer.ts'
import { httpExchange } from '../aws/https-request.ts'
import { rangeHeader, type ByteRange, type ReadS3Object } from './s3-object-reader.ts'

/** A key as S3 expects it in the path: each segment percent-encoded once, slashes kept (RFC 3986 unreserved only). */
export function encodeS3Path(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/')
}

export interface SignedGetOptions {
  readonly bucket: string
  readonly region: string
  readonly credentials: AwsCredentials
  /**
   * A stand-in endpoint such as s3rver (`http://127.0.0.1:4569`): buckets are then addressed in
   * the path. Without it, the bucket's virtual-hosted HTTPS endpoint in `region`.
   */
  readonly endpoint?: string
  /** Attempts for a 5xx, a 429 or a dropped connection. @default 3 */
  readonly attempts?: number
  /** Milliseconds a socket may stay silent before the attempt fails. @default 10000 */
  readonly idleTimeoutMs?: number
  /** @default () => new Date() */
  readonly now?: () => Date
  /**
   * A ranged read longer than this is read as parts of this size, several at once: one S3 stream
   * carries ~90 MB/s, and a national snapshot's core is ~145 MiB. @default 8 MiB
   */
  readonly partBytes?: number
  /** Parts read at once. @default 8 */
  readonly partsAtOnce?: number
}

/** An S3 answer other than 200 or 404, named after S3's error code (`AccessDenied`, `SlowDown`, …). */
export class S3ReadError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = code
  }
}

const RETRY_DELAYS_MS = [50, 200, 800]
const isRetryable = (error: unknown): boolean => (error instanceof S3ReadError ? error.status >= 500 || error.status === 429 : true)

/**
 * The bytes of `range` from an answer to a ranged GET: a 206 holds exactly them (its Content-Range
 * says so); a 200 (a server
 * that ignores Range) holds the whole object, cut here. Anything shorter is an error, not a short read.
 */
function rangeOf(body: Uint8Array, status: number, contentRange: string | undefined, range: ByteRange, what: string): Uint8Array {
  const length = range.end - range.start
  if (status === 206 && body.byteLength === length && contentRange?.startsWith(`bytes ${range.start}-${range.end - 1}/`)) return body
  if (status === 200 && body.byteLength >= range.end) return body.subarray(range.start, range.end)
  throw new S3ReadError('IncompleteBody', status, `${what} bytes ${range.start}-${range.end - 1}: received ${body.byteLength} bytes (${status}${contentRange ? `, ${contentRange}` : ''})`)
}

/**
 * Reads objects with a SigV4-signed GET (the SDK's signer) over node's own http(s), keep-alive.
 * This is what the API Lambda's cold start uses instead of the AWS SDK's S3 client (whose module
 * graph alone costs ~40-60 ms to evaluate); it covers exactly what the snapshot source needs: a
 * whole object or a byte range of it, 404 as "absent", retries of transient failures, and a length check of the body.
 */
export function signedGetObjectReader(options: SignedGetOptions): ReadS3Object {
  if (!options.bucket) throw new Error('signedGetObjectReader: bucket is required')
  if (!options.region) throw new Error('signedGetObjectReader: region is required')
  const endpoint = options.endpoint ? new URL(options.endpoint) : undefined
  const origin = endpoint ? `${endpoint.protocol}//${endpoint.host}` : `https://${options.bucket}.s3.${options.region}.amazonaws.com`
  const pathPrefix = endpoint ? `${endpoint.pathname.replace(/\/$/, '')}/${encodeS3Path(options.bucket)}` : ''
  const attempts = options.attempts ?? 3
  const now = options.now ?? (() => new Date())

  const getOnce = async (key: string, range: ByteRange | undefined, into?: Uint8Array): Promise<Uint8Array | undefined> => {
    const url = new URL(`${origin}${pathPrefix}/${encodeS3Path(key)}`)
    const headers = await signAwsRequest({ service: 's3', region: options.region, credentials: options.credentials, at: now() }, { method: 'GET', url })
    // Range is left out of the signature: SigV4 asks only for host and x-amz-* headers.
    if (range) headers.range = rangeHeader(range)
    const { status, headers: received, body } = await httpExchange(url, { method: 'GET', headers, idleTimeoutMs: options.idleTimeoutMs, ...(into ? { into } : {}) })
    if (status === 404) return undefined
    if (range && (status === 206 || status === 200)) return rangeOf(body, status, received['content-range'], range, `GET s3://${options.bucket}/${key}`)
    if (status !== 200) {
      const code = /<Code>([^<]+)<\/Code>/.exec(new TextDecoder().decode(body))?.[1] ?? `Http${status}`
      throw new S3ReadError(code, status, `GET s3://${options.bucket}/${key} answered ${status} ${code}`)
    }
    const declared = Number(received['content-length'])
    if (Number.isFinite(declared) && declared !== body.byteLength) {
      throw new S3ReadError('IncompleteBody', status, `GET s3://${options.bucket}/${key}: received ${body.byteLength} of ${declared} bytes`)
    }
    return body
  }

  const get = async (key: string, range: ByteRange | undefined, into?: Uint8Array): Promise<Uint8Array | undefined> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await getOnce(key, range, into)
      } catch (error) {
        if (attempt >= attempts || !isRetryable(error)) throw error
        await new Promise((wake) => setTimeout(wake, RETRY_DELAYS_MS[attempt - 1] ?? 800))
      }
    }
  }

  const partBytes = options.partBytes ?? 8 * 1024 * 1024
  const partsAtOnce = Math.max(1, options.partsAtOnce ?? 8)
  return async (key, range) => {
    // A range that is not one is a bug of the caller's: said at once, not retried as a network fault.
    if (range) rangeHeader(range)
    if (!range || range.end - range.start <= partBytes) return get(key, range)
    // Parts land in one buffer as they arrive: the whole range is held once. S3 honours Range; a
    // stand-in that ignored it would send the whole object for every part (each then cut here).
    // A failed part fails the read; the parts in flight finish into the abandoned buffer.
    const whole = new Uint8Array(range.end - range.start)
    let next = range.start
    let absent = false
    let failed = false
    const reader = async (): Promise<void> => {
      while (next < range.end && !absent && !failed) {
        const part = { start: next, end: Math.min(range.end, next + partBytes) }
        next = part.end
        // Each part is received straight into its place in the whole (copied only if S3 answers otherwise than asked).
        const place = whole.subarray(part.start - range.start, part.end - range.start)
        const bytes = await get(key, part, place).catch((error: unknown) => {
          failed = true // the other readers stop at their next part
          throw error
        })
        if (!bytes) absent = true
        else if (bytes.buffer !== whole.buffer) place.set(bytes)
      }
    }
    await Promise.all(Array.from({ length: Math.min(partsAtOnce, Math.ceil(whole.byteLength / partBytes)) }, reader))
    return absent ? undefined : whole
  }
}
