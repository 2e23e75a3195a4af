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

  /** Every string, in order. */
  all(): string[] {
    const out = new Array<string>(this.size)
    for (let i = 0; i < out.length; i++) out[i] = this.get(i)
    return out
  }
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** Appends strings to a growing column; `finish` trims it to size. */
export class Utf8ColumnBuilder {
  private bytes: Uint8Array
  private readonly offsets: Uint32Array
  private used = 0
  private count = 0

  /** `expectedBytesEach` only sizes the first allocation; the column grows as needed. */
  constructor(size: number, expectedBytesEach: number) {
    this.offsets = new Uint32Array(size + 1)
    this.bytes = new Uint8Array(Math.max(64, size * expectedBytesEach))
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
    if (this.count === this.offsets.length - 1) throw new RangeError(`size: more than the ${this.count} strings announced`)
    this.offsets[++this.count] = this.used
  }

  finish(): Utf8Column {
    if (this.count !== this.offsets.length - 1) {
      throw new RangeError(`size: ${this.count} strings written, ${this.offsets.length - 1} announced`)
    }
    // Give back a large slack (after a growth, up to half) with one copy; a small one is not worth it.
    const fitted = this.bytes.byteLength - this.used > this.used / 8 ? this.bytes.slice(0, this.used) : this.bytes.subarray(0, this.used)
    return new Utf8Column(fitted, this.offsets)
  }

  private grow(atLeast: number): void {
    if (this.used + atLeast > 0xffffffff) throw new RangeError('bytes: a column cannot exceed 4 GiB (u32 offsets)')
    const grown = new Uint8Array(Math.min(0xffffffff, Math.max(this.bytes.byteLength * 2, this.used + atLeast)))
    grown.set(this.bytes.subarray(0, this.used))
    this.bytes = grown
  }
}
