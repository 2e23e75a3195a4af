import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { openRows, type SourceRow } from '../../../../functions/import/formats/read-rows.ts'
import { decodeText, InvalidEncodingError } from '../../../../functions/import/formats/text-encoding.ts'

/** Bytes in chunks of `size`, so a multi-byte character or a bad byte can fall on a boundary. */
const chunked = (bytes: Uint8Array, size = 5) => Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => Buffer.from(bytes.subarray(i * size, (i + 1) * size))))
const collect = async (rows: AsyncIterable<SourceRow>) => {
  const out: SourceRow[] = []
  for await (const r of rows) out.push(r)
  return out
}
const latin1 = (text: string) => Buffer.from(text, 'latin1')
const CSV = 'nome,comune\nBiblioteca civica,Città di Castello\nPunto Forlì,Forlì\n'

describe('reading import files strictly', () => {
  it('refuses a Latin-1 file read as UTF-8, naming the line and byte, instead of importing "Citt\uFFFD"', async () => {
    const error = await openRows(chunked(latin1(CSV)), { kind: 'csv' })
      .then((source) => collect(source.rows))
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(error).toBeInstanceOf(InvalidEncodingError)
    const message = (error as Error).message
    expect(message).toMatch(/UTF-8/)
    expect(message).toMatch(/riga 2|line 2/)
    expect(message).toMatch(/--encoding latin1/)
  })

  it.each([['latin1'], ['windows-1252']] as const)('reads the same file as %s when told so', async (encoding) => {
    const rows = await collect((await openRows(chunked(latin1(CSV)), { kind: 'csv', encoding })).rows)
    expect(rows.map((r) => r.row.comune)).toEqual(['Città di Castello', 'Forlì'])
  })

  it.each([['windows-1252'], ['latin1']] as const)('refuses a UTF-8 file said to be %s (a weekly command kept after a change of spreadsheet), instead of importing "CittÃ di Castello"', async (encoding) => {
    for (const size of [1, 5, 64]) {
      const error = await openRows(chunked(Buffer.from(CSV, 'utf8'), size), { kind: 'csv', encoding })
        .then((source) => collect(source.rows))
        .then(
          () => undefined,
          (e: unknown) => e,
        )
      expect(error).toBeInstanceOf(InvalidEncodingError)
      expect((error as Error).message).toMatch(new RegExp(`^il file è in UTF-8, non in ${encoding}: alla riga 2 «Biblioteca civica,Città» sarebbe letto «Biblioteca civica,CittÃ\\u00a0»\\..*togliere --encoding`))
    }
    // The letters Excel's windows-1252 writes in 0x80–0x9F (’ is E2 80 99 in UTF-8) are shown as it would read them.
    const apostrophe = await openRows(chunked(Buffer.from('nome\nL’Aquila\n', 'utf8')), { kind: 'csv', encoding })
      .then((source) => collect(source.rows))
      .then(() => '', (e: Error) => e.message)
    expect(apostrophe).toContain('«L’» sarebbe letto «Lâ€™»')
    // A file truly in that encoding (its first accented letter is no UTF-8) is read as before.
    const rows = await collect((await openRows(chunked(latin1('nome\nPerché\nCittà\n')), { kind: 'csv', encoding })).rows)
    expect(rows.map((r) => r.row.nome)).toEqual(['Perché', 'Città'])
  })

  it.each([['windows-1252'], ['latin1']] as const)('reads the Windows-1252 letters Latin-1 lacks (curly quotes, euro, an Excel dash) as such when told %s, never as control characters', async (encoding) => {
    const bytes = Uint8Array.from([...Buffer.from('nome\nL'), 0x92, ...Buffer.from('Aquila '), 0x80, ...Buffer.from(' 9'), 0x96, ...Buffer.from('13'), 0x0a])
    const rows = await collect((await openRows(chunked(bytes), { kind: 'csv', encoding })).rows)
    expect(rows[0]!.row.nome).toBe('L\u2019Aquila \u20ac 9\u201313')
  })

  it('accepts a UTF-8 BOM and a UTF-16 file with its BOM', async () => {
    const utf8 = await collect((await openRows(chunked(Buffer.from('\uFEFF' + CSV, 'utf8')), { kind: 'csv' })).rows)
    expect(utf8[0]!.row).toEqual({ nome: 'Biblioteca civica', comune: 'Città di Castello' })
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')])
    const rows = await collect((await openRows(chunked(utf16, 3), { kind: 'csv' })).rows)
    expect(rows.map((r) => r.row.comune)).toEqual(['Città di Castello', 'Forlì'])
  })

  it('keeps a multi-byte character split across chunks', async () => {
    for (const size of [1, 2, 3, 7]) {
      const rows = await collect((await openRows(chunked(Buffer.from(CSV, 'utf8'), size), { kind: 'csv' })).rows)
      expect(rows[1]!.row.nome).toBe('Punto Forlì')
    }
  })

  it('refuses a UTF-8 file cut in the middle of a character, at its end', async () => {
    const cut = Buffer.from('nome\nCittà', 'utf8').subarray(0, -1)
    await expect(async () => {
      for await (const _ of decodeText(chunked(cut, 4), 'utf-8')) void _
    }).rejects.toThrow(InvalidEncodingError)
  })
})
