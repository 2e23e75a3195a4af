import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { placesRoute } from '../routes/places.ts'
import { problemResponse } from './problem-schema.ts'

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

const PlacePageSchema = z.object({ items: z.array(PlaceSchema) }).meta({ id: 'PlacePage' })
export type PlacePage = z.infer<typeof PlacePageSchema>

export const placesOpenApiRoutes = [
  createRoute({
    ...placesRoute,
    tags: ['places'],
    summary: 'Comuni matching a typed name, for search boxes: prefix, accent-insensitive, bilingual, largest first',
    responses: {
      200: { content: { 'application/json': { schema: PlacePageSchema } }, description: 'Matching comuni' },
      400: problemResponse('Missing or malformed q or limit'),
    },
  }),
]
