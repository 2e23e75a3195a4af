/**
 * Many strings stored as UTF-8 back to back in one byte array: string i spans bytes
 * `offsets[i]` … `offsets[i + 1]`. A million short strings as JS strings cost ~100 MiB of heap
 * and seconds to create on load; as a column they are two typed arrays that a snapshot file can
 * hold as they are, and a string is decoded only when someone asks for it.
 */
export class Utf8Column {
  readonly bytes: Uint8Array
  readonly offsets: Uint32Array

  constructor(bytes: Uint8Array, offsets: Uint32Array) {
    if (offsets.length === 0) throw new RangeError('offsets: needs at least one entry (the end of the last string)')
    if (offsets[offsets.length - 1]! > bytes.byteLength) {
      throw new RangeError(`offsets: the last string ends at byte ${offsets[offsets.length - 1]}, past the ${bytes.byteLength} bytes`)
    }
    this.bytes = bytes
    this.offsets = offsets
  }

  get size(): number {
    return this.offsets.length - 1
  }

  get(index: number): string {
    if (!(index >= 0 && index < this.size)) throw new RangeError(`index: ${index} is outside 0…${this.size - 1}`)
    return decoder.decode(this.bytes.subarray(this.offsets[index], this.offsets[index + 1]))
  }

  /**
   * The column of `strings`, sized exactly. ASCII text (ids, codes) is encoded in one call over the
   * joined strings, where byte offsets are character offsets; anything else one string at a time.
   */
  static of(strings: readonly string[]): Utf8Column {
    const offsets = new Uint32Array(strings.length + 1)
    const joined = strings.join('')
    // One UTF-16 unit per byte only if every character is ASCII (others take 2–4 bytes for 1–2 units).
    if (utf8Length(joined) === joined.length) {
      for (let i = 0; i < strings.length; i++) offsets[i + 1] = offsets[i]! + strings[i]!.length
      return new Utf8Column(encoder.encode(joined), offsets)
    }
    for (let i = 0; i < strings.length; i++) offsets[i + 1] = offsets[i]! + utf8Length(strings[i]!)
    const bytes = new Uint8Array(offsets[strings.length]!)
    for (let i = 0; i < strings.length; i++) encoder.encodeInto(strings[i]!, bytes.subarray(offsets[i], offsets[i + 1]))
    return new Utf8Column(bytes, offsets)
  }

  /** The same strings, string i of the result being string `order[i]` of this column. */
  reordered(order: Uint32Array): Utf8Column {
    const reordered = new ReorderedColumn(this, order)
    const bytes = new Uint8Array(reordered.byteLength)
    reordered.writeInto(bytes)
    return new Utf8Column(bytes, reordered.offsets)
  }

  /** Whether strings a and b have the same bytes. */
  equal(a: number, b: number): boolean {
    const { bytes, offsets } = this
    const length = offsets[a + 1]! - offsets[a]!
    if (offsets[b + 1]! - offsets[b]! !== length) return false
    for (let i = 0; i < length; i++) if (bytes[offsets[a]! + i] !== bytes[offsets[b]! + i]) return false
    return true
  }

  /** Whether every string is ASCII (then byte order is JS string order). */
  isAscii(): boolean {
    const { bytes, offsets } = this
    for (let b = offsets[0]!, end = offsets[this.size]!; b < end; b++) if (bytes[b]! >= 0x80) return false
    return true
  }

  /** Every string, in order. */
  all(): string[] {
    const out = new Array<string>(this.size)
    for (let i = 0; i < out.length; i++) out[i] = this.get(i)
    return out
  }
}

/**
 * Written strings' bytes kept outside memory until they are copied into place: a file the
 * indexer's build spills its records' JSON to (functions/snapshot/spilled-column.ts).
 */
export interface SpilledBytes {
  /** Copies bytes `start` to before `end` into `target` from index `at`. */
  copyInto(start: number, end: number, target: Uint8Array, at: number): void
}

/** A column's offsets are u32: its bytes stop at 4 GiB. */
const MAX_COLUMN_BYTES = 0xffffffff
const TOO_LARGE = 'bytes: a column cannot exceed 4 GiB (u32 offsets)'

/**
 * `offsets` with string `count` ending at byte `end`: the same array, or one of twice its length
 * when it is full (a column of unknown size grows as it is written). For every column writer.
 */
export function withEndOfString(offsets: Uint32Array, count: number, end: number): Uint32Array {
  if (end > MAX_COLUMN_BYTES) throw new RangeError(TOO_LARGE)
  let room = offsets
  if (count === offsets.length) {
    room = new Uint32Array(2 * offsets.length)
    room.set(offsets)
  }
  room[count] = end
  return room
}

/** Strings as written, in the order written: string i spans `offsets[i]` … `offsets[i + 1]` of `bytes`. */
export interface WrittenStrings {
  readonly offsets: Uint32Array
  readonly bytes: Uint8Array | SpilledBytes
}

/**
 * A column's strings in another order (string i is string `order[i]` of the column), with its
 * offsets made and its bytes not yet copied: `writeInto` writes them where they are to end up (a
 * snapshot file), so a national registry's ~800 MB of records is not copied twice.
 */
export class ReorderedColumn {
  readonly offsets: Uint32Array
  readonly byteLength: number

  constructor(
    private readonly written: WrittenStrings,
    private readonly order: Uint32Array,
  ) {
    const { offsets } = written
    if (order.length !== offsets.length - 1) throw new RangeError(`order: ${order.length} entries for ${offsets.length - 1} strings`)
    this.offsets = new Uint32Array(order.length + 1)
    for (let i = 0; i < order.length; i++) this.offsets[i + 1] = this.offsets[i]! + offsets[order[i]! + 1]! - offsets[order[i]!]!
    this.byteLength = this.offsets[order.length]!
  }

  /** Writes the bytes at the start of `target` (at least `byteLength` long). */
  writeInto(target: Uint8Array): void {
    const { bytes, offsets } = this.written
    const order = this.order
    if (!(bytes instanceof Uint8Array)) {
      // One read per run of strings that were written one after the other.
      let at = 0
      for (let i = 0; i < order.length; ) {
        const start = offsets[order[i]!]!
        let last = order[i]!
        while (++i < order.length && order[i] === last + 1) last++
        const end = offsets[last + 1]!
        bytes.copyInto(start, end, target, at)
        at += end - start
      }
      return
    }
    let at = 0
    for (let i = 0; i < order.length; i++) {
      const start = offsets[order[i]!]!
      const end = offsets[order[i]! + 1]!
      // Byte by byte below a few dozen bytes (ids): shorter than the cost of a view per `set`.
      if (end - start > 48) {
        target.set(bytes.subarray(start, end), at)
        at += end - start
      } else for (let b = start; b < end; b++) target[at++] = bytes[b]!
    }
  }
}

/** Where a streamed build writes a column's strings as they come, to have them in another order at its end. */
export interface ColumnWriter {
  /** Appends to the current string; `next` closes it. */
  write(text: string): void
  /** Closes the current string. */
  next(): void
  /** The strings in `order` (string i is string `order[i]` as written), to be copied once, where they go. */
  finishInOrder(order: Uint32Array): ReorderedColumn
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** Bytes of `text` in UTF-8, as `TextEncoder` writes it (a lone surrogate becomes U+FFFD, 3 bytes). */
function utf8Length(text: string): number {
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) continue
    if (unit < 0x800) bytes += 1
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2 // a pair: 2 units, 4 bytes
      i++
    } else bytes += 2
  }
  return bytes
}

/** Appends strings to a growing column; `finish` trims it to size. */
export class Utf8ColumnBuilder implements ColumnWriter {
  private bytes: Uint8Array
  private offsets: Uint32Array
  private used = 0
  private count = 0

  /**
   * A column of exactly `size` strings; `expectedBytesEach` only sizes the first allocation, the
   * bytes grow as needed.
   */
  constructor(size: number, expectedBytesEach: number, private readonly sizeKnown = true) {
    this.offsets = new Uint32Array(size + 1)
    this.bytes = new Uint8Array(Math.max(64, size * expectedBytesEach))
  }

  /** A column of as many strings as are written (a stream whose length is known at its end); `expected` sizes the first allocations. */
  static growing(expected: number, expectedBytesEach: number): Utf8ColumnBuilder {
    return new Utf8ColumnBuilder(Math.max(16, expected), expectedBytesEach, false)
  }

  /** Appends to the current string; `next` closes it. Several parts avoid concatenating them first. */
  write(text: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.bytes.byteLength - this.used < text.length * 3) this.grow(text.length * 3)
    this.used += encoder.encodeInto(text, this.bytes.subarray(this.used)).written
  }

  /** Appends one byte (an ASCII character) to the current string. */
  writeByte(byte: number): void {
    if (this.used === this.bytes.byteLength) this.grow(1)
    this.bytes[this.used++] = byte
  }

  /** Closes the current string. */
  next(): void {
    if (this.sizeKnown && this.count === this.offsets.length - 1) throw new RangeError(`size: more than the ${this.count} strings announced`)
    this.offsets = withEndOfString(this.offsets, this.count + 1, this.used)
    this.count++
  }

  /** The column, trimmed to size. */
  finish(): Utf8Column {
    if (this.sizeKnown && this.count !== this.offsets.length - 1) {
      throw new RangeError(`size: ${this.count} strings written, ${this.offsets.length - 1} announced`)
    }
    const offsets = this.count === this.offsets.length - 1 ? this.offsets : this.offsets.slice(0, this.count + 1)
    // Give back a large slack (after a growth, up to a third) with one copy; a small one is not worth it.
    const fitted = this.bytes.byteLength - this.used > this.used / 8 ? this.bytes.slice(0, this.used) : this.bytes.subarray(0, this.used)
    return new Utf8Column(fitted, offsets)
  }

  /**
   * The strings in `order` (string i is string `order[i]` as written), to be copied once, where
   * they go (`ReorderedColumn`); the builder lets go of them (a streamed snapshot's records are
   * most of its memory, and the builder would otherwise keep them to its end).
   */
  finishInOrder(order: Uint32Array): ReorderedColumn {
    const written = new Utf8Column(this.bytes.subarray(0, this.used), this.offsets.subarray(0, this.count + 1))
    this.bytes = new Uint8Array(0)
    this.offsets = new Uint32Array(1)
    this.used = this.count = 0
    return new ReorderedColumn(written, order)
  }

  private grow(atLeast: number): void {
    if (this.used + atLeast > MAX_COLUMN_BYTES) throw new RangeError(TOO_LARGE)
    // By half, not double: a national registry's records are ~800 MB, and the slack is memory held
    // until `finish` (the streamed snapshot build's peak, docs/PERFORMANCE.md).
    const grown = new Uint8Array(Math.min(MAX_COLUMN_BYTES, Math.max(Math.ceil(this.bytes.byteLength * 1.5), this.used + atLeast)))
    grown.set(this.bytes.subarray(0, this.used))
    this.bytes = grown
  }
}
