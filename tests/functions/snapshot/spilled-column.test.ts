import fc from 'fast-check'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SpilledColumnWriter } from '../../../functions/snapshot/spilled-column.ts'
import { streamedSnapshotFile } from '../../../functions/snapshot/streamed-snapshot-file.ts'
import { Utf8ColumnBuilder, type ColumnWriter } from '../../../shared/geo/utf8-column.ts'
import type { RegistryPage } from '../../../shared/registry-port.ts'
import { generateRegistry } from '../../shared/geo/fixtures.ts'

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

const permutationOf = (n: number, seed: number) => {
  const order = Uint32Array.from({ length: n }, (_, i) => i)
  for (let i = n - 1, s = seed; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0
    const j = s % (i + 1)
    ;[order[i], order[j]] = [order[j]!, order[i]!]
  }
  return order
}

describe('SpilledColumnWriter', () => {
  it('gives, in any order, the bytes and offsets the in-memory column gives', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 3 }), { maxLength: 60 }), fc.nat(), (strings, seed) => {
        const order = permutationOf(strings.length, seed)
        const held = Utf8ColumnBuilder.growing(4, 8)
        writeAll(held, strings)
        const spilled = new SpilledColumnWriter(dir)
        try {
          writeAll(spilled, strings)
          const [a, b] = [inOrder(held, order), inOrder(spilled, order)]
          expect(b.offsets).toEqual(a.offsets)
          expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true)
        } finally {
          spilled.close()
        }
      }),
      { numRuns: 60 },
    )
  })

  it('keeps strings across its 4-MiB buffer and longer than it, and reads runs written one after the other at once', () => {
    const strings = [['é'.repeat(1_500_000)], ['x'.repeat(3 * 1024 * 1024)], ['€'.repeat(2_000_000)], ['short'], ['🙂'.repeat(10)]]
    const order = Uint32Array.of(3, 4, 0, 1, 2)
    const held = Utf8ColumnBuilder.growing(4, 8)
    writeAll(held, strings)
    const spilled = new SpilledColumnWriter(dir)
    writeAll(spilled, strings)
    expect(spilled.byteLength).toBe(3_000_000 + 3 * 1024 * 1024 + 6_000_000 + 5 + 40)
    const [a, b] = [inOrder(held, order), inOrder(spilled, order)]
    spilled.close()
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true)
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
