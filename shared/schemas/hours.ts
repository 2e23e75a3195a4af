import { z } from 'zod'

/**
 * The building blocks of "when is it open": every value is wall-clock time in Europe/Rome.
 * Storing local wall-clock times (not UTC instants) is what keeps "Tuesday 9:00" right on both
 * sides of a DST change; the hours functions turn them into instants when asked.
 */

export { WEEKDAYS, minutesOfDay, type Weekday } from '../vocabulary.ts'
import { minutesOfDay } from '../vocabulary.ts'

const HHMM = /^(?:[01]\d|2[0-3]):[0-5]\d$/
/** "HH:MM" from 00:00 to 23:59, and 24:00 for an interval that runs to midnight. */
export const TimeOfDaySchema = z
  .string()
  .refine((s) => HHMM.test(s) || s === '24:00', { message: 'must be a time HH:MM between 00:00 and 24:00' })
  .meta({ description: 'Wall-clock time in Europe/Rome, HH:MM (24:00 only as an end)', example: '09:00' })
export type TimeOfDay = z.infer<typeof TimeOfDaySchema>


export const IntervalSchema = z
  .object({ start: TimeOfDaySchema, end: TimeOfDaySchema })
  .refine((i) => i.start !== '24:00', { message: 'start cannot be 24:00', path: ['start'] })
  .refine((i) => minutesOfDay(i.end) > minutesOfDay(i.start), {
    message: 'end must be after start (split an interval that crosses midnight in two)',
    path: ['end'],
  })
  .meta({ id: 'Interval', description: 'An opening interval within one day, Europe/Rome wall-clock time' })
export type Interval = z.infer<typeof IntervalSchema>

const dayIntervals = z.array(IntervalSchema).max(8).optional()
export const WeeklyScheduleSchema = z
  .object({ mo: dayIntervals, tu: dayIntervals, we: dayIntervals, th: dayIntervals, fr: dayIntervals, sa: dayIntervals, su: dayIntervals })
  .strict()
  .meta({
    id: 'WeeklySchedule',
    description: 'Opening intervals per weekday (mo…su), Europe/Rome. A missing or empty day is closed.',
    example: { mo: [{ start: '09:00', end: '13:00' }], th: [{ start: '09:00', end: '13:00' }, { start: '14:00', end: '17:00' }] },
  })
export type WeeklySchedule = z.infer<typeof WeeklyScheduleSchema>

/** A calendar date, YYYY-MM-DD, as lived in Europe/Rome. */
export const LocalDateSchema = z.iso.date().meta({ description: 'Calendar date in Europe/Rome', example: '2026-12-08' })
export type LocalDate = z.infer<typeof LocalDateSchema>

/**
 * A season bound: either a full date (`2026-06-15`, one season) or the ISO 8601 recurring
 * month-day `--06-15` (every year). A recurring season may wrap the new year (--12-01 … --02-28).
 */
const RECURRING = /^--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
export const SeasonBoundSchema = z
  .string()
  .refine((s) => RECURRING.test(s) || z.iso.date().safeParse(s).success, {
    message: 'must be a date YYYY-MM-DD or a recurring month-day --MM-DD',
  })
  .meta({ description: 'YYYY-MM-DD, or --MM-DD for every year', example: '--06-15' })
export type SeasonBound = z.infer<typeof SeasonBoundSchema>

export const ClosureSchema = z
  .object({
    from: LocalDateSchema,
    to: LocalDateSchema,
    reason: z.string().max(200).optional(),
  })
  .refine((c) => c.to >= c.from, { message: 'to must not be before from', path: ['to'] })
  .meta({ id: 'Closure', description: 'Whole days closed, both ends included (holidays, August closure)' })
export type Closure = z.infer<typeof ClosureSchema>

export const LocationSchema = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  })
  .meta({ id: 'Location', description: 'WGS84 decimal degrees', example: { lat: 43.7696, lon: 11.2558 } })
export type Location = z.infer<typeof LocationSchema>

export const StopSchema = z
  .object({
    date: LocalDateSchema,
    start: TimeOfDaySchema,
    end: TimeOfDaySchema,
    place: z.object({
      label: z.string().min(1).max(200),
      comune_istat: z.string().regex(/^\d{6}$/).nullable().optional(),
      location: LocationSchema,
    }),
  })
  .refine((s) => minutesOfDay(s.end) > minutesOfDay(s.start), { message: 'end must be after start', path: ['end'] })
  .meta({ id: 'Stop', description: 'A dated session of a mobile unit at one place' })
export type Stop = z.infer<typeof StopSchema>
