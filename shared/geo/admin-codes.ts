/**
 * The point's administrative units as small integers, so filters compare numbers in typed arrays
 * instead of strings in objects. 0 means "none" (a point outside Italy). The same functions encode
 * the records and the filter, so the two cannot disagree.
 */

/** "09" → 9. */
export function encodeRegion(istat: string | null): number {
  return istat === null ? 0 : Number(istat)
}

/** "FI" → a number below 1024 (5 bits per letter). */
export function encodeProvince(sigla: string | null): number {
  return sigla === null ? 0 : ((sigla.charCodeAt(0) - 64) << 5) | (sigla.charCodeAt(1) - 64)
}

/** 9 → "09"; 0 → null. */
export function decodeRegion(code: number): string | null {
  return code === 0 ? null : String(code).padStart(2, '0')
}

/** The sigla `encodeProvince` made the number of; 0 → null. */
export function decodeProvince(code: number): string | null {
  return code === 0 ? null : String.fromCharCode((code >> 5) + 64, (code & 31) + 64)
}

/** "048017" → 48017. */
export function encodeComune(istat: string | null): number {
  return istat === null ? 0 : Number(istat)
}
