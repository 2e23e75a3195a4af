import { z } from 'zod'
import { areaContradictions } from '../gazetteer/admin-units.ts'
import { BOOKING_MODES, minutesOfDay, OPERATOR_TYPES, POINT_ID_PATTERN, POINT_STATUSES, SERVICES, SITE_KINDS, TOPICS } from '../vocabulary.ts'
export { BOOKING_MODES, OPERATOR_TYPES, POINT_STATUSES, SERVICES, SITE_KINDS, TOPICS } from '../vocabulary.ts'
import {
  ClosureSchema,
  LocationSchema,
  SeasonBoundSchema,
  StopSchema,
  WeeklyScheduleSchema,
} from './hours.ts'

/**
 * The registry model. These schemas are the public JSON shape (snake_case, as promised in
 * API.md) and also the stored shape: one model, so the import, the store, the API and the
 * OpenAPI document cannot drift apart. Fields the API computes at response time (open_now,
 * next_opening, hours_per_week, …) live in `PointSchema` in `./point-view.ts`, not here.
 */

export const ServiceSchema = z.enum(SERVICES).meta({ id: 'Service' })
export type Service = z.infer<typeof ServiceSchema>

export const TopicSchema = z.enum(TOPICS).meta({
  id: 'Topic',
  description: 'What the facilitators help with: SPID, CIE, the health record (fse), pagoPA, the IO app, …',
})
export type Topic = z.infer<typeof TopicSchema>

export const SiteKindSchema = z.enum(SITE_KINDS).meta({ id: 'SiteKind' })
export type SiteKind = z.infer<typeof SiteKindSchema>

export const PointStatusSchema = z.enum(POINT_STATUSES).meta({ id: 'PointStatus' })
export type PointStatus = z.infer<typeof PointStatusSchema>

export const BookingSchema = z.enum(BOOKING_MODES).meta({ id: 'Booking' })
export type Booking = z.infer<typeof BookingSchema>

export const OperatorSchema = z
  .object({ name: z.string().min(1, 'must not be empty').max(300), type: z.enum(OPERATOR_TYPES) })
  .meta({ id: 'Operator', description: 'Who runs the point' })
export type Operator = z.infer<typeof OperatorSchema>

export const IstatComuneCode = z.string().regex(/^\d{6}$/, 'must be a six-digit ISTAT comune code')
export const IstatRegionCode = z.string().regex(/^\d{2}$/, 'must be a two-digit ISTAT region code')

export const AddressSchema = z
  .object({
    street: z.string().max(300).nullable(),
    postcode: z.string().max(12).nullable(),
  })
  .meta({ id: 'Address', description: 'Street line and postcode' })
export type Address = z.infer<typeof AddressSchema>

export const ComuneRefSchema = z
  .object({
    /** Null only for points outside Italy (imported from foreign standards), which keep `code`. */
    istat: IstatComuneCode.nullable(),
    name: z.string().min(1).max(200),
    code: z.string().max(20).optional().meta({ description: 'The local code of a comune outside Italy (e.g. French INSEE)' }),
    alt_name: z.string().min(1).max(200).optional().meta({ description: "The comune's name in its second official language where it has one (German in South Tyrol, French in Aosta, Slovene on the Karst): Bozen, Aoste, Dolina" }),
  })
  .meta({ id: 'ComuneRef' })
export type ComuneRef = z.infer<typeof ComuneRefSchema>

export const RegionRefSchema = z.object({ istat: IstatRegionCode, name: z.string() }).meta({ id: 'RegionRef' })
export type RegionRef = z.infer<typeof RegionRefSchema>

export const SiteSchema = z
  .object({
    id: z.string().min(1).max(120),
    kind: SiteKindSchema,
    label: z.string().min(1, 'must not be empty').max(300),
    address: AddressSchema.nullable(),
    comune: ComuneRefSchema.nullable().optional(),
    location: LocationSchema.optional().meta({ description: 'Absent for online sites' }),
    valid_from: SeasonBoundSchema.optional(),
    valid_to: SeasonBoundSchema.optional(),
    opening_hours: WeeklyScheduleSchema.optional(),
    stops: z.array(StopSchema).max(500).optional(),
    closures: z.array(ClosureSchema).max(200).optional(),
    public_holidays: z.enum(['closed', 'open']).optional().meta({
      description: 'On Italian national public holidays: closed (the default) or open as on any other day',
    }),
    /** The hours as published, kept verbatim (always when they could not be parsed). */
    opening_hours_source: z.string().max(2000).optional(),
    /** True when `opening_hours_source` could not be turned into a schedule. */
    opening_hours_unparsed: z.boolean().optional(),
  })
  .superRefine((site, ctx) => {
    if (site.kind !== 'online' && !site.location) {
      ctx.addIssue({ code: 'custom', path: ['location'], message: `a ${site.kind} site needs a location` })
    }
    if ((site.valid_from === undefined) !== (site.valid_to === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['valid_to'], message: 'valid_from and valid_to go together' })
    } else if (bothSeasonBounds(site) && site.valid_from.startsWith('--') !== site.valid_to.startsWith('--')) {
      // A dated start with a recurring end has no meaning (which year does --09-15 end?).
      ctx.addIssue({
        code: 'custom',
        path: ['valid_to'],
        message: 'valid_to must have the same form as valid_from: both dates YYYY-MM-DD or both recurring --MM-DD',
      })
    }
    if (site.kind === 'seasonal' && site.valid_from === undefined) {
      ctx.addIssue({ code: 'custom', path: ['valid_from'], message: 'a seasonal site needs valid_from and valid_to' })
    }
  })
  .meta({
    id: 'Site',
    description:
      'One place where (or channel through which) the point is open: fixed, mobile (a van: weekly or dated stops), seasonal (valid_from…valid_to) or online.',
  })
export type Site = z.infer<typeof SiteSchema>

export const SourceSchema = z
  .object({
    dataset: z.string().min(1).max(100).meta({ description: '"demo" for generated demo data' }),
    original_id: z.string().min(1).max(300),
  })
  .meta({ id: 'Source', description: 'Where the record comes from' })
export type Source = z.infer<typeof SourceSchema>

/**
 * A link a citizen follows: http or https only. Any other scheme (`javascript:`, `data:`) would
 * run or load something on a click, on our pages and inside the widget on other sites.
 */
const WebAddressSchema = z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// address' }).max(2000)

export const ContactsSchema = z
  .object({
    phone: z.string().max(60).nullable(),
    email: z.email().nullable(),
    website: WebAddressSchema.nullable(),
  })
  .meta({ id: 'Contacts' })
export type Contacts = z.infer<typeof ContactsSchema>

export const AccessibilitySchema = z
  .object({ step_free: z.boolean().nullable(), notes: z.string().max(500).nullable() })
  .meta({ id: 'Accessibility' })

/** The fields a writer supplies; the store adds `version` and `updated_at`. */
const pointDraftFields = z.object({
  id: z.string().regex(POINT_ID_PATTERN, 'must be 3–120 lowercase letters, digits and hyphens'),
  name: z.string().min(1, 'must not be empty').max(300),
  status: PointStatusSchema,
  operator: OperatorSchema,
  region: RegionRefSchema.nullable().meta({ description: 'Null for points outside Italy' }),
  province: z.string().regex(/^[A-Z]{2}$/).nullable().meta({ description: 'Province sigla, e.g. FI' }),
  comune: ComuneRefSchema,
  country: z.string().regex(/^[A-Z]{2}$/).default('IT'),
  address: AddressSchema,
  sites: z.array(SiteSchema).min(1).max(50),
  services: z.array(ServiceSchema).min(1),
  topics: z.array(TopicSchema),
  booking: BookingSchema,
  booking_url: WebAddressSchema.nullable(),
  contacts: ContactsSchema,
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  accessibility: AccessibilitySchema,
  description: z.string().max(2000).nullable().optional(),
  source: SourceSchema,
  last_verified_at: z.iso.datetime({ offset: true }).nullable(),
  /** Ignored on write: the store stamps the time of the write. */
  updated_at: z.iso.datetime({ offset: true }).optional(),
})

/** Rules across fields, shared by drafts and stored records. */
function checkPoint(p: z.infer<typeof pointDraftFields>, ctx: z.RefinementCtx): void {
  const ids = new Set<string>()
  p.sites.forEach((s, i) => {
    if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sites', i, 'id'], message: `duplicate site id ${s.id}` })
    ids.add(s.id)
  })
  if (!p.services.includes('assistenza_individuale')) {
    ctx.addIssue({ code: 'custom', path: ['services'], message: 'every point offers assistenza_individuale' })
  }
}

/**
 * A written point's region, province and comune agree: it is found by its comune, listed for its
 * region's editors and shown on its comune's page, so a disagreement would put it where its own
 * region cannot see it. Checked on writes only: a stored record that disagrees (none should) is
 * still served, not dropped.
 */
function checkArea(p: z.infer<typeof pointDraftFields>, ctx: z.RefinementCtx): void {
  if (p.region === null) return
  for (const { field, message } of areaContradictions({ region: p.region.istat, province: p.province, comune: p.comune.istat })) {
    ctx.addIssue({ code: 'custom', path: field === 'comune' ? ['comune', 'istat'] : [field], message })
  }
}

/**
 * A written site's weekly slots do not overlap within a day (touching, 12:00 then 12:00, is one
 * opening and allowed): overlapping slots are a typing slip, and shown as they were (three slots
 * for four hours) they confuse the citizen. Checked on writes only, as `checkArea`.
 */
function checkSlots(p: z.infer<typeof pointDraftFields>, ctx: z.RefinementCtx): void {
  p.sites.forEach((site, i) => {
    for (const [day, slots] of Object.entries(site.opening_hours ?? {})) {
      const order = (slots ?? []).map((slot, k) => ({ ...slot, k })).sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start) || a.k - b.k)
      order.forEach((slot, n) => {
        const earlier = order.slice(0, n).find((e) => minutesOfDay(e.end) > minutesOfDay(slot.start))
        if (earlier) ctx.addIssue({ code: 'custom', path: ['sites', i, 'opening_hours', day, slot.k], message: `overlaps ${earlier.start}–${earlier.end} on the same day` })
      })
    }
  })
}

/**
 * Both bounds of a season given and each a bound: the checks between them say nothing of a
 * mistyped one ("1 giugno"), which its own field already names (they named the other field too).
 */
function bothSeasonBounds(site: { valid_from?: string; valid_to?: string }): site is { valid_from: string; valid_to: string } {
  return site.valid_from !== undefined && site.valid_to !== undefined && SeasonBoundSchema.safeParse(site.valid_from).success && SeasonBoundSchema.safeParse(site.valid_to).success
}

/**
 * A written season's dated bounds come in order: the wrong way round it is a season that never
 * comes (a recurring one, --12-01 … --02-28, may wrap the new year). Checked on writes only, as
 * `checkArea`: a record stored before is served as it is, not dropped whole from the answers.
 */
function checkSeasons(p: z.infer<typeof pointDraftFields>, ctx: z.RefinementCtx): void {
  p.sites.forEach((site, i) => {
    if (!bothSeasonBounds(site) || site.valid_from.startsWith('--') || site.valid_to >= site.valid_from) return
    ctx.addIssue({ code: 'custom', path: ['sites', i, 'valid_to'], message: `valid_to ${site.valid_to} is before valid_from ${site.valid_from}: the site would never be open (a season across the new year every year is --12-01 … --02-28)` })
  })
}

/** What a writer supplies (imports, operators, the demo generator). */
export const PointDraftSchema = pointDraftFields.superRefine(checkPoint).superRefine(checkArea).superRefine(checkSlots).superRefine(checkSeasons)
export type PointDraft = z.infer<typeof PointDraftSchema>

/** A point as stored. */
export const PointRecordSchema = pointDraftFields
  .extend({
    updated_at: z.iso.datetime({ offset: true }),
    version: z.number().int().min(1).meta({ description: 'Bumped on every write (optimistic concurrency)' }),
  })
  .superRefine(checkPoint)
  .meta({ id: 'PointRecord' })
export type PointRecord = z.infer<typeof PointRecordSchema>
