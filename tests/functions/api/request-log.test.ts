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
  it("carries the rounded position, the status and the process's peak memory in MiB, read at most every 10 seconds", async () => {
    vi.useFakeTimers({ toFake: ['performance'] })
    const lines: Record<string, unknown>[] = []
    const app = appLoggingTo(lines)
    await app.request('/v1/points?near=41.902783,12.496366')
    const first = lines[0]!.peak_rss_mib as number
    // The kernel's high-water mark of this process: at least its resident size now.
    expect(first).toBeGreaterThanOrEqual(Math.floor(process.memoryUsage.rss() / 2 ** 20) - 1)
    // Touch enough memory to take the resident size 100 MiB past the first reading: the mark rises.
    const grown = new Uint8Array(Math.max(2 ** 20, (first + 100) * 2 ** 20 - process.memoryUsage.rss())).fill(1)
    vi.advanceTimersByTime(9_000)
    await app.request('/v1/points?near=45.4642,9.19')
    vi.advanceTimersByTime(1_500)
    await app.request('/v1/points')
    expect(grown[grown.length - 1]).toBe(1)
    const [, beforeTenSeconds, after] = lines.map((line) => line.peak_rss_mib as number)
    expect(beforeTenSeconds).toBe(first) // not read again within 10 s
    expect(after).toBeGreaterThanOrEqual(first + 90)
    expect(lines[0]).toMatchObject({ msg: 'request', method: 'GET', path: '/v1/points', query: { near: '41.90,12.50' }, status: 200 })
  })

  it("keeps no cursor: a page's cursor carries a hash of its query, from which the exact position was found in 0.16 s", async () => {
    const lines: Record<string, unknown>[] = []
    const cursor = 'eyJ2IjoxMSwicSI6InBvaW50czoxM2syNmQ3In0.c2lnbmF0dXJl'
    await appLoggingTo(lines).request(`/v1/points?near=43.7712,11.2558&cursor=${cursor}`)
    expect(lines[0]!.query).toEqual({ near: '43.77,11.26', cursor: `(${cursor.length} characters)` })
    expect(JSON.stringify(lines[0])).not.toContain(cursor.slice(0, 12))
  })
})
