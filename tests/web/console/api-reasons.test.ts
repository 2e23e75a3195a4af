import { describe, expect, it } from 'vitest'
import { italianReason } from '../../../web/console/api-reasons.ts'
import { PointDraftSchema } from '../../../shared/schemas/point.ts'
import { newPhoneProblem, slipsInWrite } from '../../../functions/api/point-places.ts'
import { createGazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { loadComuni } from '../../../functions/gazetteer/load-comuni.ts'
import { samplePoint } from '../../support/sample-point.ts'

/** The console words the API's reasons by their English: these are the API's words today, so a change of either is caught here. */
const keyOf = (message: string): string | null => italianReason(message, (key) => key)

describe("the console's words for the API's reasons", () => {
  it('knows the reasons the point schema gives today for the fields an editor types', () => {
    const site = samplePoint('x').sites[0]!
    const broken = {
      ...samplePoint('reasons'),
      contacts: { phone: null, email: 'non-un-indirizzo', website: 'ftp://example.org' },
      sites: [{ ...site, opening_hours: { mo: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '14:00' }], tu: [{ start: '15:00', end: '10:00' }] }, closures: [{ from: '2026-12-24', to: '2026-12-20' }] }],
    }
    const parsed = PointDraftSchema.safeParse(broken)
    expect(parsed.success).toBe(false)
    const keys = parsed.error!.issues.map((issue) => [issue.path.join('.'), keyOf(issue.message)])
    expect(keys).toEqual(
      expect.arrayContaining([
        ['contacts.email', 'console.reason.email'],
        ['contacts.website', 'console.reason.url'],
        [expect.stringMatching(/^sites\.0\.opening_hours\.mo\.1/), 'console.reason.overlaps'],
        [expect.stringMatching(/^sites\.0\.opening_hours\.tu\.0/), 'console.reason.end_after_start'],
        [expect.stringMatching(/^sites\.0\.closures\.0/), 'console.reason.closure_order'],
      ]),
    )
    // The other wordings the console knows, each from the schema or the check that gives it.
    const reasonsOf = (point: unknown) => PointDraftSchema.safeParse(point).error?.issues.map((issue) => keyOf(issue.message)) ?? []
    expect(reasonsOf({ ...samplePoint('bad-time'), sites: [{ ...site, opening_hours: { mo: [{ start: '25:00', end: '26:00' }] } }] })).toContain('console.reason.time')
    expect(reasonsOf({ ...samplePoint('bad-season'), sites: [{ ...site, kind: 'seasonal', valid_from: '1 giugno', valid_to: '--09-15' }] })).toContain('console.reason.season_date')
    expect(reasonsOf({ ...samplePoint('no-help'), services: ['formazione_gruppo'] })).toContain('console.reason.individual_help')
    expect(reasonsOf({ ...samplePoint('no-name'), name: '' })).toContain('console.reason.empty')
    // A closure added and saved with its dates left blank: "Invalid ISO date" was shown in English.
    expect(reasonsOf({ ...samplePoint('blank-closure'), sites: [{ ...site, closures: [{ from: '', to: '' }] }] })).toEqual(['console.reason.date', 'console.reason.date'])
    expect(keyOf(newPhoneProblem('abc', null)!.message)).toBe('console.reason.phone')
    const stop = { date: '2026-01-10', start: '09:00', end: '12:00', place: { label: 'Piazza', location: site.location! } }
    const van = PointDraftSchema.parse({ ...samplePoint('van-stop'), sites: [{ ...site, kind: 'mobile', stops: [stop] }] })
    const [past] = slipsInWrite(van, null, createGazetteer(loadComuni()), '2026-12-07')
    expect(keyOf(past!.message)).toBe('console.reason.past_stop')
    expect(keyOf('a reason the console does not know')).toBeNull()
  })
})
