import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createLocalServer } from '../../../functions/local/local-server.ts'
import type { LocalOidc } from '../../../functions/local/oidc/local-oidc-provider.ts'

/** What a raw request gets back from the local server, bytes as sent (no client library to fix them first). */
async function rawAnswer(request: Buffer): Promise<string> {
  const answering = { fetch: () => new Response('{}', { headers: { 'content-type': 'application/json' } }) }
  const server = createLocalServer({ readApp: answering, adminApp: answering, oidc: { handle: () => false } as unknown as LocalOidc })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')))
    socket.write(request)
    await new Promise((resolve) => socket.on('close', resolve))
    return answer
  } finally {
    server.close()
  }
}

describe('the local server', () => {
  it('answers a request line it cannot read (a raw à in the address, as curl sends it) with a problem document, as every 4xx of the API', async () => {
    const answer = await rawAnswer(Buffer.concat([Buffer.from('GET /v1/points?q=FORL'), Buffer.from('Ì', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: localhost\r\n\r\n')]))
    const [head, body] = answer.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(head).toMatch(/\r\ncontent-type: application\/problem\+json\r\n/i)
    expect(head).toMatch(/\r\naccess-control-allow-origin: \*\r\n/i)
    expect(JSON.parse(body!)).toMatchObject({ status: 400, title: 'Invalid request parameter', detail: expect.stringContaining('%C3%A0') })
  })

  it('answers headers too large with a 431 problem document, not a 400 about the address', async () => {
    const answer = await rawAnswer(Buffer.from(`GET /v1/points HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`))
    const [head, body] = answer.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/)
    expect(JSON.parse(body!)).toMatchObject({ type: 'about:blank', status: 431 })
  })
})
