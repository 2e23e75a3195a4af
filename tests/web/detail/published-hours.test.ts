import { describe, expect, it } from 'vitest'
import type { Site } from '../../../shared/schemas/point.ts'
import { publishedHours } from '../../../web/detail/published-hours.ts'

const published = 'Lun-Ven dalle 9:00 alle 13:00 Mar e Gio dalle 14:00 alle 16:'
const office: Site = { id: 's1', kind: 'fixed', label: 'Biblioteca', address: null, location: { lat: 41.1, lon: 16.8 } }
const point = { opening_hours_text: published, opening_hours_text_en: published }

describe('publishedHours', () => {
  it("quotes the site's own published text when the registry could not read it", () => {
    expect(publishedHours(point, { ...office, opening_hours_unparsed: true, opening_hours_source: 'mar 9-12' }, 'it')).toBe('mar 9-12')
  })

  it("falls back to the point's hours text when the site kept no source", () => {
    expect(publishedHours(point, { ...office, opening_hours_unparsed: true }, 'en')).toBe(published)
  })

  it('says nothing for a site whose hours were read, or that published none', () => {
    expect(publishedHours(point, { ...office, opening_hours: { tu: [{ start: '09:00', end: '13:00' }] } }, 'it')).toBeNull()
    expect(publishedHours({ opening_hours_text: ' ', opening_hours_text_en: '' }, { ...office, opening_hours_unparsed: true }, 'it')).toBeNull()
  })
})
