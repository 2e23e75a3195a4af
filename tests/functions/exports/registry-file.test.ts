import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { buildRegistryFiles, RECORDS_FILE, registryFile, type FileText } from '../../../functions/exports/registry-files.ts'
import { deserializeSnapshot, serializeSnapshot } from '../../../shared/geo/snapshot-codec.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { generateRegistry } from '../../shared/geo/fixtures.ts'

/** Rows of accented text, with a character outside the BMP: none may be cut where parts are joined. */
function* lines(count: number, parts: string[]): FileText {
  for (let i = 0; i < count; i++) {
    const line = `${i},Biblioteca civica di Forlì — sportello “Punto Digitale Facile” 🇮🇹 n. ${i}\n`
    parts.push(line)
    yield line
  }
  return count
}

describe('registryFile', () => {
  it('makes a file longer than its encoding chunks from parts: the same bytes as the joined text, its row count, both encodings', async () => {
    const parts: string[] = []
    // ~8 M characters: more than one chunk of 4 Mi characters.
    const file = await registryFile('big.csv', 'text/csv; charset=utf-8', lines(110_000, parts))
    const expected = Buffer.from(parts.join(''))
    expect(file.body.length).toBeGreaterThan(2 * 4 * 2 ** 20)
    expect(file.body.equals(expected)).toBe(true)
    expect(file.rows).toBe(110_000)
    expect(gunzipSync(file.gzip).equals(expected)).toBe(true)
    expect(brotliDecompressSync(file.brotli).equals(expected)).toBe(true)
  })
})

describe('registryFiles', () => {
  const today = '2026-11-20'
  const builtAt = new Date(`${today}T10:00:00Z`)
  it.each([0, 1, 40, 4000])('makes the same files from a snapshot file (records copied as bytes, in parts of 4 MiB) as from records in memory: %i points', async (points) => {
    const built = buildSnapshot(generateRegistry({ points, seed: 3, today }), { registryVersion: 4, builtAt })
    const fromFile = deserializeSnapshot(serializeSnapshot(built))
    expect(fromFile.records.json).toBeDefined()
    expect(built.records.json).toBeUndefined()
    const [a, b] = await Promise.all([buildRegistryFiles(fromFile), buildRegistryFiles(built)])
    expect(a.map((f) => [f.name, f.rows, f.etag])).toEqual(b.map((f) => [f.name, f.rows, f.etag]))
    const records = a.find((f) => f.name === RECORDS_FILE)!
    expect(JSON.parse(records.body.toString())).toEqual(built.points)
  })
})

describe('registryFile with parts made already as bytes', () => {
  it('keeps strings and bytes in their order', async () => {
    function* mixed(): FileText {
      yield 'èa,'
      yield new TextEncoder().encode('bytes ✓,')
      yield 'z\n'
      return 1
    }
    expect((await registryFile('m.csv', 'text/csv', mixed())).body.toString()).toBe('èa,bytes ✓,z\n')
  })
})
