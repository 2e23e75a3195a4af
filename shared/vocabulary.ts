/**
 * The registry's closed word lists and the weekday clock, free of zod: the browser bundle uses
 * them without paying for the schema library (the schemas in `./schemas/` build on these).
 */

export const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** "HH:MM" → minutes since midnight (24:00 → 1440). */
export const minutesOfDay = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))

/** Minutes since midnight → "HH:MM", the inverse of `minutesOfDay`. */
export const timeOfDay = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

export const SERVICES = ['assistenza_individuale', 'formazione_online', 'formazione_gruppo'] as const
export type Service = (typeof SERVICES)[number]

export const TOPICS = [
  'spid', 'cie', 'fse', 'pagopa', 'app_io', 'inps', 'anpr', 'agenzia_entrate', 'pec',
  'scuola', 'lavoro', 'sicurezza_online', 'competenze_base',
] as const
export type Topic = (typeof TOPICS)[number]

export const SITE_KINDS = ['fixed', 'mobile', 'seasonal', 'online'] as const
export type SiteKind = (typeof SITE_KINDS)[number]

export const POINT_STATUSES = ['active', 'suspended', 'closed'] as const

/** `source.dataset` of the generated demo registry's points (functions/demo/): said everywhere they are shown or published. */
export const DEMO_DATASET = 'demo'
export type PointStatus = (typeof POINT_STATUSES)[number]

export const BOOKING_MODES = ['walk_in', 'appointment', 'both'] as const
export type Booking = (typeof BOOKING_MODES)[number]

export const OPERATOR_TYPES = ['comune', 'unione_comuni', 'ente_pubblico', 'biblioteca', 'scuola', 'terzo_settore', 'altro'] as const

/** What a citizen's "Segnala un errore" can be about. */
export const REPORT_CATEGORIES = ['hours', 'address', 'closed', 'contacts', 'services', 'other'] as const
export type ReportCategory = (typeof REPORT_CATEGORIES)[number]

/** A report is open until an operator resolves it (the point was corrected) or dismisses it. */
export const REPORT_STATUSES = ['open', 'resolved', 'dismissed'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]

/** A point's id: 3–120 lowercase letters, digits and hyphens (the schema's rule, here without zod for the page). */
export const POINT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{2,119}$/
