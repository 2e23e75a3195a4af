import type { Operator, PointDraft, PointRecord } from '../schemas/point.ts'
import { slugify } from '../util/slugify.ts'
import { REGIONS } from '../gazetteer/admin-units.ts'

/**
 * Who may change which point. Pure: the write API checks every request with it, against the
 * point *as stored* and as it would be after the write; the console uses it to show only what an
 * operator may do. Roles come from the identity provider's groups (Cognito's `cognito:groups`,
 * the same claim locally): `admins`, `region-<ISTAT code>`, `operator-<ISTAT region>-<operator slug>`.
 * A point operator's role names its region with its body: bodies of one name run points in several
 * regions (an association in four; "Comune di San Teodoro" in Sardegna and Sicilia), and a role
 * naming the body alone reached them all. The older `operator-<slug>` names no role.
 */
export type Role = { readonly kind: 'admin' } | { readonly kind: 'region'; readonly region: string } | { readonly kind: 'operator'; readonly region: string; readonly operator: string }

export const ADMIN_GROUP = 'admins'
const REGION_GROUP = /^region-(\d{2})$/
// The slug at most 116 characters: Cognito's group names end at 128.
const OPERATOR_GROUP = /^operator-(\d{2})-([a-z0-9][a-z0-9-]{0,115})$/

/** The stable key of an operator: its name as a slug ("Comune di Città di Castello" → "comune-di-citta-di-castello"). */
export const operatorKey = (operator: Pick<Operator, 'name'>): string => slugify(operator.name)

export function groupOf(role: Role): string {
  if (role.kind === 'admin') return ADMIN_GROUP
  return role.kind === 'region' ? `region-${role.region}` : `operator-${role.region}-${role.operator}`
}

/** The roles in a token's groups; groups that name no role (other applications' groups) are left aside. */
export function rolesOf(groups: readonly string[]): Role[] {
  const roles: Role[] = []
  for (const group of groups) {
    if (group === ADMIN_GROUP) roles.push({ kind: 'admin' })
    const region = REGION_GROUP.exec(group)?.[1]
    if (region && Object.hasOwn(REGIONS, region)) roles.push({ kind: 'region', region })
    const operator = OPERATOR_GROUP.exec(group)
    if (operator && Object.hasOwn(REGIONS, operator[1]!)) roles.push({ kind: 'operator', region: operator[1]!, operator: operator[2]! })
  }
  return roles
}

/** Parses the `--role` of `npm run operator -- add`: `admin`, `region:09`, `operator:10:comune-di-perugia`. */
export function parseRole(text: string): Role | null {
  if (text === 'admin') return { kind: 'admin' }
  // Every part, none dropped: `operator:10:a:b` is no role, not the role of `a`.
  const parts = text.split(':')
  const [kind, region = ''] = parts
  if (!Object.hasOwn(REGIONS, region)) return null
  if (kind === 'region' && parts.length === 2) return { kind: 'region', region }
  if (kind === 'operator' && parts.length === 3 && OPERATOR_GROUP.test(`operator-${region}-${parts[2]}`)) return { kind: 'operator', region, operator: parts[2]! }
  return null
}

/** Whether a role runs this body's points in this region. */
const runs = (role: Role, region: string | null, operator: string): boolean => role.kind === 'operator' && region !== null && role.region === region && role.operator === operator

/**
 * Whether someone with `roles` answers for a point in this region run by this operator: the
 * reports they see and resolve. Who answers is who may change the point.
 */
export function answersFor(roles: readonly Role[], region: string | null, operator: string): boolean {
  // A point abroad (no region) is the national admins' alone, whoever runs it.
  return roles.some((r) => r.kind === 'admin' || (region !== null && ((r.kind === 'region' && r.region === region) || runs(r, region, operator))))
}

/**
 * The regions in which these roles may place a point's sites and stops: a region editor's
 * regions, and for a point operator the region of the point they run as stored. `all` for a
 * national admin (a van crossing a regional border is the admin's to record).
 */
export function regionsReached(roles: readonly Role[], stored: Pick<PointRecord, 'region' | 'operator'> | null): ReadonlySet<string> | 'all' {
  if (roles.some((r) => r.kind === 'admin')) return 'all'
  const regions = new Set(roles.flatMap((r) => (r.kind === 'region' ? [r.region] : [])))
  const runsIt = stored !== null && roles.some((r) => runs(r, stored.region?.istat ?? null, operatorKey(stored.operator)))
  if (runsIt && stored.region) regions.add(stored.region.istat)
  return regions
}

/** `reopen`: a write that makes a closed point active again, decided as a closing is. */
export type WriteAction = 'create' | 'update' | 'close' | 'reopen' | 'verify'

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string }

const ALLOWED: Decision = { allowed: true }
const deny = (reason: string): Decision => ({ allowed: false, reason })

type PointLike = Pick<PointDraft | PointRecord, 'region' | 'operator'>

const NO_ROLE = 'your account has no role in PuntoVicino: ask a national admin or your region for one'
const ONLY_EDITORS_CREATE = 'only a region editor or a national admin creates points'

/** Whether `roles` may create any point at all: asked before a draft is read, so a point operator hears "not yours to do", not the draft's errors first. */
export function mayCreateAny(roles: readonly Role[]): Decision {
  if (roles.length === 0) return deny(NO_ROLE)
  return roles.some((r) => r.kind !== 'operator') ? ALLOWED : deny(ONLY_EDITORS_CREATE)
}

/**
 * Whether someone with `roles` may do `action`, given the point as stored (`null` for a create)
 * and as it would be after the write. Both sides must be theirs, so nobody moves a point out of
 * their reach or into someone else's; a region editor and a point operator work on Italian points
 * only (foreign ones are the national admins'). Creating and closing a point are the region's
 * decisions; a point operator keeps their points true (hours, sites, contacts, verification)
 * but cannot hand them to another operator or region.
 */
export function mayWrite(roles: readonly Role[], action: WriteAction, stored: PointLike | null, after: PointLike): Decision {
  if (roles.length === 0) return deny(NO_ROLE)
  if (roles.some((r) => r.kind === 'admin')) return ALLOWED
  const regions = new Set(roles.flatMap((r) => (r.kind === 'region' ? [r.region] : [])))
  const operators = new Set(roles.flatMap((r) => (r.kind === 'operator' ? [r.operator] : [])))
  const inRegion = (p: PointLike) => p.region !== null && regions.has(p.region.istat)

  if (regions.size > 0 && (stored === null || inRegion(stored)) && inRegion(after)) return ALLOWED
  // Italian points only, as for a region editor: an operator's name can be shared by a body abroad.
  if (operators.size > 0 && stored !== null && stored.region !== null && action !== 'close' && action !== 'reopen') {
    const sameGovernance = stored.region?.istat === after.region?.istat && operatorKey(stored.operator) === operatorKey(after.operator)
    if (roles.some((r) => runs(r, stored.region!.istat, operatorKey(stored.operator))) && sameGovernance) return ALLOWED
  }
  return deny(explainDenial(action, stored, after, regions, operators, roles))
}

function explainDenial(action: WriteAction, stored: PointLike | null, after: PointLike, regions: ReadonlySet<string>, operators: ReadonlySet<string>, roles: readonly Role[]): string {
  const target = stored ?? after
  const where = target.region ? `region ${target.region.istat} (${target.region.name})` : 'no Italian region'
  if (regions.size > 0) {
    const yours = [...regions].join(', ')
    if (stored && stored.region && regions.has(stored.region.istat)) return `the point would move to ${after.region ? `region ${after.region.istat}` : 'no Italian region'}, outside your regions (${yours})`
    return `the point is in ${where}; you edit region ${yours}`
  }
  if (action === 'create') return ONLY_EDITORS_CREATE
  if (action === 'close') return 'only a region editor or a national admin closes a point'
  if (action === 'reopen') return 'only a region editor or a national admin reopens a closed point'
  if (stored && operators.has(operatorKey(stored.operator))) {
    // The body's name is theirs, the region not: another body of that name, or their own under a role they do not have.
    const theirRegions = [...new Set(roles.flatMap((r) => (r.kind === 'operator' && r.operator === operatorKey(stored.operator) ? [r.region] : [])))]
    if (stored.region && !theirRegions.includes(stored.region.istat)) return `the point is in region ${stored.region.istat}; your role for "${stored.operator.name}" covers region ${theirRegions.join(', ')}`
    return 'a point operator cannot change the region or the operator of a point'
  }
  return `the point is run by "${target.operator.name}", not by your operator (${[...operators].join(', ')})`
}
