/**
 * The header holds every one of `columns`, compared after trimming. Kept apart from format.ts
 * (which imports every reader) so that a reader can use it without an import cycle.
 */
export function hasColumns(header: readonly string[], columns: readonly string[]): boolean {
  const present = new Set(header.map((h) => h.trim()))
  return columns.every((c) => present.has(c))
}
