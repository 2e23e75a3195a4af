import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'

/**
 * One HTTP(S) exchange over node's own client, on a keep-alive agent per protocol: what the read
 * function needs to call S3 and Secrets Manager without an SDK client or fetch (undici's first
 * use costs more at cold start than node:https).
 */
export interface HttpAnswer {
  readonly status: number
  readonly headers: IncomingMessage['headers']
  /** The whole body, in a fresh buffer starting at offset 0 (typed arrays can be laid over it). */
  readonly body: Uint8Array
}

const agents = { 'https:': new HttpsAgent({ keepAlive: true }), 'http:': new HttpAgent({ keepAlive: true }) } as const

export function httpExchange(
  url: URL,
  {
    method,
    headers,
    body,
    idleTimeoutMs = 10_000,
    into,
  }: {
    method: string
    headers: Record<string, string>
    body?: string
    idleTimeoutMs?: number
    /** Where a 200 or 206 body of exactly this length is written (a part of a larger buffer): no buffer of its own, no copy. */
    into?: Uint8Array
  },
): Promise<HttpAnswer> {
  const secure = url.protocol === 'https:'
  return new Promise((resolve, reject) => {
    const request = (secure ? httpsRequest : httpRequest)(
      { host: url.hostname, port: url.port || undefined, path: `${url.pathname}${url.search}`, method, headers, agent: agents[secure ? 'https:' : 'http:'] },
      (response) => {
        collect(response, into).then((received) => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: received }), reject)
      },
    )
    request.setTimeout(idleTimeoutMs, () => request.destroy(new Error(`${method} ${url.origin}${url.pathname}: no data for ${idleTimeoutMs} ms`)))
    request.on('error', reject)
    request.end(body)
  })
}

/** Statuses whose body is read whole (the objects and secrets we fetch); others may declare a length and send none. */
const PREALLOCATED_STATUSES = new Set([200, 206])

/**
 * The body in one buffer. With a Content-Length (S3 always sends one) the buffer is allocated once
 * and each chunk copied in as it arrives, so reading a 130 MiB snapshot holds 130 MiB and one
 * chunk, not the chunks and their concatenation (twice the size, at the cold start's peak).
 */
function collect(response: IncomingMessage, into: Uint8Array | undefined): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    let body = preallocated(response, into)
    const chunks: Buffer[] = []
    let length = 0
    response.on('data', (chunk: Buffer) => {
      if (body && length + chunk.byteLength <= body.byteLength) body.set(chunk, length)
      else {
        // No length, or more than declared (node's parser does not allow it; kept correct anyway).
        if (body) chunks.push(Buffer.from(body.subarray(0, length)))
        body = undefined
        chunks.push(chunk)
      }
      length += chunk.byteLength
    })
    response.on('end', () => {
      // Node rejects a body cut short of its Content-Length ('aborted'); ending short here means a
      // status without a body, given whole as what was received.
      if (body) return resolve(length === body.byteLength ? body : body.slice(0, length))
      const joined = new Uint8Array(length)
      let offset = 0
      for (const chunk of chunks) {
        joined.set(chunk, offset)
        offset += chunk.byteLength
      }
      resolve(joined)
    })
    response.on('error', reject)
  })
}

/** A buffer of the declared length for a body read whole, or undefined: then chunks are joined at the end. */
function preallocated(response: IncomingMessage, into: Uint8Array | undefined): Uint8Array | undefined {
  const declared = Number(response.headers['content-length'])
  if (!PREALLOCATED_STATUSES.has(response.statusCode ?? 0) || !Number.isSafeInteger(declared) || declared < 0) return undefined
  if (into && into.byteLength === declared) return into
  try {
    return new Uint8Array(declared)
  } catch {
    // A length no buffer can hold: read what actually comes, which fails on its own if it is that big.
    return undefined
  }
}
