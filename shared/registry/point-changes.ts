import type { PointDraft, PointRecord } from '../schemas/point.ts'
import { stableStringify } from '../util/stable-json.ts'

/**
 * What one write did to a point, told the same way in its history, in the change feed and in
 * the operators' console. Pure: the store, the API and the page all classify with this.
 */
export const CHANGE_KINDS = ['created', 'changed', 'verified', 'closed', 'reopened'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

/** Fields the store sets itself: never "what changed". */
const BOOKKEEPING = new Set(['version', 'updated_at'])

type Comparable = PointDraft | PointRecord

/** The top-level fields whose content differs (sorted): `sites`, `contacts`, `status`, … */
export function changedFields(before: Comparable | null, after: Comparable): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)])
  const changed: string[] = []
  for (const key of keys) {
    if (BOOKKEEPING.has(key)) continue
    // An optional field absent and the same field null say the same thing (no description).
    const a = before ? ((before as Record<string, unknown>)[key] ?? null) : undefined
    const b = (after as Record<string, unknown>)[key] ?? null
    if (before === null || stableStringify(a) !== stableStringify(b)) changed.push(key)
  }
  return changed.sort()
}

export function classifyChange(before: Comparable | null, after: Comparable): ChangeKind {
  if (before === null) return 'created'
  if (after.status === 'closed' && before.status !== 'closed') return 'closed'
  if (before.status === 'closed' && after.status !== 'closed') return 'reopened'
  const changed = changedFields(before, after)
  if (changed.length === 1 && changed[0] === 'last_verified_at') return 'verified'
  return 'changed'
}

/** A stored record as the draft a writer sends back: everything but the store's bookkeeping. */
export const draftOf = ({ version: _v, updated_at: _u, ...draft }: PointRecord): PointDraft => draft as PointDraft

/** Whether a write would change anything a reader can see (bookkeeping aside). */
export const sameContent = (a: Comparable, b: Comparable): boolean => changedFields(a, b).length === 0
