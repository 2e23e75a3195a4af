import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseComuniCsv, type Comune } from '../../shared/gazetteer/comuni.ts'
import { createGazetteer, type Gazetteer } from '../../shared/gazetteer/create-gazetteer.ts'
import { lazyGazetteer } from '../../shared/gazetteer/lazy-gazetteer.ts'

const GAZETTEER_PATH = fileURLToPath(new URL('../../data/it_comuni_gazetteer.csv', import.meta.url))

let cached: Comune[] | undefined
/** The 7,896 ISTAT comuni, read once per process. */
export function loadComuni(): Comune[] {
  cached ??= parseComuniCsv(readFileSync(GAZETTEER_PATH, 'utf8'))
  return cached
}

/** The gazetteer over them, made on first use (a process that never asks does not read the file). */
export const localGazetteer: Gazetteer = lazyGazetteer(() => createGazetteer(loadComuni()))
