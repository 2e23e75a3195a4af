import { describe, expect, it } from 'vitest'
import { answersFor, groupOf, mayWrite, parseRole, regionsReached, rolesOf } from '../../../shared/access/roles.ts'

/**
 * A point operator's role names its region with its body: bodies of one name run points in several
 * regions (an association in Torino, Trieste, Bologna and Napoli; "Comune di San Teodoro" in
 * Sardegna and in Sicilia), and the role for one of them rewrote the others' points, read their
 * history and their citizens' reports.
 */
const operator = { name: 'Associazione Casa di Quartiere Villaggio Europa APS', type: 'terzo_settore' as const }
const inTorino = { region: { istat: '01', name: 'Piemonte' }, operator }
const inNapoli = { region: { istat: '15', name: 'Campania' }, operator }
const slug = 'associazione-casa-di-quartiere-villaggio-europa-aps'

describe('a point operator’s role', () => {
  it('reaches its own region’s points of that body only', () => {
    const roles = rolesOf([`operator-01-${slug}`])
    expect(roles).toEqual([{ kind: 'operator', region: '01', operator: slug }])
    expect(mayWrite(roles, 'update', inTorino, inTorino).allowed).toBe(true)
    expect(mayWrite(roles, 'update', inNapoli, inNapoli).allowed).toBe(false)
    expect(mayWrite(roles, 'verify', inNapoli, inNapoli).allowed).toBe(false)
    expect(answersFor(roles, '01', slug)).toBe(true)
    expect(answersFor(roles, '15', slug)).toBe(false)
    expect(regionsReached(roles, inNapoli)).toEqual(new Set())
    expect(regionsReached(roles, inTorino)).toEqual(new Set(['01']))
    // Told why: the point is in another region than the role's (it was told it could not change the operator).
    const refused = mayWrite(roles, 'update', inNapoli, inNapoli)
    expect(refused.allowed ? '' : refused.reason).toMatch(/region 15.*region 01/)
  })

  it('is written with its region, and the older form without one names no role', () => {
    expect(groupOf({ kind: 'operator', region: '10', operator: 'comune-di-perugia' })).toBe('operator-10-comune-di-perugia')
    expect(parseRole('operator:10:comune-di-perugia')).toEqual({ kind: 'operator', region: '10', operator: 'comune-di-perugia' })
    expect(parseRole('operator:comune-di-perugia')).toBeNull()
    // A slug is never cut at a colon (it named another body), and a region must be one.
    expect(parseRole('operator:10:comune-di-perugia:zona-sociale-2')).toBeNull()
    expect(parseRole('region:09:x')).toBeNull()
    expect(parseRole('operator:99:comune-di-perugia')).toBeNull()
    expect(rolesOf(['operator-99-comune-di-perugia', 'region-21'])).toEqual([])
    expect(rolesOf(['operator-comune-di-perugia'])).toEqual([])
  })
})
