import { Hono } from 'hono'
import { z } from 'zod'
import type { Gazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import { honoPath, type ApiRoute } from '../api-route.ts'
import type { PlacePage } from '../openapi/places-openapi.ts'
import { validRequest } from '../request-validator.ts'

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
