import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { ARCHIVE_FILE_PATTERN } from '../../shared/map/basemap-layout.ts'

/**
 * An archive's name on the site: its own name, cleaned, and 12 hex digits of the SHA-256 of its
 * bytes, so a new archive is a new address (cached for a year, never stale) and the same file
 * published twice is the same object.
 */
export async function archiveSiteName(path: string): Promise<string> {
  const hash = createHash('sha256')
  await pipeline(createReadStream(path), hash)
  const stem =
    basename(path, '.pmtiles')
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'basemap'
  const name = `${stem}-${hash.digest('hex').slice(0, 12)}.pmtiles`
  if (!ARCHIVE_FILE_PATTERN.test(name)) throw new Error(`archiveSiteName: made an unexpected name ${name}`)
  return name
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const OSM_COPYRIGHT = '<a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">© OpenStreetMap</a>'

/**
 * The map's attribution from an archive's metadata. MapLibre shows attributions as HTML, and an
 * archive is a file from outside: its text is kept, its markup is not; OpenStreetMap's credit
 * becomes the link to its copyright page the licence asks for.
 */
export function safeAttribution(raw: string): string {
  const text = raw
    .replace(/<[^>]*>/g, ' ')
    .replace(/&copy;/gi, '©')
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim()
  const mentionsOsm = /openstreetmap/i.test(text)
  const rest = escapeHtml(text.replace(/©?\s*openstreetmap( contributors)?/gi, '').replace(/\s+/g, ' ').trim())
  return [rest, mentionsOsm ? OSM_COPYRIGHT : ''].filter(Boolean).join(' ')
}
