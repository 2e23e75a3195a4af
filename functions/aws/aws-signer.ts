import { SignatureV4 } from '@smithy/signature-v4'
import { createHash, createHmac } from 'node:crypto'

/**
 * AWS Signature Version 4 by the SDK's own signer (@smithy/signature-v4), for the few calls the
 * read function makes without an SDK client (two S3 GETs and the secrets at cold start): a
 * client's module graph costs ~40-60 ms to evaluate, the signer alone a few. Bundled from its
 * ES build, it pulls in only what signing needs.
 */
export interface AwsCredentials {
  readonly accessKeyId: string
  readonly secretAccessKey: string
  /** Present for temporary credentials, such as a Lambda execution role's. */
  readonly sessionToken?: string
}

export interface RequestToSign {
  readonly method: 'GET' | 'HEAD' | 'POST'
  readonly url: URL
  /** Headers to send and sign (lower-case names), besides host and the x-amz-* ones the signer adds. */
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

type SourceData = string | ArrayBuffer | ArrayBufferView

function bytesOf(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data
  return data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

/** node:crypto behind the SDK's hash interface (what @smithy/hash-node does, without another package). */
class Sha256 {
  private readonly hash
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret))
  }
  update(data: SourceData): void {
    this.hash.update(bytesOf(data))
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()))
  }
}

/** The headers to send: the given ones plus host, x-amz-date, x-amz-content-sha256, the token and authorization. */
export async function signAwsRequest(
  { service, region, credentials, at = new Date() }: { service: string; region: string; credentials: AwsCredentials; at?: Date },
  request: RequestToSign,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service, region, credentials, sha256: Sha256, uriEscapePath: service !== 's3' })
  const query: Record<string, string> = {}
  for (const [key, value] of request.url.searchParams) query[key] = value
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      ...(request.url.port ? { port: Number(request.url.port) } : {}),
      path: request.url.pathname,
      query,
      headers: { host: request.url.host, ...request.headers },
      ...(request.body !== undefined ? { body: request.body } : {}),
    },
    { signingDate: at },
  )
  return signed.headers as Record<string, string>
}
