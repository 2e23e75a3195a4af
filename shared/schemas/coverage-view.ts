import { z } from 'zod'
import { REGIONS } from '../gazetteer/admin-units.ts'
import { cursorParameter, limitParameter, wholeNumberText } from './query-values.ts'

/** `GET /v1/coverage` and `/v1/coverage/gaps` (issue 13; additions to docs/API.md). */
const RegionParameter = z
  .string()
  .refine((r) => Object.hasOwn(REGIONS, r), { message: 'must be a two-digit ISTAT region code, 01 to 20' })
  .optional()
  .meta({ description: 'ISTAT region code, e.g. 10 (Umbria)' })

const AreaFields = {
  region: RegionParameter,
  province: z.string().transform((p) => p.toUpperCase()).pipe(z.string().regex(/^[A-Z]{2}$/, 'must be a province sigla, e.g. PG')).optional().meta({ description: 'Province sigla, e.g. PG' }),
}
const oneArea = { message: 'give region or province, not both', path: ['province'] }
const bothGiven = (q: { region?: string | undefined; province?: string | undefined }) => q.region === undefined || q.province === undefined

/** A bilingual comune's name in its second official language (addition, 2026-12-07), as `/v1/places` gives it. */
const AltName = z.string().optional().meta({ description: "The comune's name in its second official language, where it has one (Bozen), as /v1/places gives it (addition)" })

/** One of the coverage radii, as the query writes it. */
const RadiusParameter = z
  .enum(['5', '10', '20'], { message: 'must be 5, 10 or 20 (km)' })
  .transform(Number)
  .optional()

/** Italy (nothing), a region or a province: the comuni, areas and points files. */
export const AreaQuerySchema = z.object(AreaFields).strict().refine(bothGiven, oneArea)

export const CoverageQuerySchema = z
  .object({ ...AreaFields, radius_km: RadiusParameter.meta({ description: 'Only this radius in within_km (default: 5, 10 and 20)' }) })
  .strict()
  .refine(bothGiven, oneArea)

const AreaSchema = z.object({ level: z.enum(['italy', 'region', 'province']), code: z.string().nullable(), name: z.string() })

const Within = z.object({ residents: z.number().int(), share: z.number().min(0).max(1) })

export const CoverageSchema = z
  .object({
    area: AreaSchema,
    as_of: z.iso.date().meta({ description: 'The Rome date the figures hold for (seasons in season, stops in the next four weeks)' }),
    residents: z.number().int().meta({ description: 'ISTAT resident population of the area' }),
    within_km: z.object({ '5': Within.optional(), '10': Within.optional(), '20': Within.optional() }).meta({ description: 'Residents whose comune lies within 5, 10 and 20 km (great circle) of a place where help is given regularly' }),
    active_points: z.number().int(),
    weekly_hours: z.number(),
    weekly_hours_per_10k_residents: z.number(),
    weekly_hours_norm: z.number().meta({ description: 'The programme norm for one point: about 24 hours a week' }),
    hours_distribution: z.array(z.object({ from: z.number(), to: z.number().nullable(), points: z.number().int() })),
    under_norm: z.array(z.string()).meta({ description: 'Ids of the active points under the norm' }),
  })
  .meta({ id: 'Coverage' })
export type CoverageView = z.infer<typeof CoverageSchema>

/** Which comuni are gaps (the JSON pages and the CSV alike): an area, a population, a distance. */
const GapsFields = {
  ...AreaFields,
  min_population: wholeNumberText('must be a whole number of residents').optional().meta({ description: 'Only comuni with at least this many residents (default 1000)' }),
  radius_km: RadiusParameter.meta({ description: 'Only comuni farther than this from regular help (default 5)' }),
}

export const GapsQuerySchema = z
  .object({
    ...GapsFields,
    limit: limitParameter(100, 20, 'Comuni per page'),
    cursor: cursorParameter('The next_cursor of the previous page'),
  })
  .strict()
  .refine(bothGiven, oneArea)

export const GapsCsvQuerySchema = z.object(GapsFields).strict().refine(bothGiven, oneArea)

export const GapsPageSchema = z
  .object({
    items: z.array(z.object({ istat: z.string(), name: z.string(), alt_name: AltName, province: z.string(), region: z.string(), population: z.number().int(), distance_km: z.number().nullable().meta({ description: 'To the nearest place where help is given regularly; null when there is none' }) })),
    next_cursor: z.string().nullable(),
  })
  .meta({ id: 'CoverageGaps' })

/** `GET /v1/coverage/comuni`: every comune of the area with its distance to help (the statistics page's map). */
export const CoverageComuniSchema = z
  .object({
    area: AreaSchema,
    as_of: z.iso.date(),
    items: z.array(
      z.object({
        istat: z.string(),
        name: z.string(),
        alt_name: AltName,
        province: z.string(),
        region: z.string(),
        population: z.number().int(),
        lat: z.number(),
        lon: z.number(),
        distance_km: z.number().nullable().meta({ description: 'To the nearest place where help is given regularly; null when there is none' }),
      }),
    ),
  })
  .meta({ id: 'CoverageComuni' })
export type CoverageComuniView = z.infer<typeof CoverageComuniSchema>
export type CoverageComune = CoverageComuniView['items'][number]
export type GapsPage = z.infer<typeof GapsPageSchema>
