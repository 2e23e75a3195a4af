import { describe, expect, it } from 'vitest'
import { withoutLeftoverHoursText, withoutStaleHoursText } from '../../../shared/registry/published-hours.ts'
import { buildSnapshot } from '../../../shared/geo/snapshot.ts'
import { presentPoint } from '../../../functions/api/present-point.ts'
import type { PointDraft, PointRecord } from '../../../shared/schemas/point.ts'
import { samplePoint } from '../../support/sample-point.ts'

const withHours = (hours: PointDraft['sites'][number]['opening_hours'], extra: Partial<PointDraft['sites'][number]> = {}): PointDraft => {
  const point = samplePoint('pv-hours')
  return { ...point, sites: [{ ...point.sites[0]!, opening_hours: hours, opening_hours_source: 'lun-ven 9-13', ...extra }] }
}
const stored = (draft: PointDraft): PointRecord => ({ ...draft, version: 3, updated_at: '2026-11-01T08:00:00.000Z' }) as PointRecord

describe('withoutStaleHoursText', () => {
  const week = { mo: [{ start: '09:00', end: '13:00' }] }
  const corrected = { mo: [{ start: '09:00', end: '12:00' }] }

  it('drops the published text, and the unreadable flag, of a site whose week a write changes', () => {
    const before = stored(withHours(week, { opening_hours_unparsed: true }))
    const after = withoutStaleHoursText(withHours(corrected, { opening_hours_unparsed: true }), before)
    expect(after.sites[0]).not.toHaveProperty('opening_hours_source')
    expect(after.sites[0]).not.toHaveProperty('opening_hours_unparsed')
    expect(after.sites[0]!.opening_hours).toEqual(corrected)
  })

  it('keeps it when the week is the same, or when the write brings a text of its own', () => {
    const before = stored(withHours(week))
    const same = withHours(week)
    expect(withoutStaleHoursText(same, before)).toBe(same)
    const newText = withHours(corrected, { opening_hours_source: 'lun 9-12' })
    expect(withoutStaleHoursText(newText, before)).toBe(newText)
  })
})

describe('withoutLeftoverHoursText (records stored before the rule)', () => {
  const week = { mo: [{ start: '09:00', end: '12:00' }] }

  it('publishes the week set beside a leftover unreadable text, in the snapshot and so in every view made from it', () => {
    const leftover = stored(withHours(week, { opening_hours_source: 'boh, chiedere in biblioteca', opening_hours_unparsed: true }))
    const snapshot = buildSnapshot([leftover], { registryVersion: 1, builtAt: new Date('2026-12-07T09:00:00+01:00') })
    const published = snapshot.records.get(0)
    expect(published.sites[0]).not.toHaveProperty('opening_hours_source')
    expect(published.sites[0]).not.toHaveProperty('opening_hours_unparsed')
    expect(published.sites[0]!.opening_hours).toEqual(week)
    const view = presentPoint(published, new Date('2026-12-07T09:00:00+01:00'))
    expect(view.opening_hours_text).not.toContain('boh')
    expect(view.opening_hours_text).toContain('9:00')
  })

  it('leaves alone a record without the leftover: an unreadable text with no week, a text beside its week', () => {
    const unreadable = stored(withHours(undefined, { opening_hours_source: 'boh', opening_hours_unparsed: true }))
    const kept = stored(withHours(week))
    expect(withoutLeftoverHoursText(unreadable)).toBe(unreadable)
    expect(withoutLeftoverHoursText(kept)).toBe(kept)
  })
})
