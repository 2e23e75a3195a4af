import type { WeeklySchedule } from '../../../shared/schemas/hours.ts'
import type { Site } from '../../../shared/schemas/point.ts'
import { bilingual } from './bilingual.ts'
import { onceForEachString } from '../../../shared/util/once-for-each-string.ts'
import type { RowError } from './format.ts'

/**
 * The shape shared by parseItalianHours and osmToSchedule. A parser that reads a public-holiday
 * rule (OSM `PH off`) says so in `publicHolidays`.
 */
export type HoursParser = (
  text: string,
) => { ok: true; schedule: WeeklySchedule; publicHolidays?: Site['public_holidays'] } | { ok: false; reason: string }

/** Distinct texts remembered per parser: a registry repeats a few hundred schedules across thousands of rows. */
const PARSED_TEXTS_KEPT = 5_000

/**
 * The parser, reading each distinct text once: the OSM parser builds an opening_hours evaluator
 * and samples whole weeks, the most expensive step of an import, and the same "Mo-Fr 09:00-12:00"
 * comes back row after row. Each caller gets its own copy of the result (drafts are built from
 * it and must not share objects).
 */
export function onceForEachText(parse: HoursParser): HoursParser {
  const remembered = onceForEachString(parse, PARSED_TEXTS_KEPT)
  return (text) => structuredClone(remembered(text))
}

export type SiteHours = Pick<Site, 'opening_hours' | 'opening_hours_source' | 'opening_hours_unparsed' | 'public_holidays'>

const MAX_SOURCE_LENGTH = 2000

/**
 * Published hours → the site's hours fields. The text is always kept in `opening_hours_source`;
 * the first parser that succeeds gives `opening_hours`, and `public_holidays` when the text states
 * it (otherwise the registry's default, closed, applies). When none does, the site is marked
 * `opening_hours_unparsed` and a warning (field `opening_hours`) carries every parser's reason:
 * unreadable hours never cost a point its place in the registry.
 */
export function readHours(text: string | null, parsers: readonly HoursParser[]): { hours: SiteHours; warnings: RowError[] } {
  if (text === null) return { hours: {}, warnings: [] }
  const warnings: RowError[] = []
  let source = text
  if (source.length > MAX_SOURCE_LENGTH) {
    source = source.slice(0, MAX_SOURCE_LENGTH)
    warnings.push({ field: 'opening_hours', message: bilingual(
      `il testo degli orari ha ${text.length} caratteri; conservati i primi ${MAX_SOURCE_LENGTH}`,
      `the hours text is ${text.length} characters; kept the first ${MAX_SOURCE_LENGTH}`,
    ) })
  }
  const reasons: string[] = []
  for (const parse of parsers) {
    const result = parse(source)
    if (result.ok) {
      const stated = result.publicHolidays === undefined ? {} : { public_holidays: result.publicHolidays }
      return { hours: { opening_hours: result.schedule, ...stated, opening_hours_source: source }, warnings }
    }
    reasons.push(result.reason)
  }
  // The parsers' reasons (and the opening_hours library's text inside them) stay in English,
  // after an Italian lead that already tells the operator what happened.
  const shown = JSON.stringify(shorten(text))
  warnings.push({
    field: 'opening_hours',
    message: bilingual(`orari conservati come testo, non leggibili ${shown}`, `kept as text, could not read ${shown}: ${reasons.join('; ')}`),
  })
  return { hours: { opening_hours_source: source, opening_hours_unparsed: true }, warnings }
}

const shorten = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s)
