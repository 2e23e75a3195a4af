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
  distance_m: z.number().int().optional().meta({ description: 'With near: great-circle metres to `site`' }),
  site: SiteSchema.optional().meta({ description: 'With near: the nearest site that matches the filters' }),
  data_quality: z.array(DataQualityNoteSchema),
}).meta({ id: 'Point' })
export type PointView = z.infer<typeof PointSchema>

export const PointPageSchema = z
  .object({
    items: z.array(PointSchema),
    next_cursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page; null on the last page' }),
  })
  .meta({ id: 'PointPage' })
export type PointPage = z.infer<typeof PointPageSchema>
