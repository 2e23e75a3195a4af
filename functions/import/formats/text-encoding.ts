import { bilingual } from './bilingual.ts'

/**
 * Bytes of an import file → text, strictly. A file in another encoding read as UTF-8 does not
 * fail by itself: every byte it cannot read becomes U+FFFD, and "Città" is stored as "Citt�" for
 * every citizen to see. So UTF-8 is checked byte by byte and a file that is not UTF-8 is refused
 * whole, with the line and the byte where it stops being UTF-8; the operator then re-saves it or
 * names its encoding. A byte-order mark says the encoding outright and wins over the option.
 */
export const SOURCE_ENCODINGS = ['utf-8', 'latin1', 'windows-1252'] as const
export type SourceEncoding = (typeof SOURCE_ENCODINGS)[number]

export class InvalidEncodingError extends Error {
  override name = 'InvalidEncodingError'
}

const BOMS: ReadonlyArray<{ bytes: readonly number[]; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
]

/** The text of `stream`, chunk by chunk, decoded as `encoding` (or as its byte-order mark says), without the mark. */
export async function* decodeText(stream: NodeJS.ReadableStream, encoding: SourceEncoding = 'utf-8'): AsyncGenerator<string> {
  const chunks = (stream as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]()
  // Enough of the start to see a byte-order mark, even if the stream hands out single bytes.
  let head = Buffer.alloc(0)
  while (head.length < 3) {
    const next = await chunks.next()
    if (next.done) break
    head = Buffer.concat([head, toBuffer(next.value)])
  }
  const bom = BOMS.find(({ bytes }) => bytes.every((b, i) => head[i] === b))
  const rest = async function* (): AsyncGenerator<Buffer> {
    const first = head.subarray(bom?.bytes.length ?? 0)
    if (first.length > 0) yield first
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield toBuffer(next.value)
  }
  const actual = bom?.encoding ?? encoding
  if (actual === 'utf-8') yield* strictUtf8(rest())
  // Latin-1 read as the Web reads it, as windows-1252: its bytes 0x80–0x9F are control characters
  // no text holds, and a file said to be Latin-1 with one (an Excel dash, 0x96) is windows-1252.
  else if (actual === 'latin1' || actual === 'windows-1252') yield* whatwgDecode(refusingUtf8(rest(), actual), 'windows-1252')
  else yield* whatwgDecode(rest(), actual)
}

/**
 * The chunks of a file said to be in a single-byte encoding, refused when it is UTF-8 after all:
 * every UTF-8 text decodes as windows-1252 without an error, "Città" as "CittÃ ", so a weekly
 * command kept with its `--encoding` after the office moved to a spreadsheet that saves UTF-8
 * stored every accented name garbled. The first non-ASCII character decides: in a Latin-1 or
 * windows-1252 text it is almost never followed by the bytes that would make it UTF-8.
 */
async function* refusingUtf8(chunks: AsyncIterable<Buffer>, said: 'latin1' | 'windows-1252'): AsyncGenerator<Buffer> {
  let decided = false
  let lines = 1
  let lineSoFar = ''
  let cut = Buffer.alloc(0) // a first non-ASCII character a chunk boundary cut, and what follows it
  for await (const chunk of chunks) {
    if (!decided) {
      const bytes = cut.length > 0 ? Buffer.concat([cut, chunk]) : chunk
      const first = bytes.findIndex((byte) => byte >= 0x80)
      const ascii = bytes.toString('latin1', 0, first < 0 ? bytes.length : first)
      lines += countNewlines(ascii)
      lineSoFar = (lineSoFar + ascii).slice(-60)
      if (first < 0) {
        cut = Buffer.alloc(0)
        yield bytes
        continue
      }
      const { complete, invalidAt } = scanUtf8(bytes.subarray(first, first + 4))
      if (complete > 0) {
        const lead = bytes[first]!
        const character = bytes.subarray(first, first + (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2))
        throw mislabelledUtf8(said, lines, lineSoFar.slice(lineSoFar.lastIndexOf('\n') + 1).slice(-30), character)
      }
      decided = invalidAt === 0
      if (decided) {
        cut = Buffer.alloc(0)
        yield bytes
      } else {
        // Cut by the chunk's end: the character is held until the next chunk makes it whole.
        if (first > 0) yield bytes.subarray(0, first)
        cut = Buffer.from(bytes.subarray(first))
      }
      continue
    }
    yield chunk
  }
  if (cut.length > 0) yield cut
}

function mislabelledUtf8(said: string, line: number, before: string, character: Uint8Array): InvalidEncodingError {
  const meant = `${before}${Buffer.from(character).toString('utf8')}`
  // (`stream: true`: node 20's one-shot decode of windows-1252 reads 0x80–0x9F as Latin-1's controls.)
  const garbled = `${before}${new TextDecoder('windows-1252').decode(character, { stream: true })}`
  return new InvalidEncodingError(
    bilingual(
      `il file è in UTF-8, non in ${said}: alla riga ${line} «${meant}» sarebbe letto «${garbled}». Per un file UTF-8 togliere --encoding (UTF-8 è la codifica predefinita)`,
      `the file is UTF-8, not ${said}: on line ${line} "${meant}" would be read as "${garbled}". For a UTF-8 file leave --encoding out (UTF-8 is the default)`,
    ),
  )
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
}

/** UTF-8 checked as it is decoded: the first byte that is not UTF-8 stops the file with where it is. */
async function* strictUtf8(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let carry = Buffer.alloc(0) // the start of a character cut by a chunk boundary
  let lines = 1
  let offset = 0
  let lineSoFar = ''
  for await (const chunk of chunks) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
    const { complete, invalidAt } = scanUtf8(bytes)
    const text = bytes.toString('utf8', 0, complete)
    if (invalidAt >= 0) throw notUtf8(bytes[invalidAt]!, lines + countNewlines(text), offset + invalidAt, lineSoFar + text)
    lines += countNewlines(text)
    lineSoFar = (lineSoFar + text).slice(-60)
    offset += complete
    carry = Buffer.from(bytes.subarray(complete))
    if (text) yield text
  }
  if (carry.length > 0) throw notUtf8(carry[0]!, lines, offset, lineSoFar, true)
}

function notUtf8(byte: number, line: number, offset: number, before: string, cut = false): InvalidEncodingError {
  const context = before.slice(before.lastIndexOf('\n') + 1).slice(-30)
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`
  const after = context ? ` dopo «${context}»` : ''
  const afterEn = context ? ` after "${context}"` : ''
  return new InvalidEncodingError(
    bilingual(
      `il file non è in UTF-8: ${cut ? 'finisce a metà di un carattere' : `byte ${hex} non valido`} alla riga ${line} (byte ${offset})${after}. ` +
        'Salvalo come "CSV UTF-8", oppure indica la sua codifica con --encoding latin1 o --encoding windows-1252',
      `the file is not valid UTF-8: ${cut ? 'it ends inside a character' : `invalid byte ${hex}`} on line ${line} (byte ${offset})${afterEn}. ` +
        'Save it as "CSV UTF-8", or give its encoding with --encoding latin1 or --encoding windows-1252',
    ),
  )
}

function countNewlines(text: string): number {
  let n = 0
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++
  return n
}

/**
 * How far `bytes` is well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, no surrogates,
 * nothing above U+10FFFF): `complete` is the length of the prefix made of whole characters,
 * `invalidAt` the offset of the first byte that cannot start or continue a character, or -1. A
 * character still incomplete at the end is neither: it waits for the next chunk.
 */
export function scanUtf8(bytes: Uint8Array): { complete: number; invalidAt: number } {
  const n = bytes.length
  let i = 0
  while (i < n) {
    const lead = bytes[i]!
    if (lead < 0x80) {
      i++
      continue
    }
    let need: number
    let low = 0x80
    let high = 0xbf
    if (lead >= 0xc2 && lead <= 0xdf) need = 1
    else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2
      if (lead === 0xe0) low = 0xa0
      if (lead === 0xed) high = 0x9f
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3
      if (lead === 0xf0) low = 0x90
      if (lead === 0xf4) high = 0x8f
    } else return { complete: i, invalidAt: i }
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { complete: i, invalidAt: -1 }
      const next = bytes[i + k]!
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf]
      if (next < min || next > max) return { complete: i, invalidAt: i }
    }
    i += need + 1
  }
  return { complete: n, invalidAt: -1 }
}

/** Encodings every byte sequence of which the platform decodes (UTF-16 fails on a lone surrogate half). */
async function* whatwgDecode(chunks: AsyncIterable<Buffer>, label: 'windows-1252' | 'utf-16le' | 'utf-16be'): AsyncGenerator<string> {
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true })
  try {
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk, { stream: true })
      if (text) yield text
    }
    const rest = decoder.decode()
    if (rest) yield rest
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    throw new InvalidEncodingError(bilingual(`il file non è leggibile come ${label}`, `the file cannot be read as ${label}`))
  }
}
