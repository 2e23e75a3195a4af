import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { registryFile, type FileText } from '../../../functions/exports/registry-files.ts'

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

  it('gives the same ETag to the same text however it is cut into parts', async () => {
    function* oneString(): FileText {
      yield 'a,b\n1,2\n'
      return 1
    }
    function* twoParts(): FileText {
      yield 'a,b\n'
      yield '1,2\n'
      return 1
    }
    expect((await registryFile('x.csv', 'text/csv', oneString())).etag).toBe((await registryFile('x.csv', 'text/csv', twoParts())).etag)
  })
})
