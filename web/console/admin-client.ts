// Types only, from the API's own zod schemas: erased from the bundle, never copied by hand.
import type { HistoryView } from '../../shared/schemas/history-view.ts'
import type { MyPoints } from '../../shared/schemas/my-points-view.ts'
import type { PointDraft, PointRecord } from '../../shared/schemas/point.ts'
import type { Problem } from '../../shared/schemas/problem-view.ts'
import type { OperatorReportView as OperatorReport } from '../../shared/schemas/report.ts'

export type { HistoryView, MyPoints, OperatorReport, PointDraft, PointRecord, Problem }

/** A write's answer: the new version, someone else's newer version (412), or what was wrong. */
export type WriteResult = { ok: true; record: PointRecord; etag: string } | { ok: false; conflict: true } | { ok: false; conflict: false; problem: Problem }

/** The session ended (expired, or the token was refused): the console asks to sign in again. */
export class SignInNeeded extends Error {}

/** The operators' API (`/v1/admin/`), with the session's token as it is at each call (it may have been extended). */
export function adminClient(token: () => string) {
  const call = async (method: string, path: string, { body, etag, type = 'application/json' }: { body?: unknown; etag?: string; type?: string } = {}): Promise<Response> => {
    const response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token()}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': type } : {}), ...(etag ? { 'if-match': etag } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (response.status === 401) throw new SignInNeeded()
    return response
  }
  const json = async <T>(response: Response): Promise<T> => {
    if (!response.ok) throw Object.assign(new Error(`${response.status}`), { problem: (await response.json()) as Problem })
    return (await response.json()) as T
  }
  const write = async (response: Response): Promise<WriteResult> => {
    if (response.ok) return { ok: true, record: (await response.json()) as PointRecord, etag: response.headers.get('etag') ?? '' }
    if (response.status === 412) return { ok: false, conflict: true }
    return { ok: false, conflict: false, problem: (await response.json()) as Problem }
  }
  return {
    myPoints: async (region?: string) => json<MyPoints>(await call('GET', `/v1/admin/points${region ? `?region=${region}` : ''}`)),
    point: async (id: string) => {
      const response = await call('GET', `/v1/admin/points/${encodeURIComponent(id)}`)
      return { record: await json<PointRecord>(response), etag: response.headers.get('etag') ?? '' }
    },
    replace: async (id: string, etag: string, draft: PointDraft) => write(await call('PUT', `/v1/admin/points/${encodeURIComponent(id)}`, { body: draft, etag })),
    verify: async (id: string, etag: string) => write(await call('POST', `/v1/admin/points/${encodeURIComponent(id)}/verified`, { etag })),
    close: async (id: string, etag: string, reason: string) => write(await call('DELETE', `/v1/admin/points/${encodeURIComponent(id)}`, { body: { reason }, etag })),
    history: async (id: string) => json<HistoryView>(await call('GET', `/v1/admin/points/${encodeURIComponent(id)}/history`)),
    reports: async (id: string) => (await json<{ items: OperatorReport[] }>(await call('GET', `/v1/admin/points/${encodeURIComponent(id)}/reports`))).items,
    closeReport: async (pointId: string, reportId: string, outcome: 'resolved' | 'dismissed', note: string) => {
      const response = await call('POST', `/v1/admin/points/${encodeURIComponent(pointId)}/reports/${reportId}/resolution`, { body: { outcome, note } })
      return response.ok ? { ok: true as const } : { ok: false as const, problem: (await response.json()) as Problem }
    },
  }
}
export type AdminClient = ReturnType<typeof adminClient>
