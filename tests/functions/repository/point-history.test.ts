import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VersionConflictError, type Author } from '../../../shared/registry-port.ts'
import { draftOf } from '../../../shared/registry/point-changes.ts'
import type { PointDraft } from '../../../shared/schemas/point.ts'
import { startLocalRegistry, type LocalRegistryFixture } from '../../support/local-registry.ts'
import { samplePoint } from '../../support/sample-point.ts'

let local: LocalRegistryFixture
beforeAll(async () => {
  local = await startLocalRegistry()
})
afterAll(() => local.close())

const anna: Author = { id: 'sub-anna', name: 'anna@comune.example.it' }
const bruno: Author = { id: 'sub-bruno', name: 'bruno@regione.example.it' }

describe('the history of a point', () => {
  it('keeps every version with who, when, what kind of change and which fields changed, newest first', async () => {
    let clock = Date.parse('2026-12-01T09:00:00Z')
    const registry = local.registry({ now: () => new Date((clock += 60_000)) })
    const v1 = await registry.putPoint(samplePoint('history-1'), null, { author: anna })
    const v2 = await registry.putPoint({ ...samplePoint('history-1'), name: 'Biblioteca nuova', contacts: { phone: '075 1234', email: null, website: null } }, 1, { author: anna })
    const v3 = await registry.putPoint({ ...v2, last_verified_at: '2026-12-01T10:00:00Z' }, 2, { author: bruno })
    const v4 = await registry.putPoint({ ...v3, status: 'closed' }, 3, { author: bruno, reason: 'Sede chiusa per lavori' })

    const history = await registry.getHistory('history-1')
    expect(history.map((h) => [h.version, h.change, h.author.id, h.changed])).toEqual([
      [4, 'closed', 'sub-bruno', ['status']],
      [3, 'verified', 'sub-bruno', ['last_verified_at']],
      [2, 'changed', 'sub-anna', ['contacts', 'name']],
      [1, 'created', 'sub-anna', expect.arrayContaining(['id', 'name', 'sites'])],
    ])
    expect(history[0]!.reason).toBe('Sede chiusa per lavori')
    expect(history.map((h) => h.record)).toEqual([v4, v3, v2, v1])
    expect(history.map((h) => h.at)).toEqual([v4, v3, v2, v1].map((v) => v.updated_at))
    expect(await registry.getHistory('history-1', { limit: 2 })).toHaveLength(2)
  })

  it('records imports under the importer, and writes nothing for an unchanged row', async () => {
    const registry = local.registry()
    const importer: Author = { id: 'process:regione@host', name: 'import Regione Umbria' }
    await registry.importPoints([samplePoint('history-import')], { author: importer })
    await registry.importPoints([samplePoint('history-import')], { author: anna })
    await registry.importPoints([samplePoint('history-import', { name: 'Rinominato' })], { author: bruno })
    const history = await registry.getHistory('history-import')
    expect(history.map((h) => [h.version, h.change, h.author.id, h.reason])).toEqual([
      [2, 'changed', 'sub-bruno', 'import'],
      [1, 'created', 'process:regione@host', 'import'],
    ])
  })

  it('says an unknown point has no history', async () => {
    expect(await local.registry().getHistory('no-such-point')).toEqual([])
  })
})

describe('concurrent edits of one point', () => {
  it('lets exactly one of 100 editors of the same version win; the 99 others get a conflict and change nothing', async () => {
    const registry = local.registry()
    await registry.putPoint(samplePoint('contended'), null, { author: anna })
    const editors = Array.from({ length: 100 }, (_, i) => ({ id: `editor-${i}`, name: `editor ${i}` }))
    const outcomes = await Promise.allSettled(editors.map((author, i) => registry.putPoint(samplePoint('contended', { name: `Nome ${i}` }), 1, { author })))
    const winners = outcomes.filter((o) => o.status === 'fulfilled')
    const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(99)
    for (const loser of losers) expect(loser.reason).toBeInstanceOf(VersionConflictError)
    const stored = await registry.getPoint('contended')
    const history = await registry.getHistory('contended')
    expect(stored?.version).toBe(2)
    expect(history.map((h) => h.version)).toEqual([2, 1])
    expect(history[0]!.record.name).toBe(stored?.name)
  })

  it('loses no update when editors who lose re-read and redo their change: every change lands, each in its own version', async () => {
    const registry = local.registry()
    await registry.putPoint(samplePoint('redo', { description: '' }), null, { author: anna })
    const markers = Array.from({ length: 20 }, (_, i) => `e${String(i).padStart(2, '0')}`)
    let conflicts = 0
    await Promise.all(
      markers.map(async (marker) => {
        for (;;) {
          const current = (await registry.getPoint('redo'))!
          try {
            await registry.putPoint({ ...draftOf(current), description: `${current.description ?? ''} ${marker}`.trim() } as PointDraft, current.version, { author: { id: marker, name: marker } })
            return
          } catch (error) {
            if (!(error instanceof VersionConflictError)) throw error
            conflicts++
          }
        }
      }),
    )
    const stored = (await registry.getPoint('redo'))!
    expect(stored.version).toBe(21)
    expect(stored.description!.split(' ').sort()).toEqual(markers)
    const history = await registry.getHistory('redo')
    expect(history.map((h) => h.version)).toEqual(Array.from({ length: 21 }, (_, i) => 21 - i))
    // Each accepted version adds exactly its author's marker to the one before: nothing skipped.
    for (let i = 0; i < 20; i++) {
      const after = history[i]!
      const before = history[i + 1]!
      expect(after.record.description).toBe(`${before.record.description ?? ''} ${after.author.id}`.trim())
    }
    expect(conflicts).toBeGreaterThan(0)
  })
})
