import { Hono } from 'hono'
import { z } from 'zod'
import type { Gazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import type { PlacePage } from '../../../shared/schemas/place-view.ts'
import { limitParameter } from '../../../shared/schemas/query-values.ts'
import { honoPath, problemResponse, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import { validRequest } from '../request-validator.ts'

const PlacesQuerySchema = z
  .object({
    q: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').meta({ description: 'The start of a comune name, Italian or the second official language (Bozen)', example: 'reggio' }),
    limit: limitParameter(50, 10, 'Comuni'),
  })
  .strict()

export const placesRoute = { method: 'get', path: '/v1/places', request: { query: PlacesQuerySchema } } as const satisfies ApiRoute

export function placesRoutes(deps: { gazetteer: Gazetteer }): Hono {
  const routes = new Hono()
  routes.get(honoPath(placesRoute), validRequest('query', placesRoute.request.query), (c) => {
    const { q, limit } = c.req.valid('query')
    const page: PlacePage = {
      items: deps.gazetteer.search(q, limit).map((comune) => ({
        istat: comune.istat,
        name: comune.name,
        alt_name: comune.altName,
        province: comune.province,
        region: { istat: comune.regionIstat, name: comune.regionName },
        lat: comune.lat,
        lon: comune.lon,
        population: comune.population,
      })),
    }
    return c.json(page, 200)
  })
  return routes
}

export const describePlacesRoutes: DescribeRoutes = async () => {
  const { PlacePageSchema } = await import('../../../shared/schemas/place-view.ts')
  return [
    {
      ...placesRoute,
      tags: ['places'],
      summary: 'Comuni matching a typed name, for search boxes: prefix, accent-insensitive, bilingual, largest first',
      responses: {
        200: { content: { 'application/json': { schema: PlacePageSchema } }, description: 'Matching comuni' },
        400: await problemResponse('Missing or malformed q or limit'),
      },
    },
  ]
}
