import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * A secret `npm start` makes once per data folder and keeps there (owner-only): a restart keeps
 * what it signed (sign-in sessions, tokens, the feed's cursors), and a new folder, which is a new
 * registry, does not take them (an app's cursor of the registry deleted with the old folder is
 * refused, not read as a position in the new one). Written whole or not at all (a file renamed
 * into place); one that cannot be read (emptied, cut short) is made again, with a warning: what
 * the old one signed is then refused, as after a new folder.
 */
export async function keptSecret<T>(file: string, make: () => T | Promise<T>, warn: (message: string) => void = console.warn): Promise<T> {
  if (existsSync(file)) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as T
    } catch {
      warn(`[puntovicino] ${file} could not be read: a new secret is made (what the old one signed is refused)`)
    }
  }
  const secret = await make()
  mkdirSync(dirname(file), { recursive: true })
  const written = `${file}.${process.pid}.tmp`
  writeFileSync(written, JSON.stringify(secret), { mode: 0o600 })
  renameSync(written, file)
  return secret
}
