import { WEEKDAYS, minutesOfDay, type Interval, type Weekday, type WeeklySchedule } from '../../shared/schemas/hours.ts'
import type { SeededRandom } from './seeded-random.ts'

/** One opening on one weekday. */
export interface Slot {
  readonly day: Weekday
  readonly interval: Interval
}

/** How a kind of venue usually opens (offices in the morning, libraries in the afternoon, …). */
export type HoursProfile = 'office' | 'library' | 'youth' | 'community' | 'school'

type Half = 'am' | 'pm'
/** Preferred (day, half-day) openings, most usual first; each group is shuffled, the order of groups kept. */
const PREFERENCES: Readonly<Record<HoursProfile, ReadonlyArray<ReadonlyArray<readonly [Weekday, Half]>>>> = {
  office: [
    [['mo', 'am'], ['we', 'am'], ['fr', 'am']],
    [['tu', 'am'], ['th', 'am']],
    [['tu', 'pm'], ['th', 'pm']],
    [['mo', 'pm'], ['we', 'pm']],
    [['sa', 'am']],
  ],
  library: [
    [['tu', 'pm'], ['th', 'pm'], ['fr', 'pm']],
    [['sa', 'am'], ['we', 'pm']],
    [['we', 'am'], ['mo', 'pm']],
    [['tu', 'am'], ['th', 'am'], ['fr', 'am']],
    [['mo', 'am']],
  ],
  youth: [
    [['mo', 'pm'], ['we', 'pm'], ['fr', 'pm']],
    [['tu', 'pm'], ['th', 'pm']],
    [['sa', 'am'], ['tu', 'am']],
    [['th', 'am'], ['mo', 'am'], ['we', 'am']],
  ],
  community: [
    [['tu', 'am'], ['th', 'am']],
    [['mo', 'pm'], ['we', 'pm']],
    [['fr', 'am'], ['we', 'am']],
    [['mo', 'am'], ['tu', 'pm'], ['th', 'pm']],
    [['sa', 'am'], ['fr', 'pm']],
  ],
  school: [
    [['tu', 'pm'], ['th', 'pm']],
    [['mo', 'pm'], ['we', 'pm']],
    [['sa', 'am'], ['fr', 'pm']],
    [['we', 'am'], ['fr', 'am']],
    [['mo', 'am'], ['tu', 'am'], ['th', 'am']],
  ],
}

/** Usual Italian opening times, all on the half hour; a point keeps one of each all week. */
const MORNINGS: readonly Interval[] = [
  { start: '09:00', end: '12:30' },
  { start: '09:00', end: '13:00' },
  { start: '08:30', end: '12:30' },
  { start: '09:30', end: '12:30' },
  { start: '10:00', end: '13:00' },
]
const AFTERNOONS: Readonly<Record<HoursProfile, readonly Interval[]>> = {
  office: [{ start: '15:00', end: '17:30' }, { start: '14:30', end: '17:30' }, { start: '15:00', end: '18:00' }],
  library: [{ start: '14:30', end: '18:30' }, { start: '15:00', end: '19:00' }, { start: '14:00', end: '18:00' }],
  youth: [{ start: '15:00', end: '18:30' }, { start: '16:00', end: '19:00' }, { start: '15:30', end: '19:00' }],
  community: [{ start: '15:00', end: '18:00' }, { start: '14:30', end: '17:30' }],
  school: [{ start: '14:30', end: '17:30' }, { start: '15:00', end: '18:00' }],
}

export const intervalHours = (i: Interval): number => (minutesOfDay(i.end) - minutesOfDay(i.start)) / 60

/**
 * A weekly target in hours: most points land between 20 and 30 (about 24 on average), a few
 * below 20 (the data-quality warning must have something to flag) and a few up to 36.
 */
export function drawWeeklyHoursTarget(random: SeededRandom): number {
  const roll = random.next()
  if (roll < 0.05) return random.int(12, 17)
  if (roll < 0.9) return random.int(19, 26)
  return random.int(27, 32)
}

/** Openings for one point: the profile's preferred half-days, added until the target is reached. */
export function buildWeeklySlots(random: SeededRandom, profile: HoursProfile, targetHours: number): Slot[] {
  const morning = random.pick(MORNINGS)
  const afternoon = random.pick(AFTERNOONS[profile])
  const order = PREFERENCES[profile].flatMap((group) => random.sample(group, group.length))
  const slots: Slot[] = []
  let total = 0
  for (const [day, half] of order) {
    // Openings come in blocks of 2.5–4 h, so the week ends up to one block above the target.
    if (total >= targetHours) break
    const interval = half === 'am' ? morning : afternoon
    slots.push({ day, interval })
    total += intervalHours(interval)
  }
  return slots
}

/** Slots grouped by weekday, each day's intervals in time order. */
export function toWeeklySchedule(slots: readonly Slot[]): WeeklySchedule {
  const schedule: WeeklySchedule = {}
  for (const day of WEEKDAYS) {
    const intervals = slots
      .filter((s) => s.day === day)
      .map((s) => ({ ...s.interval }))
      .sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start))
    if (intervals.length > 0) schedule[day] = intervals
  }
  return schedule
}

/**
 * Shares one point's openings among its fixed sites by whole days (staff cannot be in two
 * places at once): each extra site gets one day, the main site keeps the rest. Returns as many
 * schedules as there are days to share, at most `siteCount`.
 */
export function splitSlotsByDay(random: SeededRandom, slots: readonly Slot[], siteCount: number): WeeklySchedule[] {
  const days = WEEKDAYS.filter((d) => slots.some((s) => s.day === d))
  // The main site must keep at least two days, or it would not be the main one.
  const extraSites = Math.max(0, Math.min(siteCount - 1, days.length - 2))
  const extraDays = random.sample(days, extraSites)
  const main = slots.filter((s) => !extraDays.includes(s.day))
  return [toWeeklySchedule(main), ...extraDays.map((d) => toWeeklySchedule(slots.filter((s) => s.day === d)))]
}

/**
 * A van's week: `count` distinct half-days (Mon–Sat, at most 10), so two stops never overlap.
 * Weekday mornings come first: that is when villages have their market and elderly residents
 * come out.
 */
export function mobileHalfDays(random: SeededRandom, count: number): Slot[] {
  const morning = random.pick([MORNINGS[0], MORNINGS[1]] as Interval[])
  const afternoon = random.pick<Interval>([{ start: '14:30', end: '18:00' }, { start: '15:00', end: '18:30' }])
  const halfDays = WEEKDAYS.filter((d) => d !== 'su').flatMap((day) => [
    { day, interval: morning },
    { day, interval: afternoon },
  ])
  const weekdayMornings = halfDays.filter((s) => s.interval === morning && s.day !== 'sa')
  const others = halfDays.filter((s) => !weekdayMornings.includes(s))
  const fromMornings = Math.min(count, random.int(Math.ceil(count / 2), weekdayMornings.length))
  return [...random.sample(weekdayMornings, fromMornings), ...random.sample(others, count - fromMornings)]
}

/** Helpline or video-call hours: two to three short blocks on different days. */
export function onlineSlots(random: SeededRandom): Slot[] {
  const block = random.pick<Interval>([
    { start: '10:00', end: '12:00' },
    { start: '14:00', end: '16:00' },
    { start: '17:00', end: '19:00' },
  ])
  const days = random.sample(['mo', 'tu', 'we', 'th', 'fr'] as const, random.int(2, 3))
  return days.map((day) => ({ day, interval: block }))
}

/** A summer desk: three to five mornings or early evenings, when residents and visitors are about. */
export function seasonalSlots(random: SeededRandom): Slot[] {
  const block = random.pick<Interval>([
    { start: '09:30', end: '12:30' },
    { start: '10:00', end: '13:00' },
    { start: '17:30', end: '20:30' },
  ])
  const days = random.sample(['mo', 'tu', 'we', 'th', 'fr', 'sa'] as const, random.int(3, 5))
  return days.map((day) => ({ day, interval: block }))
}
