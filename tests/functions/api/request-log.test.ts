import { Hono } from 'hono'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { requestLog } from '../../../functions/api/middleware/request-log.ts'

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

function appLoggingTo(lines: Record<string, unknown>[]) {
  return new Hono().use('*', requestLog({ sink: (line) => lines.push(line) })).get('/v1/points', (c) => c.json({ items: [] }))
}

describe('the request log line', () => {
  it('carries the rounded position, the status and the resident memory in MiB, read at most every 10 seconds', async () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    const rss = vi.spyOn(process.memoryUsage, 'rss').mockReturnValue(300 * 2 ** 20)
    const lines: Record<string, unknown>[] = []
    const app = appLoggingTo(lines)
    await app.request('/v1/points?near=41.902783,12.496366')
    rss.mockReturnValue(900 * 2 ** 20)
    vi.advanceTimersByTime(9_000)
    await app.request('/v1/points?near=45.4642,9.19')
    vi.advanceTimersByTime(1_500)
    await app.request('/v1/points')
    expect(lines.map((line) => line.rss_mib)).toEqual([300, 300, 900])
    expect(rss).toHaveBeenCalledTimes(2)
    expect(lines[0]).toMatchObject({ msg: 'request', method: 'GET', path: '/v1/points', query: { near: '41.90,12.50' }, status: 200 })
  })
})
