import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import { createReadStream } from 'node:fs'
import { STYLE_FILE, TILES_FOLDER } from '../../shared/map/basemap-layout.ts'
import { archiveSiteName, safeAttribution } from './archive-naming.ts'
import { archiveStyle } from './archive-style.ts'
import { ArchiveError, inspectArchive, type ArchiveReport } from './inspect-archive.ts'

/**
 * `npm run basemap -- publish FILE`: checks the archive, uploads it under a name that carries
 * its hash (cached for a year by browsers and CloudFront), then replaces `tiles/style.json`,
 * which names it: the site switches to the new map within the style's cache time, with no
 * deployment and no invalidation. The archive goes first, so the style never names a file that
 * is not there yet; older archives stay for pages that loaded the previous style.
 */
export const ARCHIVE_CONTENT_TYPE = 'application/vnd.pmtiles'
export const ARCHIVE_CACHE_CONTROL = 'public, max-age=31536000, immutable'
/** Five minutes: how long after a publish a visitor may still get the previous map. */
export const STYLE_CACHE_CONTROL = 'public, max-age=300'

export interface PublishOptions {
  readonly path: string
  readonly bucket: string
  readonly s3: S3Client
  /** Publish an archive that lacks some of the layers the style draws (streets, water…). */
  readonly allowPartial?: boolean
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void
}

export interface Published {
  readonly report: ArchiveReport
  readonly archiveKey: string
  readonly styleKey: string
  /** False when the same archive was already in the bucket (only the style was written). */
  readonly uploaded: boolean
}

async function exists(s3: S3Client, bucket: string, key: string, bytes: number): Promise<boolean> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    return head.ContentLength === bytes
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false
    throw error
  }
}

export async function publishArchive({ path, bucket, s3, allowPartial = false, onProgress }: PublishOptions): Promise<Published> {
  const report = await inspectArchive(path)
  if (report.errors.length > 0) throw new ArchiveError(`${path}: ${report.errors.join('; ')}`)
  if (report.missingLayers.length > 0 && !allowPartial) {
    throw new ArchiveError(
      `${path} has no ${report.missingLayers.join(', ')} layer(s), which the street style draws: the published map would lack them. ` +
        'Publish a full OpenStreetMap archive (see docs/map.md), or add --allow-partial to publish it as it is.',
    )
  }
  const siteName = await archiveSiteName(path)
  const archiveKey = `${TILES_FOLDER}/${siteName}`
  const styleKey = `${TILES_FOLDER}/${STYLE_FILE}`
  const uploaded = !(await exists(s3, bucket, archiveKey, report.bytes))
  if (uploaded) {
    // Multipart, several parts at once: an Italy archive is gigabytes.
    const upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: archiveKey, Body: createReadStream(path), ContentType: ARCHIVE_CONTENT_TYPE, CacheControl: ARCHIVE_CACHE_CONTROL },
      queueSize: 4,
      partSize: 16 * 1024 * 1024,
    })
    upload.on('httpUploadProgress', (progress) => onProgress?.(progress.loaded ?? 0, report.bytes))
    await upload.done()
  }
  const style = archiveStyle({ archiveFile: siteName, attribution: safeAttribution(report.attribution) })
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: styleKey,
      Body: JSON.stringify(style),
      ContentType: 'application/json; charset=utf-8',
      CacheControl: STYLE_CACHE_CONTROL,
    }),
  )
  return { report, archiveKey, styleKey, uploaded }
}
