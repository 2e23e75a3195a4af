/**
 * The readable part of a page's address: "Biblioteca San Giovanni – Perugia" → "biblioteca-san-giovanni-perugia".
 * Accents dropped (NFD), anything but ASCII letters and digits a single hyphen, at most 80
 * characters cut at a hyphen. The id before it identifies the page; the slug only reads well,
 * so an old slug redirects to the current one.
 */
export function slugOf(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (slug.length <= 80) return slug || 'punto'
  const cut = slug.slice(0, 80)
  return cut.slice(0, cut.lastIndexOf('-') > 40 ? cut.lastIndexOf('-') : 80)
}
