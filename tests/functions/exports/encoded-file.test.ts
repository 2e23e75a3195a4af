import { GetObjectCommand } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { createHash } from 'node:crypto'
import { Writable } from 'node:stream'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectingSink, readableSink, writeEncodedFile, type FileSink, type FileText } from '../../../functions/exports/encoded-file.ts'
import { refuseUploadParts, startLocalS3, type LocalS3 } from '../snapshot/local-s3.ts'

const LINE = 'demo-09-0001,Biblioteca civica di Forlì — “Punto Digitale Facile” 🇮🇹,43.22,12.04\n'

/** `megabytes` of CSV-like lines in parts of ~64 KiB, noting how many parts were taken. */
function* text(megabytes: number, taken: { parts: number }): FileText {
  const part = LINE.repeat(Math.ceil(65_536 / LINE.length))
  const parts = Math.ceil((megabytes * 2 ** 20) / Buffer.byteLength(part))
  for (let i = 0; i < parts; i++) {
    taken.parts++
    yield part
  }
  return parts
}

const expectedBody = (megabytes: number): Buffer => {
  const parts: string[] = []
  for (const part of text(megabytes, { parts: 0 })) parts.push(part as string)
  return Buffer.from(parts.join(''))
}

/** A sink that notes, at each chunk it receives, how many parts of the text had been taken then. */
function watchingSink(taken: { parts: number }, seenAt: number[]): FileSink & { done: Promise<Buffer> } {
  const inner = collectingSink()
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      seenAt.push(taken.parts)
      inner.stream.write(chunk, done)
    },
    final: (done) => inner.stream.end(done),
  })
  return { stream, done: inner.done }
}

describe('writeEncodedFile', () => {
  it('streams a large file: its sinks get bytes long before the text ends, and the three representations match', async () => {
    const taken = { parts: 0 }
    const seenAt: number[] = []
    const body = watchingSink(taken, seenAt)
    const [gzip, brotli] = [collectingSink(), collectingSink()]
    const written = await writeEncodedFile(text(48, taken), { body, gzip, brotli })
    const expected = expectedBody(48)
    expect((await body.done).equals(expected)).toBe(true)
    expect(gunzipSync(await gzip.done).equals(expected)).toBe(true)
    expect(brotliDecompressSync(await brotli.done).equals(expected)).toBe(true)
    expect(written).toEqual({ bytes: expected.length, gzipBytes: (await gzip.done).length, brotliBytes: (await brotli.done).length, etag: `"${createHash('sha256').update(expected).digest('base64url').slice(0, 27)}"`, rows: taken.parts })
    // The first 32 MiB are held to choose the compression levels; after that, chunk by chunk.
    expect(seenAt[0]).toBeLessThan(taken.parts * 0.8)
  })

  it('holds the text back while its sinks take nothing: a chunk or two past the first 32 MiB, not the file', async () => {
    const taken = { parts: 0 }
    let stalled = true
    const waiting: Array<() => void> = []
    /** A sink that takes nothing while stalled (an upload waiting on the network), then everything. */
    const stalling = (): FileSink & { done: Promise<Buffer> } => {
      const inner = collectingSink()
      const stream = new Writable({
        highWaterMark: 1,
        write: (chunk: Buffer, _encoding, done) => {
          const take = () => inner.stream.write(chunk, done)
          if (stalled) waiting.push(take)
          else take()
        },
        final: (done) => inner.stream.end(done),
      })
      return { stream, done: inner.done }
    }
    const sinks = { body: stalling(), gzip: stalling(), brotli: stalling() }
    const writing = writeEncodedFile(text(96, taken), sinks)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const takenWhileStalled = taken.parts
    stalled = false
    for (const take of waiting.splice(0)) take()
    await writing
    // The first 32 MiB are held to choose the levels, then one chunk (4 Mi characters, under 5 MB
    // of this text) is made while the previous one waits: nothing more while the sinks take nothing.
    const partBytes = Buffer.byteLength(text(1, { parts: 0 }).next().value as string)
    expect(takenWhileStalled * partBytes).toBeLessThan(32 * 2 ** 20 + 2 * 5e6)
    expect(taken.parts * partBytes).toBeGreaterThanOrEqual(96 * 2 ** 20)
    expect((await sinks.body.done).equals(expectedBody(96))).toBe(true)
  })

  it('fails, without waiting for room that never comes, when a sink fails', async () => {
    const broken: FileSink = {
      stream: new Writable({ highWaterMark: 1, write: () => {} }), // never takes a chunk…
      done: Promise.reject(new Error('upload refused: AccessDenied')), // …because its upload failed
    }
    await expect(writeEncodedFile(text(40, { parts: 0 }), { body: broken, gzip: collectingSink(), brotli: collectingSink() })).rejects.toThrow('AccessDenied')
  })

  it('passes on an error of the text, destroying what the sinks were writing', async () => {
    const sinks = { body: collectingSink(), gzip: collectingSink(), brotli: collectingSink() }
    function* failing(): FileText {
      yield 'a,b\n'
      throw new Error('records-unavailable')
    }
    await expect(writeEncodedFile(failing(), sinks)).rejects.toThrow('records-unavailable')
    expect(sinks.body.stream.destroyed).toBe(true)
    await expect(sinks.body.done).rejects.toThrow('records-unavailable')
  })
})

describe('writeEncodedFile into multipart uploads (s3rver, the real AWS SDK)', () => {
  let s3: LocalS3
  beforeAll(async () => {
    s3 = await startLocalS3('opendata-multipart')
  }, 30_000)
  afterAll(() => s3?.close())

  it("fails with S3's own error when one upload fails, once every upload it began has ended", async () => {
    const client = s3.client()
    // The fault: the gzip object's second part is refused.
    const ended = refuseUploadParts(client, (part) => part.Key === 'g.csv.gz' && part.PartNumber === 2)
    const sink = (Key: string): FileSink => readableSink((Body) => new Upload({ client, params: { Bucket: s3.bucket, Key, Body }, partSize: 5 * 2 ** 20, queueSize: 2 }).done())
    // Random digits: gzip makes several parts of them, as of a national file.
    function* digits(): FileText {
      let seed = 7
      for (let i = 0; i < 4200; i++) {
        let line = ''
        for (let j = 0; j < 8192; j++) line += String.fromCharCode(48 + ((seed = (seed * 16807) % 2147483647) % 10))
        yield `${line}\n`
      }
      return 4200
    }
    const written = writeEncodedFile(digits(), { body: sink('g.csv'), gzip: sink('g.csv.gz'), brotli: sink('g.csv.br') })
    await expect(written).rejects.toThrow('SlowDown: injected on part 2')
    // Every multipart upload begun was aborted before the write failed (none left for the bucket's rule).
    const begun = ended.filter((e) => e.startsWith('CreateMultipartUploadCommand')).map((e) => e.split(' ')[1])
    expect(begun).toContain('g.csv.gz')
    for (const key of begun) expect(ended, key).toContain(`AbortMultipartUploadCommand ${key}`)
  }, 60_000)

  it('writes a file of several parts and its encodings, read back the same', async () => {
    const client = s3.client()
    const sink = (Key: string): FileSink => readableSink((Body) => new Upload({ client, params: { Bucket: s3.bucket, Key, Body }, partSize: 5 * 2 ** 20, queueSize: 2 }).done())
    const written = await writeEncodedFile(text(40, { parts: 0 }), { body: sink('f.csv'), gzip: sink('f.csv.gz'), brotli: sink('f.csv.br') })
    const read = async (Key: string) => Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key }))).Body!.transformToByteArray())
    const expected = expectedBody(40)
    const body = await read('f.csv')
    expect(body.equals(expected)).toBe(true)
    expect(written.bytes).toBe(expected.length)
    expect(gunzipSync(await read('f.csv.gz')).equals(expected)).toBe(true)
    expect(brotliDecompressSync(await read('f.csv.br')).equals(expected)).toBe(true)
  }, 60_000)
})
