import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3'
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishArchive } from '../../../functions/basemap/publish-archive.ts'
import { startLocalS3, type LocalS3 } from '../snapshot/local-s3.ts'
import { writeFixtureArchive } from './fixture-archive.ts'

let s3: LocalS3
let archive: string
beforeAll(async () => {
  s3 = await startLocalS3('puntovicino-basemap')
  archive = writeFixtureArchive()
})
afterAll(() => s3.close())

const keys = async () => ((await s3.client().send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map((o) => o.Key).sort()

describe('`npm run basemap -- publish FILE` (against s3rver, with the real AWS SDK)', () => {
  it('refuses an archive without the streets the style draws unless told, and then uploads nothing', async () => {
    await expect(publishArchive({ path: archive, bucket: s3.bucket, s3: s3.client() })).rejects.toThrow(/no buildings, landcover, landuse, pois, roads, water layer\(s\).*--allow-partial/)
    expect(await keys()).toEqual([])
  })

  it('refuses a file that is not an archive, uploading nothing', async () => {
    const notes = `${archive}.txt`
    writeFileSync(notes, 'not tiles')
    await expect(publishArchive({ path: notes, bucket: s3.bucket, s3: s3.client(), allowPartial: true })).rejects.toThrow(/not a PMTiles archive/)
    expect(await keys()).toEqual([])
  })

  it('uploads the archive under its hash with year-long caching, then the style that names it', async () => {
    const client = s3.client()
    const published = await publishArchive({ path: archive, bucket: s3.bucket, s3: client, allowPartial: true })
    expect(published.archiveKey).toMatch(/^tiles\/umbria-istat-[0-9a-f]{12}\.pmtiles$/)
    expect(published.uploaded).toBe(true)
    expect(await keys()).toEqual(['tiles/style.json', published.archiveKey])
    const head = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: published.archiveKey }))
    expect(head).toMatchObject({ ContentType: 'application/vnd.pmtiles', CacheControl: 'public, max-age=31536000, immutable', ContentLength: readFileSync(archive).length })
    const styleObject = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: 'tiles/style.json' }))
    expect(styleObject.CacheControl).toBe('public, max-age=300')
    expect(styleObject.ContentType).toBe('application/json; charset=utf-8')
    const style = JSON.parse(await styleObject.Body!.transformToString()) as { metadata: object; sources: Record<string, { url: string }> }
    expect(style.metadata).toEqual({ 'puntovicino:basemap': 'streets' })
    expect(style.sources.openstreetmap!.url).toBe(`pmtiles://${published.archiveKey.replace('tiles/', '')}`)
  })

  it('publishing the same archive again writes only the style', async () => {
    const again = await publishArchive({ path: archive, bucket: s3.bucket, s3: s3.client(), allowPartial: true })
    expect(again.uploaded).toBe(false)
  })
})
