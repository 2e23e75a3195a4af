import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { OPEN_DATA_PREFIX } from './open-data-layout.ts'
import type { RegistryFile } from './registry-files.ts'

/**
 * Writes the whole-registry files to S3 under opendata/, each three times: as is, `.gz` and `.br`
 * with their Content-Encoding. CloudFront serves them at /opendata/<name>; its viewer-request
 * function picks the encoding the client accepts (infra/constructs/open-data-encoding.ts), since
 * it compresses nothing above 10 MB by itself.
 */
export async function publishRegistryFiles(s3: S3Client, bucket: string, files: Iterable<RegistryFile> | AsyncIterable<RegistryFile>): Promise<{ objects: number; bytes: number }> {
  let objects = 0
  let bytes = 0
  // One file at a time: the next is made only once this one is written (registry-files.ts `publishedFiles`).
  for await (const file of files) {
    const common = {
      Bucket: bucket,
      ContentType: file.contentType,
      // Regenerated with every snapshot: a few minutes at the edge, then revalidated by ETag.
      CacheControl: 'public, max-age=300',
      ContentDisposition: `attachment; filename="${file.name}"`,
    }
    const variants = [
      { Key: `${OPEN_DATA_PREFIX}${file.name}`, Body: file.body },
      { Key: `${OPEN_DATA_PREFIX}${file.name}.gz`, Body: file.gzip, ContentEncoding: 'gzip' },
      { Key: `${OPEN_DATA_PREFIX}${file.name}.br`, Body: file.brotli, ContentEncoding: 'br' },
    ]
    await Promise.all(variants.map((variant) => s3.send(new PutObjectCommand({ ...common, ...variant }))))
    objects += variants.length
    bytes += variants.reduce((sum, v) => sum + v.Body.length, 0)
  }
  return { objects, bytes }
}
