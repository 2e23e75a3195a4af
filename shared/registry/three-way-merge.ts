import { stableStringify } from '../util/stable-json.ts'

/**
 * Three versions of one value: what an operator opened (`base`), what they were saving (`mine`)
 * and what someone else saved meanwhile (`theirs`). The merge keeps every change of either side:
 * objects are merged key by key, lists of things with an `id` (a point's sites) thing by thing,
 * and any other value (a text, a day's slots, a list of services) is taken whole from the side
 * that changed it. Where both changed the same value differently, mine is kept (the operator
 * redoes their change) and its path is listed, for the operator to check.
 */
export interface MergeResult<T> {
  readonly merged: T
  /** Paths both sides changed to different values (`contacts.email`, `sites.biblioteca.opening_hours.mo`). */
  readonly conflicts: readonly string[]
}

export function threeWayMerge<T>(base: T, mine: T, theirs: T): MergeResult<T> {
  const conflicts: string[] = []
  const merged = mergeValue(base, mine, theirs, '', conflicts) as T
  return { merged, conflicts }
}

const same = (a: unknown, b: unknown): boolean => stableStringify(a) === stableStringify(b)
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)
const isIdList = (v: unknown): v is Array<{ id: string }> => Array.isArray(v) && v.every((item) => isRecord(item) && typeof item.id === 'string')
const join = (path: string, key: string): string => (path ? `${path}.${key}` : key)

function mergeValue(base: unknown, mine: unknown, theirs: unknown, path: string, conflicts: string[]): unknown {
  if (same(mine, theirs)) return mine
  if (same(base, mine)) return theirs
  if (same(base, theirs)) return mine
  if (isRecord(base) && isRecord(mine) && isRecord(theirs)) return mergeRecords(base, mine, theirs, path, conflicts)
  if (isIdList(base) && isIdList(mine) && isIdList(theirs)) return mergeIdLists(base, mine, theirs, path, conflicts)
  conflicts.push(path)
  return mine
}

function mergeRecords(base: Record<string, unknown>, mine: Record<string, unknown>, theirs: Record<string, unknown>, path: string, conflicts: string[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {}
  // Their key order first, then keys only mine has: the stored version's shape, with my additions.
  for (const key of new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)])) {
    const value = mergeValue(base[key], mine[key], theirs[key], join(path, key), conflicts)
    if (value !== undefined) merged[key] = value
  }
  return merged
}

function mergeIdLists(base: Array<{ id: string }>, mine: Array<{ id: string }>, theirs: Array<{ id: string }>, path: string, conflicts: string[]): unknown[] {
  const byId = (list: Array<{ id: string }>) => new Map(list.map((item) => [item.id, item]))
  const [baseItems, myItems, theirItems] = [byId(base), byId(mine), byId(theirs)]
  const merged: unknown[] = []
  // Their order, then what only I added: an item one side removed stays removed unless the other changed it.
  for (const id of new Set([...theirItems.keys(), ...myItems.keys()])) {
    const value = mergeValue(baseItems.get(id), myItems.get(id), theirItems.get(id), join(path, id), conflicts)
    if (value !== undefined) merged.push(value)
  }
  return merged
}
