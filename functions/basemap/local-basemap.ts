import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { ARCHIVE_FILE_PATTERN } from '../../shared/map/basemap-layout.ts'
import { archiveSiteName, safeAttribution } from './archive-naming.ts'
import { archiveStyle } from './archive-style.ts'
import { ArchiveError, inspectArchive, type ArchiveReport } from './inspect-archive.ts'

/**
 * The archive `npm start` serves, chosen with `npm run basemap -- use FILE` and remembered in
 * `.data/basemap.json`: the file stays where it is (an Italy archive is gigabytes), the choice
 * names it. The style is made from it at each start, so a newer style needs no new `use`.
 */
/** `.data/basemap.json`: watched by the local server, which reads the choice again when it changes. */
export const choiceFile = (dataDir: string) => join(dataDir, 'basemap.json')

const Choice = z.object({
  archive: z.string().min(1),
  siteName: z.string().regex(ARCHIVE_FILE_PATTERN),
  attribution: z.string(),
  /** The file as it was when chosen: if it changed since, its name (and hash) is made again. */
  bytes: z.number().int().nonnegative(),
  modifiedMs: z.number(),
})
type Choice = z.infer<typeof Choice>

export interface LocalBasemap {
  /** The archive on disk. */
  readonly archivePath: string
  /** Its name under /tiles/. */
  readonly siteName: string
  readonly style: ReturnType<typeof archiveStyle>
}

export async function useArchive(path: string, dataDir: string): Promise<{ report: ArchiveReport; siteName: string }> {
  const archive = resolve(path)
  const report = await inspectArchive(archive)
  if (report.errors.length > 0) throw new ArchiveError(`${path}: ${report.errors.join('; ')}`)
  const siteName = await archiveSiteName(archive)
  writeChoice(dataDir, { archive, siteName, attribution: safeAttribution(report.attribution), ...fileState(archive) })
  return { report, siteName }
}

const fileState = (path: string) => {
  const { size, mtimeMs } = statSync(path)
  return { bytes: size, modifiedMs: mtimeMs }
}

function writeChoice(dataDir: string, choice: Choice): void {
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(choiceFile(dataDir), `${JSON.stringify(choice, null, 2)}\n`)
}

/** Back to the built-in offline map. True when an archive was in use. */
export function stopUsingArchive(dataDir: string): boolean {
  const file = choiceFile(dataDir)
  const had = existsSync(file)
  rmSync(file, { force: true })
  return had
}

/** The chosen archive, or null (none chosen, or the file is gone: then `warn` says so and the offline map is used). */
export async function readLocalBasemap(dataDir: string, warn: (message: string) => void): Promise<LocalBasemap | null> {
  const file = choiceFile(dataDir)
  if (!existsSync(file)) return null
  const parsed = Choice.safeParse(JSON.parse(readFileSync(file, 'utf8')))
  if (!parsed.success) {
    warn(`${file} is not a basemap choice (${parsed.error.issues[0]?.message}); run \`npm run basemap -- use FILE\` again. Using the built-in map.`)
    return null
  }
  const { archive, attribution } = parsed.data
  if (!existsSync(archive)) {
    warn(`the basemap archive ${archive} is gone; using the built-in map (\`npm run basemap -- use FILE\` to choose another)`)
    return null
  }
  let { siteName } = parsed.data
  const now = fileState(archive)
  if (now.bytes !== parsed.data.bytes || now.modifiedMs !== parsed.data.modifiedMs) {
    // Rewritten in place since it was chosen: a new name, or browsers keep the old tiles for a year.
    siteName = await archiveSiteName(archive)
    writeChoice(dataDir, { ...parsed.data, siteName, ...now })
  }
  return { archivePath: archive, siteName, style: archiveStyle({ archiveFile: siteName, attribution }) }
}
