/**
 * The regions in ISTAT code order, for a menu. `Object.entries` cannot be trusted with them:
 * JavaScript lists integer-like keys ("10".."20") first, so "01".."09" would end up last.
 */
export const regionChoices = (regions: Readonly<Record<string, string>>): [code: string, name: string][] =>
  Object.entries(regions).sort(([a], [b]) => a.localeCompare(b))
