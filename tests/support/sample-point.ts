import type { PointDraft } from '../../shared/schemas/point.ts'
import { localGazetteer } from '../../functions/gazetteer/load-comuni.ts'

/**
 * A small valid point draft; `overrides` shape the case under test. A point moved to another
 * comune without sites of its own has its site at that comune (the API refuses a site placed far
 * from the comune it is in).
 */
export function samplePoint(id: string, overrides: Partial<PointDraft> = {}): PointDraft {
  const draft = defaultPoint(id, overrides)
  const comune = overrides.comune?.istat && !overrides.sites ? localGazetteer.byIstat(overrides.comune.istat) : undefined
  return comune ? { ...draft, sites: draft.sites.map((site) => ({ ...site, location: { lat: comune.lat, lon: comune.lon } })) } : draft
}

function defaultPoint(id: string, overrides: Partial<PointDraft>): PointDraft {
  return {
    id,
    name: `Punto di facilitazione ${id}`,
    status: 'active',
    operator: { name: 'Comune di Firenze', type: 'comune' },
    region: { istat: '09', name: 'Toscana' },
    province: 'FI',
    comune: { istat: '048017', name: 'Firenze' },
    country: 'IT',
    address: { street: 'Via Roma 1', postcode: '50123' },
    sites: [
      {
        id: `${id}-s1`,
        kind: 'fixed',
        label: 'Biblioteca',
        address: { street: 'Via Roma 1', postcode: '50123' },
        location: { lat: 43.7696, lon: 11.2558 },
        opening_hours: { mo: [{ start: '09:00', end: '13:00' }], th: [{ start: '14:00', end: '18:00' }] },
      },
    ],
    services: ['assistenza_individuale'],
    topics: ['spid', 'cie'],
    booking: 'both',
    booking_url: null,
    contacts: { phone: null, email: 'punto@example.org', website: null },
    languages: ['it'],
    accessibility: { step_free: true, notes: null },
    source: { dataset: 'test', original_id: id },
    last_verified_at: null,
    ...overrides,
  }
}
