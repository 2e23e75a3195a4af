import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { PassThrough, Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { constants, createBrotliCompress, createGzip } from 'node:zlib'

/**
 * A file's text as parts (strings, or UTF-8 bytes made already), returning how many rows it holds:
 * a national registry's files are hundreds of megabytes, longer than V8's longest string
 * (~512 MiB), so none is one string.
 */
export type FileText = Generator<string | Uint8Array, number>

/** Where one encoding of a file goes: a stream to write it to, and when it has all arrived there. */
export interface FileSink {
  readonly stream: Writable
  readonly done: Promise<unknown>
}

/** The three representations of a file: as is, gzip and brotli. */
export interface FileSinks {
  readonly body: FileSink
  readonly gzip: FileSink
  readonly brotli: FileSink
}

/** What was written: sizes, a strong ETag of the body, and the rows the text said it held. */
export interface EncodedFile {
  readonly bytes: number
  readonly gzipBytes: number
  readonly brotliBytes: number
  readonly etag: string
  readonly rows: number
}

/** Parts are joined and encoded to UTF-8 this many characters at a time. */
const CHUNK_CHARACTERS = 4 * 2 ** 20

/**
 * Above this size a file is compressed at lower levels (gzip 6, brotli 5 instead of 9 and 9): in a
 * probe, brotli 9 ran at 19–27 MB/s, ~1.5 minutes for a national registry's ~2.4 GB of files, of
 * the indexer's 5; brotli 5 at 64–122 MB/s for files 11–18 % larger, gzip 6 2–7 % larger than 9
 * (docs/PERFORMANCE.md, "Building at national scale"). The first this many bytes are held until
 * the file is known to be larger or has ended, so the choice is made on the size itself.
 */
const LARGE_FILE_BYTES = 32 * 2 ** 20

/**
 * Writes `text` to its three sinks as it is made, never holding the file: its UTF-8 bytes a chunk
 * at a time to `body`, through gzip and brotli (each on a libuv thread) to the other two. A sink
 * that is slower holds the next chunk back (backpressure); one that fails fails the whole write.
 * On AWS the sinks are multipart uploads (s3-open-data-publisher.ts), so the indexer holds a few
 * chunks, not a national file and its two encodings; on a laptop they collect into buffers.
 */
export async function writeEncodedFile(text: FileText, sinks: FileSinks): Promise<EncodedFile> {
  const hash = createHash('sha256')
  let bytes = 0
  const held: Buffer[] = []
  let encoders: { gzip: Transform; brotli: Transform; finished: Promise<unknown>; sizes: { gzip: number; brotli: number } } | undefined
  // Rejects as soon as any sink or encoder fails, so a write waiting for room gives up.
  let rejectFailure: (error: unknown) => void = () => {}
  const failure = new Promise<never>((_, reject) => (rejectFailure = reject))
  failure.catch(() => {})
  let aSinkFailed = false
  const watch = (done: Promise<unknown>): Promise<unknown> => {
    done.catch((error) => {
      aSinkFailed = true
      rejectFailure(error)
    })
    return done
  }
  const sinksDone = [sinks.body.done, sinks.gzip.done, sinks.brotli.done].map(watch)

  const startEncoders = (large: boolean, sizeHint: number) => {
    const sizes = { gzip: 0, brotli: 0 }
    const gzip = createGzip({ level: large ? 6 : 9 })
    // Quality 9: within a few percent of 11 on this text, at a fraction of the time.
    const brotli = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: large ? 5 : 9, ...(large ? {} : { [constants.BROTLI_PARAM_SIZE_HINT]: sizeHint }) } })
    const counted = (name: 'gzip' | 'brotli') => new Transform({ transform: (chunk: Buffer, _encoding, done) => ((sizes[name] += chunk.length), done(null, chunk)) })
    const finished = watch(Promise.all([pipeline(gzip, counted('gzip'), sinks.gzip.stream), pipeline(brotli, counted('brotli'), sinks.brotli.stream)]))
    return { gzip, brotli, finished, sizes }
  }
  const write = async (stream: Writable, chunk: Buffer): Promise<void> => {
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), failure])
  }
  type Encoders = NonNullable<typeof encoders>
  const toAll = (to: Encoders, chunk: Buffer) => Promise.all([write(sinks.body.stream, chunk), write(to.gzip, chunk), write(to.brotli, chunk)])
  /** Chooses the levels on what is known of the size (more than LARGE_FILE_BYTES, or all of it), then sends what was held. */
  const release = async (large: boolean): Promise<Encoders> => {
    const started = (encoders = startEncoders(large, bytes))
    for (const part of held.splice(0)) await toAll(started, part)
    return started
  }
  const send = async (chunk: Buffer): Promise<void> => {
    hash.update(chunk)
    bytes += chunk.length
    if (encoders) return void (await toAll(encoders, chunk))
    held.push(chunk)
    if (bytes > LARGE_FILE_BYTES) await release(true)
  }

  try {
    let pending: string[] = []
    let pendingCharacters = 0
    const flush = async (): Promise<void> => {
      const chunk = Buffer.from(pending.join(''))
      pending = []
      pendingCharacters = 0
      await send(chunk)
    }
    let step = text.next()
    for (; !step.done; step = text.next()) {
      const part = step.value
      if (typeof part !== 'string') {
        if (pendingCharacters > 0) await flush()
        await send(Buffer.from(part.buffer, part.byteOffset, part.byteLength))
        continue
      }
      pending.push(part)
      pendingCharacters += part.length
      if (pendingCharacters >= CHUNK_CHARACTERS) await flush()
    }
    if (pendingCharacters > 0) await flush()
    // A small file is whole by now: the higher levels, with its size as brotli's hint.
    const used = encoders ?? (await release(false))
    sinks.body.stream.end()
    used.gzip.end()
    used.brotli.end()
    await Promise.race([Promise.all([used.finished, ...sinksDone]), failure])
    return { bytes, gzipBytes: used.sizes.gzip, brotliBytes: used.sizes.brotli, etag: `"${hash.digest('base64url').slice(0, 27)}"`, rows: step.value }
  } catch (error) {
    // Nothing half-written stays open: the sinks see the failure, and an upload aborts what it
    // began. Their ends are awaited before this fails (Lambda may freeze the instance as soon as
    // the handler has failed, and an abort not sent would leave parts for the bucket's one-day
    // rule), and a sink that failed first says why in its own words: a stream torn down under an
    // upload that failed reports only "aborted" or "premature close", the upload S3's error.
    for (const stream of [sinks.body.stream, sinks.gzip.stream, sinks.brotli.stream, encoders?.gzip, encoders?.brotli]) stream?.destroy(error as Error)
    const ends = await Promise.allSettled([...sinksDone, ...(encoders ? [encoders.finished] : [])])
    const told = aSinkFailed ? ends.find((end): end is PromiseRejectedResult => end.status === 'rejected' && !isTeardown(end.reason)) : undefined
    throw told?.reason ?? error
  }
}

/** An error that says only that a stream was stopped, not why. */
function isTeardown(error: unknown): boolean {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown }
  return name === 'AbortError' || code === 'ABORT_ERR' || code === 'ERR_STREAM_PREMATURE_CLOSE'
}

/** A sink that keeps what it is given: `done` gives it whole, for a file served from memory. */
export function collectingSink(): FileSink & { readonly done: Promise<Buffer> } {
  const chunks: Buffer[] = []
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      chunks.push(chunk)
      done()
    },
  })
  const done = once(stream, 'finish').then(() => (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
  return { stream, done }
}

/** A pass-through sink for a consumer that reads a stream (an upload); `done` is the consumer's. */
export function readableSink(consume: (readable: PassThrough) => Promise<unknown>): FileSink {
  const stream = new PassThrough()
  return { stream, done: consume(stream) }
}
