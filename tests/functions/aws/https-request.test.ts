import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpExchange } from '../../../functions/aws/https-request.ts'

/** A body of `size` bytes, each byte its index modulo 251, so a misplaced chunk shows. */
const pattern = (size: number): Buffer => Buffer.from(Array.from({ length: size }, (_, i) => i % 251))
const BODY = pattern(300_000)

let server: Server
let origin: string
beforeAll(async () => {
  server = createServer((request, response) => {
    const declared = request.url === '/with-length'
    response.writeHead(200, declared ? { 'Content-Length': BODY.byteLength } : {})
    // In small pieces, some after a pause, so the client receives many chunks.
    let offset = 0
    const next = (): void => {
      if (offset >= BODY.byteLength) return void response.end()
      response.write(BODY.subarray(offset, (offset += 7_919)))
      if (offset % 3 === 0) setTimeout(next, 1)
      else setImmediate(next)
    }
    next()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

describe('httpExchange', () => {
  it.each(['/with-length', '/chunked'])('returns the whole body of %s, in order, in its own buffer from offset 0', async (path) => {
    const answer = await httpExchange(new URL(path, origin), { method: 'GET', headers: {} })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-length']).toBe(path === '/with-length' ? String(BODY.byteLength) : undefined)
    expect(answer.body.byteLength).toBe(BODY.byteLength)
    expect(Buffer.from(answer.body).equals(BODY)).toBe(true)
    // The snapshot decoder lays typed arrays over the body's buffer.
    expect(answer.body.byteOffset).toBe(0)
    expect(answer.body.buffer.byteLength).toBe(BODY.byteLength)
  })
})
