import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { detectDelimiter, openRows, readRows, type SourceRow } from '../../../../functions/import/formats/read-rows.ts'

const fixture = (name: string) => new URL(`../../../fixtures/${name}`, import.meta.url).pathname
const streamOf = (text: string, chunkSize = 7) => {
  const bytes = Buffer.from(text, 'utf8')
  const chunks: Buffer[] = []
  // Small chunks split multi-byte characters and the header line, as a real file stream may.
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize))
  return Readable.from(chunks)
}
const collect = async (rows: AsyncIterable<SourceRow>) => {
  const out: SourceRow[] = []
  for await (const r of rows) out.push(r)
  return out
}

describe('openRows on CSV', () => {
  it('reads the header first, then each record keyed by it, with its line', async () => {
    const source = await openRows(fixture('it_puglia_punti_facilitazione_sample3.csv'))
    expect(source.kind).toBe('csv')
    expect(source.header).toEqual(['id', 'avvio', 'comune', 'enteGestore', 'giorniEOrariDiApertura', 'indirizzo', 'latitudine', 'longitudine', 'nomeDelloSpazio', 'tipo'])
    const rows = await collect(source.rows)
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4])
    expect(rows[1]!.row['comune']).toBe('Bari')
    expect(rows[1]!.where).toBe('line 3')
  })

  it('gives the starting line of a record after quoted multi-line fields and blank lines', async () => {
    const text = 'a,b\n1,"first\nsecond\nthird"\n\n2,x\n3,"y\nz"\n4,w\n'
    const rows = await collect((await openRows(streamOf(text))).rows)
    expect(rows.map((r) => [r.line, r.row['a']])).toEqual([[2, '1'], [6, '2'], [7, '3'], [9, '4']])
    expect(rows[0]!.row['b']).toBe('first\nsecond\nthird')
  })

  it('detects a semicolon delimiter and strips a BOM from the first column name', async () => {
    const source = await openRows(streamOf('\uFEFFnome;città\nBar, Caffè;Forlì\n'))
    expect(source.header).toEqual(['nome', 'città'])
    expect((await collect(source.rows))[0]!.row).toEqual({ nome: 'Bar, Caffè', città: 'Forlì' })
  })

  it('flags a record with values past the header instead of failing the file, and reads missing or empty surplus cells as empty', async () => {
    const rows = await collect((await openRows(streamOf('a,b\n1,2,x\n2,3\n'))).rows)
    expect(rows[0]!.problem).toBe(`la riga ha 3 campi, l'intestazione 2: i valori oltre l'ultima colonna ("x") andrebbero persi / the row has 3 fields, the header 2: the values past the last column would be lost`)
    expect(rows[1]!.problem).toBeUndefined()
    // Excel's shapes: a used range wider than the header (empty cells), trailing empty cells dropped.
    const excel = await collect((await openRows(streamOf('a;b;c\r\n1;2;3;;;\r\n4;5\r\n'))).rows)
    expect(excel.map((r) => [r.row, r.problem])).toEqual([[{ a: '1', b: '2', c: '3' }, undefined], [{ a: '4', b: '5' }, undefined]])
  })

  it("flags a value under a header cell left empty (Excel writes one for every used column past the last name), which would be lost, and reads empty ones as nothing", async () => {
    const rows = await collect((await openRows(streamOf('a;b;;\r\n1;2;;\r\n3;4;NON PUBBLICARE: chiuso fino a marzo;\r\n'))).rows)
    expect(rows.map((r) => r.problem)).toEqual([
      undefined,
      `la colonna 3 non ha nome nell'intestazione: il suo valore ("NON PUBBLICARE: chiuso fino a marzo") andrebbe perso; darle un nome o spostarlo / column 3 has no name in the header: its value would be lost; name the column or move the value`,
    ])
  })

  it("skips a spreadsheet's empty rows (;;;;) as it skips empty lines", async () => {
    const rows = await collect((await openRows(streamOf('a;b;c\n1;2;3\n;;\n ; ;;;\n4;5;6\n'))).rows)
    expect(rows.map((r) => [r.line, r.row['a']])).toEqual([[2, '1'], [5, '4']])
  })

  it('names the spreadsheet row beside the line once a cell holds a line break', async () => {
    const rows = await collect((await openRows(streamOf('a,b\n1,"first\nsecond"\n\n2,x\n'))).rows)
    expect(rows.map((r) => r.where)).toEqual(['line 2', 'line 5 (riga 4 nel foglio di calcolo / row 4 in a spreadsheet)'])
  })

  it('returns the header of a file that has no rows', async () => {
    const source = await openRows(streamOf('a,b\n'))
    expect(source.header).toEqual(['a', 'b'])
    expect(await collect(source.rows)).toEqual([])
  })
})

describe('openRows on JSON', () => {
  it('reads an array of objects, numbering items from 1', async () => {
    const source = await openRows(fixture('fr_lieux_mediation_numerique_charente.json'))
    expect(source.kind).toBe('json')
    expect(source.header).toContain('nom')
    expect(source.header).toContain('code_insee') // present in a few objects only, not the first
    const rows = await collect(source.rows)
    expect(rows).toHaveLength(188)
    expect(rows[2]!.line).toBe(3)
    expect(rows[2]!.where).toBe('item 3')
  })

  it('sniffs JSON from a stream and flags items that are not objects', async () => {
    const source = await openRows(streamOf(' [{"a":1}, 5, {"b":2}]'))
    expect(source.header).toEqual(['a', 'b'])
    const rows = await collect(source.rows)
    expect(rows[1]).toMatchObject({ line: 2, problem: "l'elemento 2 non è un oggetto / item 2 is not an object" })
  })

  it('refuses a JSON document that is not an array', async () => {
    await expect(openRows(streamOf('{"a":1}'), { kind: 'json' })).rejects.toThrow('JSON source: expected an array of objects at the top level')
  })
})

describe('readRows', () => {
  it('hands over the header before the first row', async () => {
    const seen: string[] = []
    for await (const r of readRows(streamOf('x;y\n1;2\n'), { onHeader: (header, kind) => seen.push(`${kind}:${header.join('|')}`) })) {
      seen.push(`row ${r.line}`)
    }
    expect(seen).toEqual(['csv:x|y', 'row 2'])
  })
})

describe('detectDelimiter', () => {
  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('"a;b;c",d,e\n')).toBe(',')
    expect(detectDelimiter('a;"b,c,d";e\n')).toBe(';')
  })
})
