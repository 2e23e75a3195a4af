// The answers' types come from the API's own zod schemas (type-only imports, erased from the bundle).
import type { CoverageComuniView, CoverageView, GapsPage } from '../../shared/schemas/coverage-view.ts'
import type { PointPage } from '../../shared/schemas/point-view.ts'
import type { Regions } from '../../shared/schemas/region-view.ts'
import { getJson } from '../api/api-client.ts'
import { isDemoPoint } from '../list/demo-badge.ts'

/** A region (ISTAT code) or a province (sigla) the page narrows to; null is Italy. */
export type StatsArea = { readonly region: string } | { readonly province: string } | null

/** Everything the statistics page shows for Italy, one region or one province, fetched together. */
export interface StatsData {
  readonly regions: Regions
  readonly coverage: CoverageView
  readonly comuni: CoverageComuniView
  readonly gaps: GapsPage
  /** The registry is the generated demo (its points say `source.dataset: "demo"`): the page says so. */
  readonly demo: boolean
}

export const GAPS_SHOWN = 10

/** The API's addresses for an area (null: Italy), also the CSV downloads' links. */
export function statsUrls(apiBase: string, area: StatsArea) {
  const url = (path: string, params: Record<string, string> = {}) => {
    const target = new URL(path, apiBase)
    for (const [name, value] of Object.entries({ ...area, ...params })) target.searchParams.set(name, value)
    return target.toString()
  }
  return {
    coverage: url('v1/coverage'),
    coverageCsv: url('v1/coverage.csv'),
    comuni: url('v1/coverage/comuni'),
    comuniCsv: url('v1/coverage/comuni.csv'),
    gaps: url('v1/coverage/gaps', { limit: String(GAPS_SHOWN) }),
    gapsCsv: url('v1/coverage/gaps.csv'),
    pointsCsv: url('v1/coverage/points.csv'),
    regions: new URL('v1/regions', apiBase).toString(),
    regionsCsv: new URL('v1/regions.csv', apiBase).toString(),
    onePoint: url('v1/points', { limit: '1' }),
  }
}

export async function loadStats(apiBase: string, area: StatsArea, signal?: AbortSignal): Promise<StatsData> {
  const urls = statsUrls(apiBase, area)
  const [regions, coverage, comuni, gaps, sample] = await Promise.all([
    getJson<Regions>(urls.regions, signal),
    getJson<CoverageView>(urls.coverage, signal),
    getJson<CoverageComuniView>(urls.comuni, signal),
    getJson<GapsPage>(urls.gaps, signal),
    getJson<PointPage>(urls.onePoint, signal),
  ])
  return { regions, coverage, comuni, gaps, demo: sample.items.some(isDemoPoint) }
}
