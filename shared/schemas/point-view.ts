import { z } from 'zod'
import { LocationSchema, StopSchema, WeeklyScheduleSchema } from './hours.ts'
import { PointRecordSchema, SiteSchema } from './point.ts'

/**
 * A point as the API returns it: the stored record plus what is computed at response time in
 * Europe/Rome (open now, next opening, hours text, distance from the caller).
 */
const romeDateTime = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 with the Europe/Rome offset' })

export const DataQualityNoteSchema = z
  .object({
    code: z.enum(['hours_unparsed', 'low_hours', 'no_hours']),
    message: z.string().meta({ description: 'Italian' }),
    message_en: z.string().meta({ description: 'English' }),
  })
  .meta({ id: 'DataQualityNote', description: 'A warning about the record, never a reason to hide it' })
export type DataQualityNote = z.infer<typeof DataQualityNoteSchema>

/** The site an answer names, with what holds for that site alone (a point's fields speak for all its sites). */
export const NamedSiteSchema = SiteSchema.safeExtend({
  open_now: z.boolean().meta({ description: 'This site, at the matched place (a mobile unit: only its sessions there), at response time' }),
  closes_at: romeDateTime.nullable().meta({ description: 'When open now: when this opening ends' }),
  next_opening: romeDateTime.nullable().meta({ description: 'The next opening of this site at the matched place' }),
}).meta({ id: 'NamedSite' })

export type NamedSite = z.infer<typeof NamedSiteSchema>

export const MatchedPlaceSchema = z
  .object({
    site_id: z.string(),
    kind: z.enum(['site', 'base', 'stop']).meta({ description: "site: the site's own location; base: a mobile unit's weekly base; stop: one of its stop places" }),
    label: z.string().meta({ description: "The stop place's name, or the site's label" }),
    location: LocationSchema,
    next_session: StopSchema.nullable().meta({ description: "A mobile unit: its next session at this place (up to three months ahead); null otherwise or when none is planned" }),
  })
  .meta({ id: 'MatchedPlace' })
export type MatchedPlace = z.infer<typeof MatchedPlaceSchema>

export const PointSchema = PointRecordSchema.safeExtend({
  location: LocationSchema.nullable().meta({ description: 'The main site; null for an online-only point' }),
  opening_hours: WeeklyScheduleSchema.meta({ description: "The main site's weekly schedule; every site has its own in sites[]" }),
  opening_hours_text: z.string().meta({ description: 'Italian, human-readable, all sites', example: 'lun–ven 9:00–13:00' }),
  opening_hours_text_en: z.string().meta({ description: 'The same in English' }),
  hours_per_week: z.number(),
  open_now: z.boolean().meta({ description: 'At response time, Europe/Rome' }),
  closes_at: romeDateTime.nullable().meta({ description: 'When open now: when the current opening ends' }),
  next_opening: romeDateTime.nullable(),
  next_stops: z.array(StopSchema).meta({ description: "A mobile unit's next sessions, from its weekly round and its dated stops, over the next two weeks (up to 5)" }),
  distance_m: z.number().int().optional().meta({ description: 'With near: great-circle metres to `matched_place` (a mobile unit: the stop place matched, not its base)' }),
  site: NamedSiteSchema.optional().meta({ description: 'With near (or a site filter): the site that matched, with its own status at the matched place' }),
  matched_place: MatchedPlaceSchema.optional().meta({ description: 'With near: where the item was found and measured to' }),
  data_quality: z.array(DataQualityNoteSchema),
}).meta({ id: 'Point' })
export type PointView = z.infer<typeof PointSchema>

const NearOutsideArea = z
  .literal(true)
  .optional()
  .meta({ description: 'Addition (2026-12-07), with near and region, province or comune: present (true) when near lies clearly outside that area; the items are still the area\'s points nearest to it' })

export const PointPageSchema = z
  .object({
    items: z.array(PointSchema),
    next_cursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page; null on the last page' }),
    near_outside_area: NearOutsideArea,
  })
  .meta({ id: 'PointPage' })
export type PointPage = z.infer<typeof PointPageSchema>

/** `view=compact` (addition): what a list of results shows, and nothing else. */
export const CompactPointSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: PointRecordSchema.shape.status,
    comune: z.object({ istat: z.string().nullable(), name: z.string() }),
    location: LocationSchema.nullable(),
    open_now: z.boolean(),
    closes_at: romeDateTime.nullable(),
    next_opening: romeDateTime.nullable(),
    distance_m: z.number().int().optional(),
    site: z
      .object({ id: z.string(), label: z.string(), kind: SiteSchema.shape.kind, open_now: z.boolean(), closes_at: romeDateTime.nullable(), next_opening: romeDateTime.nullable() })
      .optional()
      .meta({ description: 'With near (or a site filter): the site that matched, with its own status at the matched place' }),
    matched_place: MatchedPlaceSchema.optional(),
  })
  .meta({ id: 'CompactPoint' })
export type CompactPoint = z.infer<typeof CompactPointSchema>

export const CompactPointPageSchema = z
  .object({ items: z.array(CompactPointSchema), next_cursor: z.string().nullable(), near_outside_area: NearOutsideArea })
  .meta({ id: 'CompactPointPage' })
