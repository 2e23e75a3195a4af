import { chosenCoding, weakTag } from './content-coding.ts'
import { ifNoneMatchNames } from '../api/if-none-match.ts'
import type { Context, Hono } from 'hono'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { RegistryFile } from '../exports/registry-files.ts'
import { CATALOG_FILE, CATALOG_TURTLE_FILE, contentDispositionOf, OPEN_DATA_INDEX_FILE, OPEN_DATA_PREFIX } from '../exports/open-data-layout.ts'
import { LOCAL_CONTENT_SECURITY_POLICY } from '../site/content-security-policy.ts'

/**
 * `/opendata/<file>` on one machine: the whole-registry files of the current snapshot, made on
 * the first request after each rebuild (on AWS the indexer writes them to S3 and CloudFront
 * serves them). Brotli or gzip as the client accepts, an ETag, and 304 for a matching one.
 */
export function mountOpenData(app: Hono<any, any, any>, snapshot: () => Snapshot | undefined): void {
  // Loaded on first use: csv-stringify and zlib's work are not start-up costs.
  const registryFiles = () => import('../exports/registry-files.ts')
  const files = lastMade<Map<string, RegistryFile>>()
  const filesOf = (current: Snapshot): Promise<Map<string, RegistryFile>> =>
    files([current], async () => new Map((await (await registryFiles()).buildRegistryFiles(current)).map((file) => [file.name, file])))
  const cataloged = async (current: Snapshot) => {
    const [{ catalogedFile }, made] = await Promise.all([registryFiles(), filesOf(current)])
    return [...made.values()].map(catalogedFile)
  }
  /** A handler given the current snapshot, or 503 while none is loaded. */
  const withSnapshot = (handle: (c: Context, current: Snapshot) => Promise<Response>) => async (c: Context) => {
    const current = snapshot()
    if (!current) return c.text('The registry is still loading; retry in a few seconds.', 503)
    return handle(c, current)
  }

  // The DCAT-AP_IT catalogue of those files (JSON-LD, Turtle), with this server's origin in its
  // addresses: made once per snapshot and origin (localhost and 127.0.0.1 each name their own).
  const catalogs = lastMade<RegistryFile[]>()
  app.on(['GET', 'HEAD'], [`/${OPEN_DATA_PREFIX}${CATALOG_FILE}`, `/${OPEN_DATA_PREFIX}${CATALOG_TURTLE_FILE}`], withSnapshot(async (c, current) => {
    const origin = new URL(c.req.url).origin
    const made = await catalogs([current, origin], async () => (await registryFiles()).catalogFiles(current, await cataloged(current), origin))
    return respond(c, made.find((file) => c.req.path.endsWith(`/${file.name}`))!)
  }))

  // The page that lists them, at /opendata/ (its links are relative: /opendata is sent there).
  const index = lastMade<RegistryFile>()
  app.on(['GET', 'HEAD'], `/${OPEN_DATA_PREFIX.slice(0, -1)}`, (c) => c.redirect(`/${OPEN_DATA_PREFIX}`, 301))
  app.on(['GET', 'HEAD'], [`/${OPEN_DATA_PREFIX}`, `/${OPEN_DATA_PREFIX}${OPEN_DATA_INDEX_FILE}`], withSnapshot(async (c, current) => {
    const page = await index([current], async () => {
      const { openDataIndexSource, registryFile } = await registryFiles()
      const source = openDataIndexSource(current, await cataloged(current), { catalog: true })
      return registryFile(source.name, source.contentType, source.text())
    })
    return respond(c, page)
  }))

  app.on(['GET', 'HEAD'], `/${OPEN_DATA_PREFIX}:name`, withSnapshot(async (c, current) => {
    const file = (await filesOf(current)).get(c.req.param('name') ?? '')
    if (!file) return c.notFound()
    return respond(c, file)
  }))
}

/**
 * The last thing made, kept while its key (each part compared with ===) stays the same: made
 * again for another key (a rebuilt snapshot, another origin), and after a failure, which is not kept.
 */
function lastMade<T>(): (key: readonly unknown[], make: () => Promise<T>) => Promise<T> {
  let last: { key: readonly unknown[]; made: Promise<T> } | undefined
  return (key, make) => {
    if (!last || last.key.length !== key.length || last.key.some((part, i) => part !== key[i])) {
      const made = make()
      last = { key, made }
      made.catch(() => {
        if (last?.made === made) last = undefined
      })
    }
    return last.made
  }
}

function respond(c: Context, file: RegistryFile): Response {
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    etag: weakTag(file.etag),
    'cache-control': 'public, max-age=300',
    vary: 'accept-encoding',
    'access-control-allow-origin': '*',
  }
  const disposition = contentDispositionOf(file.name)
  if (disposition) headers['content-disposition'] = disposition
  // The page, under the site's policy as CloudFront sends it on AWS.
  if (file.contentType.startsWith('text/html')) Object.assign(headers, { 'content-security-policy': LOCAL_CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' })
  if (ifNoneMatchNames(c.req.header('if-none-match'), file.etag)) return new Response(null, { status: 304, headers })
  const encoding = chosenCoding(c.req.header('accept-encoding'), ['br', 'gzip'] as const)
  const body = encoding === 'br' ? file.brotli : encoding === 'gzip' ? file.gzip : file.body
  if (encoding) headers['content-encoding'] = encoding
  headers['content-length'] = String(body.length)
  return new Response(c.req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers })
}
