import { readFileSync } from 'node:fs'
import comuniCsvFile from '../../data/it_comuni_gazetteer.csv'
import { parseComuniCsv } from '../../shared/gazetteer/comuni.ts'
import { createGazetteer, type Gazetteer } from '../../shared/gazetteer/create-gazetteer.ts'
import { lazyGazetteer } from '../../shared/gazetteer/lazy-gazetteer.ts'

/**
 * The gazetteer of a Lambda function, from the CSV file esbuild copies beside its bundle, read and
 * parsed on first use: on the read side only /v1/places, /v1/regions, /v1/coverage and `comune=`
 * need it, on the write side a write, so a cold start that answers a nearest query neither reads
 * nor parses 7,896 rows (inlined as a JS string, its 631 KiB were scanned by every cold start).
 */
export const bundledGazetteer: Gazetteer = lazyGazetteer(() => createGazetteer(parseComuniCsv(readFileSync(new URL(comuniCsvFile, import.meta.url), 'utf8'))))
