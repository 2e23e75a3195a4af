import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { DOCS_ASSETS, type DocsAssetName } from '../functions/api/routes/docs.ts'

/** The URL path under which /v1/docs loads Swagger UI's files (see functions/api/routes/docs.ts). */
export const DOCS_ASSETS_PREFIX = 'v1/docs/assets'

/**
 * Copies Swagger UI's two files into `<outdir>/v1/docs/assets/`, a folder laid out like the site
 * bucket: CloudFront serves `/v1/docs/assets/*` from there, so the API bundle stays small and
 * the docs page needs no outside network. Returns outdir.
 */
export function stageDocsAssets(outdir: string): string {
  const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  const target = join(outdir, DOCS_ASSETS_PREFIX)
  mkdirSync(target, { recursive: true })
  for (const name of Object.keys(DOCS_ASSETS) as DocsAssetName[]) copyFileSync(join(swaggerUiDir, name), join(target, name))
  return outdir
}
