import { randomUUID } from 'node:crypto'
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { ReorderedColumn, withEndOfString, type ColumnWriter } from '../../shared/geo/utf8-column.ts'

/** Bytes encoded in memory before they go to the file in one write. */
const BUFFER_BYTES = 4 * 1024 * 1024

const encoder = new TextEncoder()

/**
 * A column's strings written to a file as they come instead of held: the indexer's records' JSON
 * (~800 MB for a national registry, the largest part of a build's memory) waits on the function's
 * ephemeral storage for the end of the scan, then is read once, in id order, straight into the
 * snapshot file (`ReorderedColumn.writeInto`).
 *
 * The file is unlinked as soon as it is open: nothing is left on /tmp, which a warm Lambda
 * instance keeps between invocations, even when a build fails half-way; `close` (or the end of
 * the process) gives its space back.
 */
export class SpilledColumnWriter implements ColumnWriter {
  private readonly fd: number
  private buffer = new Uint8Array(BUFFER_BYTES)
  private buffered = 0
  private flushed = 0
  private offsets: Uint32Array = new Uint32Array(1024)
  private count = 0
  private finished = false
  private closed = false

  /** A writer whose file lives, unnamed, in `dir` (the function's /tmp). */
  constructor(dir: string) {
    const path = join(dir, `puntovicino-column-${randomUUID()}.spill`)
    this.fd = openSync(path, 'wx+', 0o600)
    try {
      unlinkSync(path)
    } catch (error) {
      closeSync(this.fd)
      throw error
    }
  }

  /** Bytes written so far (what the file will hold once the last ones are flushed). */
  get byteLength(): number {
    return this.flushed + this.buffered
  }

  write(text: string): void {
    this.checkWriting()
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const most = text.length * 3
    if (BUFFER_BYTES - this.buffered < most) this.flush()
    if (most > BUFFER_BYTES) this.append(encoder.encode(text))
    else this.buffered += encoder.encodeInto(text, this.buffer.subarray(this.buffered)).written
  }

  next(): void {
    this.checkWriting()
    this.offsets = withEndOfString(this.offsets, this.count + 1, this.byteLength)
    this.count++
  }

  /** The strings in `order`, read from the file when the column is written into place; `close` after that. */
  finishInOrder(order: Uint32Array): ReorderedColumn {
    this.checkWriting()
    this.flush()
    this.finished = true
    this.buffer = new Uint8Array(0)
    const offsets = this.offsets.subarray(0, this.count + 1)
    const copyInto = (start: number, end: number, target: Uint8Array, at: number): void => {
      // A closed descriptor's number may already name another file.
      if (this.closed) throw new Error('spilled column: read after close')
      readFully(this.fd, target, at, end - start, start)
    }
    return new ReorderedColumn({ offsets, bytes: { copyInto } }, order)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    closeSync(this.fd)
  }

  private checkWriting(): void {
    if (this.finished || this.closed) throw new Error('spilled column: written after finishInOrder or close')
  }

  private flush(): void {
    this.append(this.buffer.subarray(0, this.buffered))
    this.buffered = 0
  }

  /** Writes `bytes` at the end of the file (after whatever is buffered has been flushed). */
  private append(bytes: Uint8Array): void {
    for (let done = 0; done < bytes.byteLength; ) done += writeSync(this.fd, bytes, done, bytes.byteLength - done, this.flushed + done)
    this.flushed += bytes.byteLength
  }
}

/** `length` bytes from file position `position` into `target` at `at`: a read may return fewer than asked. */
function readFully(fd: number, target: Uint8Array, at: number, length: number, position: number): void {
  for (let done = 0; done < length; ) {
    const read = readSync(fd, target, at + done, length - done, position + done)
    if (read === 0) throw new Error(`spilled column: the file ended at byte ${position + done}, ${length - done} bytes before what was written`)
    done += read
  }
}
