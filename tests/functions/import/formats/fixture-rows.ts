import { createGazetteer } from '../../../../shared/gazetteer/create-gazetteer.ts'
import { loadComuni } from '../../../../functions/gazetteer/load-comuni.ts'
import type { ImportContext, RowResult } from '../../../../functions/import/formats/format.ts'
import { openRows, type SourceRow } from '../../../../functions/import/formats/read-rows.ts'

/** Shared by the format tests: one gazetteer, a fixed clock, and the rows of a file. */
export const ctx: ImportContext = { gazetteer: createGazetteer(loadComuni()), now: new Date('2026-11-26T12:00:00Z') }

export const fixturePath = (name: string) => new URL(`../../../fixtures/${name}`, import.meta.url).pathname
export const docsPath = (name: string) => new URL(`../../../../docs/${name}`, import.meta.url).pathname

export async function rowsOf(path: string): Promise<{ header: readonly string[]; rows: SourceRow[] }> {
  const source = await openRows(path)
  const rows: SourceRow[] = []
  for await (const r of source.rows) rows.push(r)
  return { header: source.header, rows }
}

/** The draft of a row expected to convert; the test fails with the reasons otherwise. */
export const draftOf = (result: RowResult) => {
  if (!result.ok) throw new Error(`expected a draft, got ${JSON.stringify(result.errors)}`)
  return result
}

/** The errors of a row expected to be rejected. */
export const errorsOf = (result: RowResult) => {
  if (result.ok) throw new Error('expected a rejection')
  return result.errors
}
