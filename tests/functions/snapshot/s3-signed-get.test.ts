import { PutObjectCommand } from '@aws-sdk/client-s3'
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3ReadError, signedGetObjectReader } from '../../../functions/snapshot/s3-signed-get.ts'
import { startLocalS3, type LocalS3 } from './local-s3.ts'

describe('signedGetObjectReader', () => {
  let s3: LocalS3
  const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256)
  beforeAll(async () => {
    s3 = await startLocalS3()
    await s3.client().send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'signed/a b+c.bin', Body: bytes }))
  })
  afterAll(() => s3.close())

  const reader = (accessKeyId = 'S3RVER') =>
    signedGetObjectReader({ bucket: s3.bucket, region: 'eu-south-1', endpoint: s3.endpoint, credentials: { accessKeyId, secretAccessKey: 'S3RVER' } })

  it('reads a whole object, byte for byte, into a buffer that starts at offset 0', async () => {
    const read = await reader()('signed/a b+c.bin')
    expect(read).toEqual(bytes)
    expect(read!.byteOffset).toBe(0)
  })

  it('answers undefined for a key that does not exist', async () => {
    expect(await reader()('signed/missing.bin')).toBeUndefined()
  })

  it("rejects a refused request with S3's error code as its name, without retrying it", async () => {
    const refused = await reader('NOT-A-KEY')('signed/a b+c.bin').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(S3ReadError)
    expect(refused).toMatchObject({ name: 'InvalidAccessKeyId', status: 403 })
    expect(String(refused)).toContain(`GET s3://${s3.bucket}/signed/a b+c.bin answered 403 InvalidAccessKeyId`)
  })

  it('reads a byte range, exactly its bytes (S3 answers 206)', async () => {
    expect(await reader()('signed/a b+c.bin', { start: 1234, end: 5678 })).toEqual(bytes.slice(1234, 5678))
    expect(await reader()('signed/a b+c.bin', { start: 69_999, end: 70_000 })).toEqual(bytes.slice(69_999))
    expect(await reader()('signed/missing.bin', { start: 0, end: 10 })).toBeUndefined()
    await expect(reader()('signed/a b+c.bin', { start: 10, end: 10 })).rejects.toThrow(/not a non-empty byte range/)
  })

  it('reads a long range as parts at once, into one buffer, the same bytes', async () => {
    // In front of s3rver, a proxy that notes each request's Range and how many are in flight.
    const ranges: string[] = []
    let inFlight = 0
    let mostInFlight = 0
    const proxy = createServer((request, response) => {
      ranges.push(request.headers.range ?? '(whole)')
      mostInFlight = Math.max(mostInFlight, ++inFlight)
      const upstream = new URL(s3.endpoint)
      const forwarded = httpRequest({ host: upstream.hostname, port: upstream.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode!, answer.headers)
        answer.pipe(response).on('finish', () => inFlight--)
      })
      // Connections closed at the end of the test (a failed read leaves parts in flight) are no error of the test's.
      forwarded.on('error', () => response.destroy())
      request.pipe(forwarded)
    })
    await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening))
    try {
      const endpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
      const parted = signedGetObjectReader({ bucket: s3.bucket, region: 'eu-south-1', endpoint, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, partBytes: 4096, partsAtOnce: 3 })
      const read = await parted('signed/a b+c.bin', { start: 100, end: 20_000 })
      expect(read).toEqual(bytes.slice(100, 20_000))
      expect(read!.byteOffset).toBe(0)
      expect(ranges.sort()).toEqual(['bytes=100-4195', 'bytes=12388-16483', 'bytes=16484-19999', 'bytes=4196-8291', 'bytes=8292-12387'])
      expect(mostInFlight).toBeGreaterThan(1)
      expect(mostInFlight).toBeLessThanOrEqual(3)
      // A range up to 4,096 bytes is one request; a missing key is absent, not an error.
      ranges.length = 0
      expect(await parted('signed/a b+c.bin', { start: 0, end: 4096 })).toEqual(bytes.slice(0, 4096))
      expect(ranges).toEqual(['bytes=0-4095'])
      expect(await parted('signed/missing.bin', { start: 0, end: 20_000 })).toBeUndefined()
      // A range past the object's end is an error, not a short read passed on as the object.
      await expect(parted('signed/a b+c.bin', { start: 60_000, end: 80_000 })).rejects.toThrow(/received/)
    } finally {
      // Parts still in flight after a failed read end before the proxy does.
      await new Promise((settled) => setTimeout(settled, 200))
      proxy.closeAllConnections()
      await new Promise((closed) => proxy.close(closed))
    }
  })

  it('names the missing option', () => {
    expect(() => signedGetObjectReader({ bucket: '', region: 'eu-south-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })).toThrow('signedGetObjectReader: bucket is required')
    expect(() => signedGetObjectReader({ bucket: 'b', region: '', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })).toThrow('signedGetObjectReader: region is required')
  })
})
