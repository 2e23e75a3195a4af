import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildArchive, type Bounds } from '../../../functions/basemap/build-archive.ts'

/** Umbria and a margin: Perugia, Assisi, Terni, Lake Trasimeno. */
export const UMBRIA_BOUNDS: Bounds = [11.8, 42.3, 13.3, 43.7]

/** The archive the tests serve and publish, made by the project's own tooling from the shipped data (≈ 0.2 MB). */
export function writeFixtureArchive(name = 'umbria-istat.pmtiles', bounds: Bounds = UMBRIA_BOUNDS): string {
  const path = join(mkdtempSync(join(tmpdir(), 'pv-basemap-')), name)
  writeFileSync(path, buildArchive({ bounds, minZoom: 5, maxZoom: 12 }).bytes)
  return path
}
