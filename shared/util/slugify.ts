/**
 * Lowercase ASCII letters, digits and single hyphens: "Sede n° 3 – Bari" → "sede-n-3-bari",
 * "Città di Castello" → "citta-di-castello". Accents are dropped rather than the letters they sit on.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
