import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { DocsAssetReader } from '../api/routes/docs.ts'

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

/** Swagger UI's files, read from the installed package (on AWS the static site carries them). */
export const readDocsAssetFromPackage: DocsAssetReader = async (name) => {
  try {
    return await readFile(join(swaggerUiDir, name))
  } catch {
    return undefined
  }
}
