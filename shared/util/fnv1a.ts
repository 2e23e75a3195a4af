/**
 * 32-bit FNV-1a: a fast, stable string hash, for telling strings apart where a collision costs
 * nothing worse than a cache miss or a harmless mix-up (never for security: it is not keyed).
 */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}
