import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * A secret `npm start` makes once per data folder and keeps there (owner-only): a restart keeps
 * what it signed (sign-in sessions, tokens, the feed's cursors), and a new folder, which is a new
 * registry, does not take them (an app's cursor of the registry deleted with the old folder is
 * refused, not read as a position in the new one).
 */
export async function keptSecret<T>(file: string, make: () => T | Promise<T>): Promise<T> {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as T
  const secret = await make()
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, JSON.stringify(secret), { mode: 0o600 })
  return secret
}
