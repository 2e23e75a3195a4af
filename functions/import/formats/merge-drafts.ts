import type { PointDraft } from '../../../shared/schemas/point.ts'

const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...new Set([...a, ...b])]

/**
 * Joins two drafts of the same point (two rows of the template, one per site): `a` keeps its
 * point-level fields and gets `b`'s sites appended; services, topics and languages are the union.
 * Duplicate site ids and more than 50 sites are left for `validateDraft` on the merged draft to
 * report, so merge everything first and validate once.
 */
export function mergeDrafts(a: PointDraft, b: PointDraft): PointDraft {
  if (a.id !== b.id) throw new Error(`mergeDrafts: cannot merge point ${b.id} into ${a.id}`)
  return {
    ...a,
    sites: [...a.sites, ...b.sites],
    services: union(a.services, b.services),
    topics: union(a.topics, b.topics),
    languages: union(a.languages, b.languages),
  }
}
