import { expect } from 'vitest'
import type { ApiFixture } from './app-fixture.ts'
import { queryString, type FilterParams } from './filter-params.ts'

export interface ListedPoint {
  id: string
  distance_m?: number
  open_now: boolean
  site?: { id: string }
}

/** Follows `next_cursor` from the first page (or from `startCursor`) to the last; fails if a walk does not end. */
export async function walkPages(
  fixture: ApiFixture,
  params: FilterParams,
  { maxPages = 200, startCursor }: { maxPages?: number; startCursor?: string } = {},
): Promise<{ items: ListedPoint[]; pages: number }> {
  const items: ListedPoint[] = []
  let cursor: string | null = startCursor ?? null
  for (let pages = 1; pages <= maxPages; pages++) {
    const page: { items: ListedPoint[]; next_cursor: string | null } = await fixture.getJson(
      `/v1/points?${queryString({ ...params, ...(cursor ? { cursor } : {}) })}`,
    )
    items.push(...page.items)
    if (page.next_cursor === null) return { items, pages }
    expect(page.items.length, 'a page with a next_cursor is full').toBe(Number(params.limit ?? 20))
    cursor = page.next_cursor
  }
  throw new Error(`walk over ${queryString(params)} did not end within ${maxPages} pages`)
}
