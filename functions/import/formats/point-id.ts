import { createHash } from 'node:crypto'
import { slugify } from '../../../shared/util/slugify.ts'

/**
 * Stable point ids: the same source row gives the same id on every import, so a re-import
 * updates points instead of duplicating them. `${source}-${slug}` when the source has an id,
 * a hash of the content when it has none.
 */

const MAX_ID_LENGTH = 120
const HASH_LENGTH = 12

export function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, HASH_LENGTH)
}

/**
 * `${source}-${slug of originalId}`, at most 120 characters: a slug that does not fit is cut and
 * ends with a hash of the full original id, so two long ids that share a start stay distinct.
 */
export function pointId(source: string, originalId: string): string {
  const prefix = slugify(source)
  const slug = slugify(originalId)
  if (slug.length === 0) return `${prefix}-${shortHash(originalId)}`
  const id = `${prefix}-${slug}`
  if (id.length <= MAX_ID_LENGTH) return id
  const room = MAX_ID_LENGTH - prefix.length - HASH_LENGTH - 2
  return `${prefix}-${slug.slice(0, room).replace(/-+$/, '')}-${shortHash(originalId)}`
}

/**
 * For sources without ids: a key from the content that names the point (normalised name and
 * comune), so trivial spelling differences (case, accents, spacing) keep the same id.
 */
export function contentPointId(source: string, parts: readonly string[]): string {
  return `${slugify(source)}-${shortHash(parts.map((p) => slugify(p)).join('|'))}`
}
