import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { ReadS3Object } from './s3-object-reader.ts'
import { encodeS3Path, signS3Request, type AwsCredentials } from './s3-sigv4.ts'

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
 * The whole body in one fresh buffer that starts at offset 0, so the snapshot decoder can lay
 * typed arrays over it in place (a pooled or concatenated Buffer may start unaligned).
 */
function collect(response: IncomingMessage): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let length = 0
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      length += chunk.byteLength
    })
    response.on('end', () => {
      const body = new Uint8Array(length)
      let offset = 0
      for (const chunk of chunks) {
        body.set(chunk, offset)
        offset += chunk.byteLength
      }
      resolve(body)
    })
    response.on('error', reject)
  })
}

/**
 * Reads objects with a SigV4-signed GET over node's own http(s), on one keep-alive connection.
 * This is what the API Lambda's cold start uses instead of the AWS SDK's S3 client (whose module
 * graph alone costs ~40-60 ms to evaluate); it covers exactly what the snapshot source needs: a
 * whole object, 404 as "absent", retries of transient failures, and a length check of the body.
 */
export function signedGetObjectReader(options: SignedGetOptions): ReadS3Object {
  if (!options.bucket) throw new Error('signedGetObjectReader: bucket is required')
  if (!options.region) throw new Error('signedGetObjectReader: region is required')
  const endpoint = options.endpoint ? new URL(options.endpoint) : undefined
  const secure = endpoint ? endpoint.protocol === 'https:' : true
  const host = endpoint ? endpoint.host : `${options.bucket}.s3.${options.region}.amazonaws.com`
  const pathPrefix = endpoint ? `${endpoint.pathname.replace(/\/$/, '')}/${encodeS3Path(options.bucket)}` : ''
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true })
  const send = secure ? httpsRequest : httpRequest
  const attempts = options.attempts ?? 3
  const now = options.now ?? (() => new Date())

  const getOnce = (key: string): Promise<Uint8Array | undefined> =>
    new Promise((resolve, reject) => {
      const path = `${pathPrefix}/${encodeS3Path(key)}`
      const headers = signS3Request({ method: 'GET', host, path, region: options.region, credentials: options.credentials, at: now() })
      const request = send({ host: endpoint?.hostname ?? host, port: endpoint?.port || undefined, path, method: 'GET', headers, agent }, (response) => {
        collect(response).then((body) => {
          const status = response.statusCode ?? 0
          if (status === 404) return resolve(undefined)
          if (status !== 200) {
            const code = /<Code>([^<]+)<\/Code>/.exec(new TextDecoder().decode(body))?.[1] ?? `Http${status}`
            return reject(new S3ReadError(code, status, `GET s3://${options.bucket}/${key} answered ${status} ${code}`))
          }
          const declared = Number(response.headers['content-length'])
          if (Number.isFinite(declared) && declared !== body.byteLength) {
            return reject(new S3ReadError('IncompleteBody', status, `GET s3://${options.bucket}/${key}: received ${body.byteLength} of ${declared} bytes`))
          }
          resolve(body)
        }, reject)
      })
      request.setTimeout(options.idleTimeoutMs ?? 10_000, () => request.destroy(new Error(`GET s3://${options.bucket}/${key}: no data for ${options.idleTimeoutMs ?? 10_000} ms`)))
      request.on('error', reject)
      request.end()
    })

  return async (key) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await getOnce(key)
      } catch (error) {
        if (attempt >= attempts || !isRetryable(error)) throw error
        await new Promise((wake) => setTimeout(wake, RETRY_DELAYS_MS[attempt - 1] ?? 800))
      }
    }
  }
}
