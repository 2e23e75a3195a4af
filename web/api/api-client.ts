// The answers' types come from the API's own zod schemas: type-only imports, erased from the
// bundle, so the page carries no zod and cannot drift from what the API returns.
import type { Place, PlacePage } from '../../shared/schemas/place-view.ts'
import type { PointPage, PointView } from '../../shared/schemas/point-view.ts'
import type { ReportRequest, ReportStatusView } from '../../shared/schemas/report.ts'

export type { Place, PlacePage, PointPage }

/** A region, a province or a comune the comune search keeps to (a widget filtered to an area). */
export interface SearchArea {
  readonly region: string | null
  readonly province: string | null
  readonly comune?: string | null
}

export interface ApiClient {
  points(query: URLSearchParams, signal?: AbortSignal): Promise<PointPage>
  /** The point, or null when the API answers 404. */
  point(id: string, signal?: AbortSignal): Promise<PointView | null>
  /** The comuni matching `q` (a name or a CAP), with near misses and what the CAP resolved to; only within `area` when given. */
  places(q: string, signal?: AbortSignal, area?: SearchArea): Promise<PlacePage>
  /** Files a citizen's report ("Segnala un errore"). */
  fileReport(pointId: string, report: ReportRequest): Promise<ReportStatusView>
  /** A report's state, or null when the API no longer knows it. */
  reportStatus(pointId: string, reportId: string): Promise<ReportStatusView | null>
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly url: string) {
    super(`The API answered ${status} to ${url}`)
  }
}

/**
 * How long a request may take before the page gives up and says so (with "Riprova"): a connection
 * that takes a request and never answers (a tunnel, a captive portal) left the list "loading" for
 * good. Generous for a slow phone: an answer is a few tens of kilobytes.
 */
export const REQUEST_TIMEOUT_MS = 20_000

/** A GET of the public API's JSON; an answer other than 2xx is an ApiError, none within REQUEST_TIMEOUT_MS a TimeoutError. */
export async function getJson<T>(target: string, signal?: AbortSignal): Promise<T> {
  const deadline = withTimeout(signal, REQUEST_TIMEOUT_MS)
  try {
    const response = await fetch(target, { signal: deadline.signal, headers: { accept: 'application/json' } })
    if (!response.ok) throw new ApiError(response.status, target)
    return (await response.json()) as T
  } finally {
    deadline.clear()
  }
}

/**
 * The caller's signal, also aborted after `ms` with a TimeoutError (not an AbortError: callers
 * ignore those, as a newer request's doing). AbortSignal.any and .timeout are missing from the
 * Safari of older iPhones, so it is made by hand.
 */
function withTimeout(signal: AbortSignal | undefined, ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController()
  const forward = () => controller.abort(signal!.reason)
  if (signal?.aborted) forward()
  else signal?.addEventListener('abort', forward, { once: true })
  const timer = setTimeout(() => controller.abort(new DOMException('The API did not answer in time', 'TimeoutError')), ms)
  return {
    signal: controller.signal,
    clear: () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', forward)
    },
  }
}

/** The public API over fetch; `base` is the API origin (plus path prefix), e.g. `https://puntovicino.example/`. */
export function createApiClient(base: string): ApiClient {
  const url = (path: string, query?: URLSearchParams) => {
    const target = new URL(path, base)
    if (query) target.search = query.toString()
    return target.toString()
  }
  return {
    points: (query, signal) => getJson<PointPage>(url('v1/points', query), signal),
    point: async (id, signal) => {
      try {
        return await getJson<PointView>(url(`v1/points/${encodeURIComponent(id)}`), signal)
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
    places: (q, signal, area) => {
      const query = new URLSearchParams({ q, limit: '8' })
      if (area?.region) query.set('region', area.region)
      if (area?.province) query.set('province', area.province)
      if (area?.comune) query.set('comune', area.comune)
      return getJson<PlacePage>(url('v1/places', query), signal)
    },
    fileReport: async (pointId, report) => {
      const target = url(`v1/points/${encodeURIComponent(pointId)}/reports`)
      const response = await fetch(target, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: JSON.stringify(report) })
      if (!response.ok) throw new ApiError(response.status, target)
      return (await response.json()) as ReportStatusView
    },
    reportStatus: async (pointId, reportId) => {
      try {
        return await getJson<ReportStatusView>(url(`v1/points/${encodeURIComponent(pointId)}/reports/${encodeURIComponent(reportId)}`))
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null
        throw error
      }
    },
  }
}
