import { POINT_STATUSES, SERVICES, SITE_KINDS, TOPICS } from '../vocabulary.ts'

/**
 * A place's filterable facts in one 32-bit word (the snapshot's `placeFacts`), so the
 * nearest-search predicate costs one memory read per candidate, as raw geokdbush with a service
 * mask does, instead of six reads scattered over point and site tables (at a million places each
 * is a cache miss: the predicate cost 2.3× the raw walk). Its bits:
 *   0–2    services (bit i = SERVICES[i])
 *   3–15   topics (bit i = TOPICS[i])
 *   16–18  the point's status, one bit set (POINT_STATUSES)
 *   19–22  the site's kind, one bit set (SITE_KINDS)
 *   23     step-free access
 *   24–31  the region's code (encodeRegion: 0 none, 1–20 Italy's; up to 255)
 * Province and comune need more bits than are left: they are read from the point's tables, only
 * by the queries that filter on them.
 */
export const FACT_SHIFT = { services: 0, topics: 3, status: 16, kind: 19, stepFree: 23, region: 24 } as const

if (SERVICES.length > 3 || TOPICS.length > 13 || POINT_STATUSES.length > 3 || SITE_KINDS.length > 4) {
  throw new Error('place-facts: a vocabulary outgrew its bits; widen the layout')
}

interface PointColumns {
  readonly pointServices: Uint32Array
  readonly pointTopics: Uint32Array
  readonly pointStatus: Uint8Array
  readonly pointStepFree: Uint8Array
  readonly pointRegion: Uint8Array
}

/** The point's part of its places' words, from the point columns at index p. */
export function pointFactBits(t: PointColumns, p: number): number {
  return (
    (t.pointServices[p]! << FACT_SHIFT.services) |
    (t.pointTopics[p]! << FACT_SHIFT.topics) |
    (1 << (FACT_SHIFT.status + t.pointStatus[p]!)) |
    (t.pointStepFree[p]! << FACT_SHIFT.stepFree) |
    (t.pointRegion[p]! << FACT_SHIFT.region)
  )
}

/** The site's part: its kind's bit. */
export const siteKindFactBit = (kind: number): number => 1 << (FACT_SHIFT.kind + kind)

/** The region's code in a place's word. */
export const regionOfFacts = (facts: number): number => facts >>> FACT_SHIFT.region
