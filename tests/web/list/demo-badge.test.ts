import { describe, expect, it } from 'vitest'
import { isDemoPoint } from '../../../web/list/demo-badge.ts'

describe('isDemoPoint', () => {
  it('marks only points whose source dataset is "demo"', () => {
    expect(isDemoPoint({ source: { dataset: 'demo', original_id: 'demo-01-0034' } })).toBe(true)
    expect(isDemoPoint({ source: { dataset: 'puglia', original_id: '5447245' } })).toBe(false)
  })
})
