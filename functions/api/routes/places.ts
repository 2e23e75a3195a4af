import { createRoute, defineOpenAPIRoute, z } from '@hono/zod-openapi'
import type { Gazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { ProblemSchema } from '../problem.ts'

const PlacesQuerySchema = z
  .object({
    q: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').meta({ description: 'The start of a comune name, Italian or the second official language (Bozen)', example: 'reggio' }),
    limit: z.coerce
      .number({ error: 'must be a whole number from 1 to 50' })
      .int('must be a whole number from 1 to 50')
      .min(1, 'must be a whole number from 1 to 50')
      .max(50, 'must be a whole number from 1 to 50')
      .default(10),
  })
  .strict()

const PlaceSchema = z
  .object({
    istat: z.string().meta({ example: '048017' }),
    name: z.string().meta({ example: 'Firenze' }),
    alt_name: z.string().nullable().meta({ description: 'Name in the second official language, e.g. Bozen' }),
    province: z.string().meta({ example: 'FI' }),
    region: z.object({ istat: z.string(), name: z.string() }),
    lat: z.number(),
    lon: z.number(),
    population: z.number().int(),
  })
  .meta({ id: 'Place', description: 'An Italian comune (ISTAT gazetteer)' })

export const placesRoute = createRoute({
  method: 'get',
  path: '/v1/places',
  tags: ['places'],
  summary: 'Comuni matching a typed name, for search boxes: prefix, accent-insensitive, bilingual, largest first',
  request: { query: PlacesQuerySchema },
  responses: {
    200: { content: { 'application/json': { schema: z.object({ items: z.array(PlaceSchema) }).meta({ id: 'PlacePage' }) } }, description: 'Matching comuni' },
    400: { content: { 'application/problem+json': { schema: ProblemSchema } }, description: 'Missing or malformed q or limit' },
  },
})

export function placesRoutes(deps: { gazetteer: Gazetteer }) {
  return [
    defineOpenAPIRoute({
      route: placesRoute,
      handler: (c) => {
        const { q, limit } = c.req.valid('query')
        const items = deps.gazetteer.search(q, limit).map((comune) => ({
          istat: comune.istat,
          name: comune.name,
          alt_name: comune.altName,
          province: comune.province,
          region: { istat: comune.regionIstat, name: comune.regionName },
          lat: comune.lat,
          lon: comune.lon,
          population: comune.population,
        }))
        return c.json({ items }, 200)
      },
    }),
  ] as const
}
