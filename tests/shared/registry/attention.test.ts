import { describe, expect, it } from 'vitest'
import { attentionOf } from '../../../shared/registry/attention.ts'
import { PointRecordSchema, type PointDraft, type PointRecord } from '../../../shared/schemas/point.ts'
import { samplePoint } from '../../support/sample-point.ts'

const now = new Date('2026-12-07T10:00:00Z')
const record = (overrides: Partial<PointDraft>): PointRecord => PointRecordSchema.parse({ ...samplePoint('attention', overrides), version: 1, updated_at: '2026-12-01T10:00:00Z' })

describe('what needs an operator\'s attention', () => {
  it('asks nothing of a closed point but its open reports: no check every 90 days, no hours, no unreadable hours ("6 points, 6 to check" counted closed ones)', () => {
    const unreadable = { sites: [{ ...samplePoint('x').sites[0]!, opening_hours_unparsed: true }] }
    expect(attentionOf(record({ status: 'active', last_verified_at: null, ...unreadable }), { now, openReports: 0 })).toEqual(['not_verified', 'under_24h', 'unreadable_hours'])
    expect(attentionOf(record({ status: 'closed', last_verified_at: null, ...unreadable }), { now, openReports: 0 })).toEqual([])
    expect(attentionOf(record({ status: 'closed', last_verified_at: null }), { now, openReports: 2 })).toEqual(['open_reports'])
  })
})
