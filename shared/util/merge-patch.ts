/** A patch nested deeper than any point is: refused rather than followed to the stack's end. */
export class PatchTooDeepError extends Error {}

/** Deeper than the deepest field of a point (sites.N.stops.N.place.location.lat is 7). */
export const MAX_PATCH_DEPTH = 32

/**
 * JSON Merge Patch (RFC 7396): objects merge key by key, `null` removes a key, anything else
 * (arrays included) replaces. The operators' PATCH applies it to the stored point, and the result
 * is then validated whole, like any other write. Every key is written as an own property, so a
 * `__proto__` key is a field like any other (and then refused as unknown), never a prototype.
 */
export function applyMergePatch(target: unknown, patch: unknown, depth = 0): unknown {
  if (!isPlainObject(patch)) return patch
  if (depth >= MAX_PATCH_DEPTH) throw new PatchTooDeepError(`the patch is nested more than ${MAX_PATCH_DEPTH} levels deep`)
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key]
    else Object.defineProperty(result, key, { value: applyMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value, depth + 1), enumerable: true, writable: true, configurable: true })
  }
  return result
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
