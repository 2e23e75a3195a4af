import type { S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { CatalogPublisher } from './catalog-publisher.ts'
import { readableSink, writeEncodedFile, type FileSink } from './encoded-file.ts'
import { contentDispositionOf, OPEN_DATA_PREFIX } from './open-data-layout.ts'
import { catalogSources, openDataIndexSource, registryFileSources, type CatalogedFile, type RegistryFileSource } from './registry-files.ts'

/**
 * Multipart parts of 8 MiB, two in flight per object while a third fills: with the three objects
 * of a file written at once, at most ~75 MiB of upload buffers whatever the file's size (S3 takes
 * parts of 5 MiB and more; the compressed objects, a tenth of the body, rarely fill theirs).
 */
const PART_BYTES = 8 * 2 ** 20
const PARTS_IN_FLIGHT = 2

/**
 * Writes the whole-registry files to S3 under opendata/, each three times: as is, `.gz` and `.br`
 * with their Content-Encoding; then, given the site's origin, their DCAT-AP_IT catalogue by
 * `publisher` (the demo's when none); last the page that lists them (index.html, which
 * CloudFront serves at /opendata/). CloudFront serves them at /opendata/<name>; its
 * viewer-request function picks the encoding the client accepts
 * (OPEN_DATA_ENCODING_FUNCTION in infra/constructs/static-site.ts), since it compresses nothing above 10 MB by itself.
 *
 * Each file is streamed into its three uploads as it is made, one file at a time: a national
 * registry's files are hundreds of megabytes each, which the indexer held whole with their two
 * encodings before (a 3.3-GiB peak at 707,000 points, docs/PERFORMANCE.md).
 */
export async function publishRegistryFiles(s3: S3Client, bucket: string, snapshot: Snapshot, siteOrigin: string | undefined, publisher?: CatalogPublisher): Promise<{ objects: number; bytes: number }> {
  let objects = 0
  let bytes = 0
  const cataloged: CatalogedFile[] = []
  const upload = async (source: RegistryFileSource): Promise<void> => {
    const common = {
      Bucket: bucket,
      ContentType: source.contentType,
      // Regenerated with every snapshot: a few minutes at the edge, then revalidated by ETag.
      CacheControl: 'public, max-age=300',
    }
    const disposition = contentDispositionOf(source.name)
    const sink = (suffix: string, encoding?: string): FileSink =>
      readableSink((Body) =>
        new Upload({
          client: s3,
          params: { ...common, Key: `${OPEN_DATA_PREFIX}${source.name}${suffix}`, Body, ...(disposition ? { ContentDisposition: disposition } : {}), ...(encoding ? { ContentEncoding: encoding } : {}) },
          partSize: PART_BYTES,
          queueSize: PARTS_IN_FLIGHT,
        }).done(),
      )
    const written = await writeEncodedFile(source.text(), { body: sink(''), gzip: sink('.gz', 'gzip'), brotli: sink('.br', 'br') })
    objects += 3
    bytes += written.bytes + written.gzipBytes + written.brotliBytes
    cataloged.push({ name: source.name, bytes: written.bytes })
  }
  for (const source of registryFileSources(snapshot)) await upload(source)
  const dataFiles = [...cataloged]
  if (siteOrigin) for (const source of await catalogSources(snapshot, dataFiles, siteOrigin, publisher)) await upload(source)
  await upload(openDataIndexSource(snapshot, dataFiles, { catalog: Boolean(siteOrigin) }))
  return { objects, bytes }
}
