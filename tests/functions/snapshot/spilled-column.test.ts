import fc from 'fast-check'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SpilledColumnWriter } from '../../../functions/snapshot/spilled-column.ts'
import { streamedSnapshotFile } from '../../../functions/snapshot/streamed-snapshot-file.ts'
import { ReorderedColumn, Utf8Column, Utf8ColumnBuilder, type ColumnWriter } from '../../../shared/geo/utf8-column.ts'
import type { RegistryPage } from '../../../shared/registry-port.ts'
import { generateRegistry, shuffled } from '../../shared/geo/fixtures.ts'

const dir = mkdtempSync(join(tmpdir(), 'pv-spill-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Each string in parts, as the snapshot builder writes a record (and a haystack in pieces). */
function writeAll(writer: ColumnWriter, strings: readonly string[][]): void {
  for (const parts of strings) {
    for (const part of parts) writer.write(part)
    writer.next()
  }
}

/** The column's bytes in `order`, as the snapshot file gets them. */
function inOrder(writer: ColumnWriter, order: Uint32Array): { offsets: Uint32Array; bytes: Uint8Array } {
  const column = writer.finishInOrder(order)
  const bytes = new Uint8Array(column.byteLength)
  column.writeInto(bytes)
  return { offsets: column.offsets, bytes }
}

const permutationOf = (n: number, seed: number) => Uint32Array.from(shuffled(Array.from({ length: n }, (_, i) => i), seed))

/** The in-memory column's bytes in `order` and the spilled one's, for the same strings. */
function bothInOrder(strings: readonly string[][], order: Uint32Array) {
  const held = Utf8ColumnBuilder.growing(4, 8)
  writeAll(held, strings)
  const spilled = new SpilledColumnWriter(dir)
  try {
    writeAll(spilled, strings)
    return { held: inOrder(held, order), spilled: inOrder(spilled, order), spilledBytes: spilled.byteLength }
  } finally {
    spilled.close()
  }
}

describe('SpilledColumnWriter', () => {
  it('gives, in any order, the bytes and offsets the in-memory column gives', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 3 }), { maxLength: 60 }), fc.nat(), (strings, seed) => {
        const { held, spilled } = bothInOrder(strings, permutationOf(strings.length, seed))
        expect(spilled.offsets).toEqual(held.offsets)
        expect(Buffer.from(spilled.bytes).equals(Buffer.from(held.bytes))).toBe(true)
      }),
      { numRuns: 60 },
    )
  })

  it('keeps strings across many fills of its 4-MiB buffer, as a national build does, and strings longer than the buffer', () => {
    // ~12 MiB of records of ~1.2 KB, in parts, with a few longer than the buffer among them.
    const strings = Array.from({ length: 10_000 }, (_, i) => [`{"id":"pv-${i}","name":"Punto ${'à'.repeat(i % 7)}`, '"x":"' + 'y'.repeat(1100 + (i % 300)) + '"}'])
    strings.splice(4321, 0, ['é'.repeat(2_500_000)], ['x'.repeat(5 * 1024 * 1024)])
    const { held, spilled, spilledBytes } = bothInOrder(strings, permutationOf(strings.length, 7))
    expect(spilledBytes).toBe(held.bytes.byteLength)
    expect(spilledBytes).toBeGreaterThan(3 * 4 * 1024 * 1024)
    expect(Buffer.from(spilled.bytes).equals(Buffer.from(held.bytes))).toBe(true)
  })

  it('reads a run of strings written one after the other with one read', () => {
    const written = Utf8Column.of(['a', 'bb', 'ccc', 'dddd', 'eeeee'])
    const reads: Array<[number, number]> = []
    const counted = { offsets: written.offsets, bytes: { copyInto: (start: number, end: number, target: Uint8Array, at: number) => (reads.push([start, end]), target.set(written.bytes.subarray(start, end), at)) } }
    const column = new ReorderedColumn(counted, Uint32Array.of(3, 4, 0, 1, 2))
    const bytes = new Uint8Array(column.byteLength)
    column.writeInto(bytes)
    expect(new TextDecoder().decode(bytes)).toBe('ddddeeeeeabbccc')
    expect(reads).toEqual([[6, 15], [0, 6]])
  })

  it('refuses to be written after its column was taken, and that column to be read once it is closed', () => {
    const spilled = new SpilledColumnWriter(dir)
    writeAll(spilled, [['one'], ['two']])
    const column = spilled.finishInOrder(Uint32Array.of(1, 0))
    expect(() => spilled.write('three')).toThrow(/written after finishInOrder/)
    const bytes = new Uint8Array(column.byteLength)
    column.writeInto(bytes)
    expect(new TextDecoder().decode(bytes)).toBe('twoone')
    spilled.close()
    expect(() => column.writeInto(bytes)).toThrow(/read after close/)
  })

  it('leaves no file behind, from the moment it is open', () => {
    const spilled = new SpilledColumnWriter(dir)
    writeAll(spilled, [['a record']])
    expect(readdirSync(dir)).toEqual([])
    spilled.close()
    spilled.close() // twice is harmless (a failed build closes it in its finally)
    expect(readdirSync(dir)).toEqual([])
  })
})

describe('streamedSnapshotFile with spillDir', () => {
  it('writes the same file, byte for byte, as the build holding the records in memory', async () => {
    const records = generateRegistry({ points: 400, seed: 8, today: '2026-12-06' })
    // Pages as the table scan gives them: in no particular order.
    const shuffled = Array.from(permutationOf(records.length, 42), (i) => records[i]!)
    const registry = {
      async *scanPoints(): AsyncIterable<RegistryPage> {
        for (let i = 0; i < shuffled.length; i += 70) {
          const page = shuffled.slice(i, i + 70)
          yield { records: page, invalid: [], changeSeq: page.map((_, j) => i + j) }
        }
      },
    }
    const options = { builtAt: new Date('2026-12-06T09:00:00Z'), expectedPoints: 16, meta: { registryVersion: 4, changesHorizon: 0 } }
    const held = await streamedSnapshotFile(registry, options)
    const spilled = await streamedSnapshotFile(registry, { ...options, spillDir: dir })
    expect(spilled.points).toBe(400)
    expect(Buffer.from(spilled.file).equals(Buffer.from(held.file))).toBe(true)
    expect(readdirSync(dir)).toEqual([])
  })
})
