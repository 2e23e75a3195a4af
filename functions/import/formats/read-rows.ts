import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { parse } from 'csv-parse'
import { bilingual } from './bilingual.ts'
import { decodeText, type SourceEncoding } from './text-encoding.ts'

/**
 * Source files → rows, one at a time, each with where it came from. CSV is parsed as a stream
 * (strictly decoded, see text-encoding.ts; csv-parse: `,` or `;` detected from the header line, quoted multi-line fields
 * allowed, a quote inside an unquoted cell read as written); a JSON file must be an array of
 * objects and is read whole (fine below ~50 MB).
 */

export type SourceKind = 'csv' | 'json'

export interface SourceRow {
  /** CSV: the line the record starts on (the header is line 1). JSON: the 1-based array index. */
  line: number
  /** How to point a human at the row: "line 12" or "item 3". */
  where: string
  /** The row as a spreadsheet numbers it (the header is 1): the line, until a cell holds a line break. JSON: the item. */
  sheetRow: number
  row: Record<string, unknown>
  /** Set when the row's shape is already wrong (field count differs from the header, not an object). */
  problem?: string
}

export interface RowSource {
  kind: SourceKind
  /** CSV: the column names, trimmed. JSON: every key of the objects, in order of first appearance. */
  header: readonly string[]
  rows: AsyncIterable<SourceRow>
}

export interface ReadRowsOptions {
  /** Skips sniffing; otherwise a path's extension or the first character ('[' = JSON) decides. */
  kind?: SourceKind
  /** Skips delimiter detection (CSV). */
  delimiter?: ',' | ';'
  /** How the file's bytes are text: UTF-8 unless told (a byte-order mark always wins). @default 'utf-8' */
  encoding?: SourceEncoding
}

type Input = NodeJS.ReadableStream | string

/**
 * A CSV file whose reading breaks after its header (a quote opened and never closed swallows every
 * line after it): what follows cannot be told apart, so no row of it is usable on its own.
 */
export class BrokenCsvError extends Error {
  constructor(
    readonly italian: string,
    readonly english: string,
  ) {
    super(bilingual(italian, english))
  }
}

/** Opens a source and reads as far as its header: `rows` then yields every row. */
export async function openRows(input: Input, opts: ReadRowsOptions = {}): Promise<RowSource> {
  const stream = typeof input === 'string' ? createReadStream(input) : input
  const kindFromPath = typeof input === 'string' ? kindOfPath(input) : undefined
  const text = decodeText(stream, opts.encoding)
  const head = await readHead(text)
  const kind = opts.kind ?? kindFromPath ?? (head.trimStart().startsWith('[') ? 'json' : 'csv')
  const all = replay(head, text)
  return kind === 'json' ? openJson(all) : openCsv(all, opts.delimiter ?? detectDelimiter(head))
}

/** The rows alone, as one iterable; `onHeader` sees the header before the first row. */
export async function* readRows(
  input: Input,
  opts: ReadRowsOptions & { onHeader?: (header: readonly string[], kind: SourceKind) => void } = {},
): AsyncIterable<SourceRow> {
  const source = await openRows(input, opts)
  opts.onHeader?.(source.header, source.kind)
  yield* source.rows
}

function kindOfPath(path: string): SourceKind | undefined {
  const lower = path.toLowerCase()
  return lower.endsWith('.json') ? 'json' : lower.endsWith('.csv') ? 'csv' : undefined
}

/** Enough of the start to see the first character and the whole header line. */
async function readHead(text: AsyncGenerator<string>): Promise<string> {
  let head = ''
  while (!head.includes('\n') && head.length < 1 << 16) {
    const next = await text.next()
    if (next.done) break
    head += next.value
  }
  return head
}

async function* replay(head: string, rest: AsyncGenerator<string>): AsyncGenerator<string> {
  if (head) yield head
  yield* rest
}

/** `;` when the header line has more semicolons than commas outside quotes (Italian Excel exports). */
export function detectDelimiter(head: string): ',' | ';' {
  const firstLine = head.split('\n', 1)[0] ?? ''
  const unquoted = firstLine.replace(/"[^"]*"/g, '')
  const count = (c: string) => unquoted.split(c).length - 1
  return count(';') > count(',') ? ';' : ','
}

async function openCsv(text: AsyncGenerator<string>, delimiter: ',' | ';'): Promise<RowSource> {
  let header: string[] = []
  /** The keys given to header cells left empty (usually none), taken out of each record. */
  let unnamedKeys: string[] = []
  const parser = parse({
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // `Biblioteca "Giotto"` typed into a cell that is not quoted as a whole: the quotes are part
      // of the name. Strict parsing stopped the whole file there.
      relax_quotes: true,
      // Header cells left empty get keys of their own, so that a value under one is seen (see
      // unnamedCellProblem) instead of all of them sharing the key "".
      columns: (names: string[]) => {
        header = names.map((n) => n.trim())
        unnamedKeys = header.flatMap((name, i) => (name === '' ? [unnamedKey(i)] : []))
        return header.map((name, i) => (name === '' ? unnamedKey(i) : name))
      },
  })
  // pipe() does not pass errors on: a decoding error would leave the parser waiting forever.
  Readable.from(text).on('error', (error) => parser.destroy(error)).pipe(parser)
  const parsed = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: Record<string, string>; info: CsvInfo }>
  // Reading the first record is what makes the parser call `columns`, i.e. gives the header.
  const first = await nextRecord(parsed, { endLine: 1, emptyLines: 0 })

  async function* rows(): AsyncGenerator<SourceRow> {
    let previousEndLine = 1
    let previousEmptyLines = 0
    let records = 0
    for (let next = first; !next.done; next = await nextRecord(parsed, { endLine: previousEndLine, emptyLines: previousEmptyLines })) {
      const { record, info } = next.value
      const line = previousEndLine + 1 + (info.empty_lines - previousEmptyLines)
      previousEndLine = info.lines
      previousEmptyLines = info.empty_lines
      records++
      // A spreadsheet's row: each record one row, each empty line one row. It differs from the
      // text's line once a cell holds a line break (Alt+Enter), and the sender looks at the sheet.
      const sheetRow = 1 + records + info.empty_lines
      const raw = (info.error?.record ?? Object.values(record)) as unknown[]
      for (const key of unnamedKeys) delete record[key]
      // A spreadsheet's empty row (;;;;;) is no row: not one to reject.
      if (raw.every((cell) => String(cell ?? '').trim() === '')) continue
      // Cells beyond the header are lost only when they hold something (a spreadsheet's used range
      // may be wider than its header); missing trailing cells are empty ones (some tools drop them).
      const lost = raw.slice(header.length).filter((cell) => String(cell ?? '').trim() !== '')
      const problem = lost.length > 0
        ? bilingual(
            `la riga ha ${raw.length} campi, l'intestazione ${header.length}: i valori oltre l'ultima colonna (${lost.map((v) => JSON.stringify(String(v))).join(', ')}) andrebbero persi`,
            `the row has ${raw.length} fields, the header ${header.length}: the values past the last column would be lost`,
          )
        : unnamedCellProblem(header, raw)
      yield {
        line,
        sheetRow,
        where: sheetRow === line ? `line ${line}` : `line ${line} (riga ${sheetRow} nel foglio di calcolo / row ${sheetRow} in a spreadsheet)`,
        row: record,
        ...(problem ? { problem } : {}),
      }
    }
  }
  return { kind: 'csv', header, rows: rows() }
}

const unnamedKey = (column: number): string => `\u0000unnamed ${column}`

/**
 * A value under a header cell left empty: Excel writes an empty name for every used column past the
 * last named one, and a note typed there ("NON PUBBLICARE…") was dropped without a word.
 */
function unnamedCellProblem(header: readonly string[], raw: readonly unknown[]): string | undefined {
  const column = header.findIndex((name, i) => name === '' && String(raw[i] ?? '').trim() !== '')
  if (column < 0) return undefined
  return bilingual(
    `la colonna ${column + 1} non ha nome nell'intestazione: il suo valore (${JSON.stringify(String(raw[column]))}) andrebbe perso; darle un nome o spostarlo`,
    `column ${column + 1} has no name in the header: its value would be lost; name the column or move the value`,
  )
}

/**
 * The parser's next record; its error names the line where the unreadable record starts: after
 * the last record read (`after`: the line it ended on and the empty lines counted by then) and the
 * empty lines between (the parser counts them up to the quote that swallowed the rest).
 */
async function nextRecord<T>(parsed: AsyncIterator<T>, after: { endLine: number; emptyLines: number }): Promise<IteratorResult<T>> {
  try {
    return await parsed.next()
  } catch (error) {
    if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string' || !error.code.startsWith('CSV_')) throw error
    const emptyLines = 'empty_lines' in error && typeof error.empty_lines === 'number' ? error.empty_lines : after.emptyLines
    const startLine = after.endLine + 1 + (emptyLines - after.emptyLines)
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      throw new BrokenCsvError(
        `alla riga ${startLine} una cella si apre con le virgolette (") che non si chiudono più: chiuderle, o toglierle`,
        `on line ${startLine} a cell opens a quote (") that is never closed: close it, or remove it`,
      )
    }
    throw new BrokenCsvError(`la riga ${startLine} non si può leggere (${error.message})`, `line ${startLine} cannot be read (${error.message})`)
  }
}

interface CsvInfo {
  lines: number
  empty_lines: number
  error?: { record?: unknown[] }
}

async function openJson(text: AsyncGenerator<string>): Promise<RowSource> {
  let whole = ''
  for await (const chunk of text) whole += chunk
  let data: unknown
  try {
    data = JSON.parse(whole)
  } catch (error) {
    throw new Error(`JSON source: ${(error as Error).message}`)
  }
  if (!Array.isArray(data)) throw new Error('JSON source: expected an array of objects at the top level')
  const items: unknown[] = data
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  const header = [...new Set(items.filter(isObject).flatMap((item) => Object.keys(item)))]

  async function* rows(): AsyncGenerator<SourceRow> {
    for (const [index, item] of items.entries()) {
      const line = index + 1
      yield isObject(item)
        ? { line, sheetRow: line, where: `item ${line}`, row: item }
        : { line, sheetRow: line, where: `item ${line}`, row: {}, problem: bilingual(`l'elemento ${line} non è un oggetto`, `item ${line} is not an object`) }
    }
  }
  return { kind: 'json', header, rows: rows() }
}
