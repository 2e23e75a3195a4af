import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TileType } from 'pmtiles'
import { beforeAll, describe, expect, it } from 'vitest'
import { styleSourceLayers } from '../../../functions/basemap/archive-style.ts'
import { inspectArchive } from '../../../functions/basemap/inspect-archive.ts'
import { writePmtiles } from '../../../functions/basemap/pmtiles-writer.ts'
import { writeFixtureArchive } from './fixture-archive.ts'

const dir = mkdtempSync(join(tmpdir(), 'pv-inspect-'))
const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

let fixture: string
beforeAll(() => {
  fixture = writeFixtureArchive()
})

describe('inspectArchive', () => {
  it('reads the fixture: its size, zooms and layers, and which of the style’s layers it lacks', async () => {
    const report = await inspectArchive(fixture)
    expect(report.errors).toEqual([])
    expect(report.header).toMatchObject({ minZoom: 5, maxZoom: 12, tileType: TileType.Mvt })
    expect(report.layers).toEqual(['earth', 'boundaries', 'places'])
    expect(report.missingLayers).toEqual(styleSourceLayers().filter((l) => !['earth', 'boundaries', 'places'].includes(l)))
    expect(report.missingLayers).toContain('roads')
    expect(report.attribution).toContain('ISTAT')
  })

  it('refuses a file that is not a PMTiles archive, naming the file and why', async () => {
    await expect(inspectArchive(file('notes.pmtiles', 'just text, not tiles'))).rejects.toThrow(/notes\.pmtiles: not a PMTiles archive/)
    await expect(inspectArchive(file('empty.pmtiles', ''))).rejects.toThrow(/empty\.pmtiles/)
  })

  it('refuses an archive of another PMTiles version', async () => {
    const v2 = Buffer.from(readFileSync(fixture))
    v2.writeUInt8(2, 7)
    await expect(inspectArchive(file('v2.pmtiles', v2))).rejects.toThrow(/version 2/)
  })

  it('refuses a raster archive: the street style needs vector tiles', async () => {
    const raster = Buffer.from(writePmtiles([{ z: 0, x: 0, y: 0, data: new Uint8Array([1, 2, 3]) }], { bounds: [6, 35, 19, 47], center: [12, 42, 0], metadata: { vector_layers: [] } }))
    raster.writeUInt8(TileType.Png, 99)
    await expect(inspectArchive(file('raster.pmtiles', raster))).rejects.toThrow(/tile type Png/)
  })

  it('reports, without refusing to read it, an archive with no land or place names, or whose tiles are not vector tiles', async () => {
    const noPlaces = writePmtiles([{ z: 0, x: 0, y: 0, data: new TextEncoder().encode('not a vector tile') }], { bounds: [6, 35, 19, 47], center: [12, 42, 0], metadata: { vector_layers: [{ id: 'roads' }] } })
    const report = await inspectArchive(file('roads-only.pmtiles', noPlaces))
    expect(report.errors).toEqual([expect.stringMatching(/no earth, places layers/), expect.stringMatching(/0\/0\/0\) (is not a vector tile|has no layers)/)])
  })
})
