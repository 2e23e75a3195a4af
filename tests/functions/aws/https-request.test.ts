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
    if (request.url === '/not-modified') return void response.writeHead(304, { 'Content-Length': 200 * 2 ** 20 }).end()
    if (request.url === '/absurd-length' || request.url === '/short') {
      // Declares more than it sends, then hangs up.
      response.writeHead(200, { 'Content-Length': request.url === '/short' ? 1_000 : 1e15 })
      response.write(BODY.subarray(0, 100))
      return void setTimeout(() => response.socket?.destroy(), 20)
    }
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

  it('gives a status without a body an empty body, without allocating the length it declares', async () => {
    const before = process.memoryUsage().arrayBuffers
    const answer = await httpExchange(new URL('/not-modified', origin), { method: 'GET', headers: {} })
    expect(answer.status).toBe(304)
    expect(answer.body.byteLength).toBe(0)
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 2 ** 20)
  })

  it.each(['/short', '/absurd-length'])('rejects a body cut short of its Content-Length (%s), never an uncaught error', async (path) => {
    await expect(httpExchange(new URL(path, origin), { method: 'GET', headers: {} })).rejects.toThrow()
  })
})
