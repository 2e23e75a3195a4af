/**
 * Whether an `If-None-Match` field names `etag`, by the weak comparison RFC 9110 §13.1.2 requires
 * for it: `W/"x"` and `"x"` are the same tag here. Caches and proxies add or drop the `W/` (a CDN
 * that compresses an answer weakens its tag), and a strict comparison would silently turn every
 * revalidation through them into a full answer. `*` counts only with `star` (the caller knows a
 * current representation exists). The field is parsed as entity tags, not split on commas: a
 * comma is a legal character inside a tag.
 */
export function ifNoneMatchNames(field: string | undefined | null, etag: string, { star = true }: { star?: boolean } = {}): boolean {
  if (!field) return false
  // `*` is the whole field or nothing (RFC 9110: "*" / #entity-tag), never a character among tags.
  if (field.trim() === '*') return star
  const wanted = opaqueTag(etag)
  for (const [tag] of field.matchAll(ENTITY_TAG)) {
    if (opaqueTag(tag) === wanted) return true
  }
  return false
}

const ENTITY_TAG = /(?:W\/)?"[^"]*"/g

const opaqueTag = (tag: string): string => (tag.startsWith('W/') ? tag.slice(2) : tag)
