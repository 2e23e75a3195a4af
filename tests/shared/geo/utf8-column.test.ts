import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Utf8Column, Utf8ColumnBuilder, withEndOfString } from '../../../shared/geo/utf8-column.ts'

describe('Utf8ColumnBuilder and Utf8Column', () => {
  it('give back every string written, in order, whatever its characters and however far the column grew', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 60 }), (strings) => {
        const builder = new Utf8ColumnBuilder(strings.length, 1)
        for (const text of strings) {
          builder.write(text)
          builder.next()
        }
        const column = builder.finish()
        expect(column.size).toBe(strings.length)
        expect(column.all()).toEqual(strings)
      }),
    )
  })

  it('joins several writes and single bytes into one string until next', () => {
    const builder = new Utf8ColumnBuilder(1, 4)
    builder.write('Forlì')
    builder.writeByte(0x20)
    builder.write('Cesena')
    builder.next()
    expect(builder.finish().get(0)).toBe('Forlì Cesena')
  })

  it('names what is wrong: an index outside the column, offsets past the bytes, a count that differs from the one announced', () => {
    const column = new Utf8Column(new TextEncoder().encode('ab'), Uint32Array.of(0, 1, 2))
    expect(() => column.get(2)).toThrow('index: 2 is outside 0…1')
    expect(() => new Utf8Column(new Uint8Array(1), Uint32Array.of(0, 5))).toThrow(/^offsets: /)
    expect(() => new Utf8ColumnBuilder(2, 4).finish()).toThrow('size: 0 strings written, 2 announced')
    const full = new Utf8ColumnBuilder(0, 4)
    expect(() => full.next()).toThrow(/^size: more than the 0 strings announced/)
  })
})

describe('Utf8Column.of, reordered, equal and isAscii', () => {
  it('give back every string, ASCII or not (astral characters and lone surrogates included), in the order asked', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.stringMatching(/^[a-z0-9-]{0,8}$/)), { maxLength: 60 }), (strings) => {
        const column = Utf8Column.of(strings)
        const encoded = strings.map((text) => new TextDecoder().decode(new TextEncoder().encode(text)))
        expect(column.all()).toEqual(encoded)
        expect(column.bytes.byteLength).toBe(encoded.reduce((n, text) => n + new TextEncoder().encode(text).byteLength, 0))
        expect(column.isAscii()).toBe(strings.every((text) => /^[\x00-\x7f]*$/.test(text)))
        const reversed = Uint32Array.from(strings.map((_, i) => strings.length - 1 - i))
        expect(column.reordered(reversed).all()).toEqual([...encoded].reverse())
      }),
    )
  })

  it('tells equal strings by their bytes', () => {
    const column = Utf8Column.of(['pv-ab', 'pv-ab', 'pv-a', 'pv-ac'])
    expect([column.equal(0, 1), column.equal(1, 2), column.equal(0, 3)]).toEqual([true, false, false])
  })

  it('names what is wrong with an order that does not fit the column', () => {
    expect(() => Utf8Column.of(['a', 'b']).reordered(new Uint32Array(3))).toThrow('order: 3 entries for 2 strings')
  })
})

describe('withEndOfString, the offsets of every column writer', () => {
  it('stores the end in place while there is room, in an array twice as long when full, and refuses a column past 4 GiB', () => {
    const offsets = new Uint32Array(2)
    expect(withEndOfString(offsets, 1, 7)).toBe(offsets)
    const grown = withEndOfString(offsets, 2, 9)
    expect([...grown]).toEqual([0, 7, 9, 0])
    // Refused before anything is written, so a writer that counts only after it stays as it was.
    expect(() => withEndOfString(grown, 3, 2 ** 32)).toThrow(/4 GiB/)
    expect([...grown]).toEqual([0, 7, 9, 0])
  })
})
