import type { Context, Hono } from 'hono'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import type { RegistryFile } from '../exports/registry-files.ts'
import { CATALOG_FILE, CATALOG_TURTLE_FILE, OPEN_DATA_PREFIX } from '../exports/open-data-layout.ts'

/**
 * `/opendata/<file>` on one machine: the whole-registry files of the current snapshot, made on
 * the first request after each rebuild (on AWS the indexer writes them to S3 and CloudFront
 * serves them). Brotli or gzip as the client accepts, an ETag, and 304 for a matching one.
 */
export function mountOpenData(app: Hono<any, any, any>, snapshot: () => Snapshot | undefined): void {
  let made: { for: Snapshot; files: Promise<Map<string, RegistryFile>> } | undefined
  const filesOf = (current: Snapshot): Promise<Map<string, RegistryFile>> => {
    if (made?.for !== current) {
      // Loaded on first use: csv-stringify and zlib's work are not start-up costs.
      const files = import('../exports/registry-files.ts').then(async ({ buildRegistryFiles }) => new Map((await buildRegistryFiles(current)).map((file) => [file.name, file])))
      made = { for: current, files }
      // A failed build is not kept: the next request tries again.
      files.catch(() => {
        if (made?.files === files) made = undefined
      })
    }
    return made.files
  }
  // The DCAT-AP_IT catalogue of those files (JSON-LD, Turtle), with this server's origin in its
  // addresses: made once per snapshot and origin (localhost and 127.0.0.1 each name their own).
  let catalogs: { for: Snapshot; origin: string; files: Promise<RegistryFile[]> } | undefined
  app.on(['GET', 'HEAD'], [`/${OPEN_DATA_PREFIX}${CATALOG_FILE}`, `/${OPEN_DATA_PREFIX}${CATALOG_TURTLE_FILE}`], async (c) => {
    const current = snapshot()
    if (!current) return c.text('The registry is still loading; retry in a few seconds.', 503)
    const origin = new URL(c.req.url).origin
    if (catalogs?.for !== current || catalogs.origin !== origin) {
      const files = Promise.all([import('../exports/registry-files.ts'), filesOf(current)]).then(([{ catalogFiles, catalogedFile }, made]) => catalogFiles(current, [...made.values()].map(catalogedFile), origin))
      catalogs = { for: current, origin, files }
      files.catch(() => {
        if (catalogs?.files === files) catalogs = undefined
      })
    }
    return respond(c, (await catalogs.files).find((file) => c.req.path.endsWith(`/${file.name}`))!)
  })
  app.on(['GET', 'HEAD'], `/${OPEN_DATA_PREFIX}:name`, async (c) => {
    const current = snapshot()
    if (!current) return c.text('The registry is still loading; retry in a few seconds.', 503)
    const file = (await filesOf(current)).get(c.req.param('name'))
    if (!file) return c.notFound()
    return respond(c, file)
  })
}

function respond(c: Context, file: RegistryFile): Response {
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    etag: file.etag,
    'cache-control': 'public, max-age=300',
    vary: 'accept-encoding',
    'access-control-allow-origin': '*',
    'content-disposition': `attachment; filename="${file.name}"`,
  }
  if (c.req.header('if-none-match')?.split(',').some((tag) => tag.trim() === file.etag)) return new Response(null, { status: 304, headers })
  const accepted = c.req.header('accept-encoding') ?? ''
  const [encoding, body] = /\bbr\b/.test(accepted) ? ['br', file.brotli] : /\bgzip\b/.test(accepted) ? ['gzip', file.gzip] : [null, file.body]
  if (encoding) headers['content-encoding'] = encoding
  headers['content-length'] = String(body.length)
  return new Response(c.req.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers })
}
