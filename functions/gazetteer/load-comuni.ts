import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseComuniCsv, type Comune } from '../../shared/gazetteer/comuni.ts'

const GAZETTEER_PATH = fileURLToPath(new URL('../../data/it_comuni_gazetteer.csv', import.meta.url))

let cached: Comune[] | undefined
/** The 7,896 ISTAT comuni, read once per process. */
export function loadComuni(): Comune[] {
  cached ??= parseComuniCsv(readFileSync(GAZETTEER_PATH, 'utf8'))
  return cached
}
