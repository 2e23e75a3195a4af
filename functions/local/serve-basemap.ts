import type { Context, Hono } from 'hono'
import { createReadStream, statSync } from 'node:fs'
import { Readable } from 'node:stream'
import { STYLE_FILE, TILES_FOLDER } from '../../shared/map/basemap-layout.ts'
import { choiceFile, readLocalBasemap, type LocalBasemap } from '../basemap/local-basemap.ts'

/**
 * `/tiles/style.json` and `/tiles/<archive>` on one machine: the archive chosen with
 * `npm run basemap -- use FILE`, read with HTTP range requests as the `pmtiles` library does
 * (and as CloudFront serves it from S3). With none chosen the site's own files answer, as
 * CloudFront falls back to them: the build's built-in style.json. The choice is read again when `.data/basemap.json` changes, so `use` takes
 * effect without a restart.
 */
export interface BasemapServing {
  readonly dataDir: string
  readonly warn: (message: string) => void
}

/** A year, as for every content-addressed file: the archive's name changes with its bytes. */
const ARCHIVE_CACHE = 'public, max-age=31536000, immutable'
const CORS = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag, Content-Range, Content-Length' }

type ByteRange = { start: number; end: number }

/**
 * One `bytes=` range (RFC 9110 §14.1.2) within a file of `size` bytes: `a-b`, `a-`, `-n`.
 * `undefined` when there is no usable single range (absent, several, or malformed: the whole
 * file is sent, as the RFC allows); `null` when it cannot be satisfied (416).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | null | undefined {
  const match = header?.trim().match(/^bytes=(\d*)-(\d*)$/)
  if (!match || (match[1] === '' && match[2] === '')) return undefined
  const [first, last] = [match[1]!, match[2]!]
  if (first === '') {
    const suffix = Number(last)
    return suffix === 0 || size === 0 ? null : { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  return start >= size || end < start ? null : { start, end }
}

function archiveResponse(c: Context, basemap: LocalBasemap): Response {
  const { size } = statSync(basemap.archivePath)
  // The name carries the content's hash: a strong validator.
  const etag = `"${basemap.siteName}"`
  const headers: Record<string, string> = {
    ...CORS,
    'content-type': 'application/vnd.pmtiles',
    'accept-ranges': 'bytes',
    'cache-control': ARCHIVE_CACHE,
    etag,
  }
  const range = parseByteRange(c.req.header('range'), size)
  if (range === null) return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } })
  const { start, end } = range ?? { start: 0, end: size - 1 }
  headers['content-length'] = String(end - start + 1)
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`
  const status = range ? 206 : 200
  if (c.req.method === 'HEAD' || size === 0) return new Response(null, { status, headers })
  const body = Readable.toWeb(createReadStream(basemap.archivePath, { start, end })) as ReadableStream<Uint8Array>
  return new Response(body, { status, headers })
}

export function mountBasemap(app: Hono<any, any, any>, { dataDir, warn }: BasemapServing): void {
  let cached: { choiceChangedMs: number; basemap: Promise<LocalBasemap | null> } | undefined
  const current = (): Promise<LocalBasemap | null> => {
    let choiceChangedMs = -1
    try {
      choiceChangedMs = statSync(choiceFile(dataDir)).mtimeMs
    } catch {
      // No choice: the built-in map.
    }
    if (cached?.choiceChangedMs !== choiceChangedMs) cached = { choiceChangedMs, basemap: readLocalBasemap(dataDir, warn) }
    return cached.basemap
  }
  app.on(['GET', 'HEAD'], `/${TILES_FOLDER}/:file`, async (c, next) => {
    const basemap = await current()
    // None chosen: the site's own files answer (the build's built-in style.json).
    if (!basemap) return next()
    const file = c.req.param('file')
    if (file === STYLE_FILE) {
      // Short: a newly chosen archive shows on the next load.
      return c.json(basemap.style, 200, { ...CORS, 'cache-control': 'no-cache' })
    }
    if (file !== basemap.siteName) return next()
    return archiveResponse(c, basemap)
  })
}
