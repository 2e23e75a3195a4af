/**
 * The fields of `sent` that validation dropped: keys of an object that its parsed value lacks,
 * at any depth the two share (arrays are followed item by item). A zod object strips what it
 * does not know, so without this a misspelt `openinghours` would be dropped in silence and the
 * site saved without hours. `ignore` holds top-level keys that are expected and dropped on
 * purpose (a stored record's `version` sent back whole).
 */
export function unknownFields(sent: unknown, parsed: unknown, ignore: ReadonlySet<string> = new Set()): string[] {
  const found: string[] = []
  const walk = (a: unknown, b: unknown, path: string[]) => {
    if (Array.isArray(a) && Array.isArray(b)) {
      a.forEach((item, i) => walk(item, b[i], [...path, String(i)]))
      return
    }
    if (!isObject(a) || !isObject(b)) return
    for (const key of Object.keys(a)) {
      if (path.length === 0 && ignore.has(key)) continue
      if (!Object.hasOwn(b, key)) found.push([...path, key].join('.'))
      else walk(a[key], b[key], [...path, key])
    }
  }
  walk(sent, parsed, [])
  return found
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
