import { Hono } from 'hono'
import { z } from 'zod'
import type { Gazetteer } from '../../../shared/gazetteer/create-gazetteer.ts'
import type { Comune } from '../../../shared/gazetteer/comuni.ts'
import type { Place, PlacePage } from '../../../shared/schemas/place-view.ts'
import { limitParameter } from '../../../shared/schemas/query-values.ts'
import { AREA_PARAMETERS, checkArea, SEARCH_TEXT } from '../../../shared/schemas/points-query.ts'
import { honoPath, problemResponse, type ApiRoute, type DescribeRoutes } from '../api-route.ts'
import { validRequest } from '../request-validator.ts'

const PlacesQuerySchema = z
  .object({
    q: SEARCH_TEXT.meta({ description: 'The start of a comune name, Italian or the second official language (Bozen), a five-digit CAP, or a six-digit ISTAT code', example: 'reggio' }),
    limit: limitParameter(50, 10, 'Comuni'),
    // Addition (2026-12-07): a widget filtered to an area offers only its comuni.
    ...AREA_PARAMETERS,
  })
  .strict()
  .superRefine(checkArea)

export const placesRoute = { method: 'get', path: '/v1/places', request: { query: PlacesQuerySchema } } as const satisfies ApiRoute

function toPlace(comune: Comune): Place {
  return {
    istat: comune.istat,
    name: comune.name,
    alt_name: comune.altName,
    province: comune.province,
    region: { istat: comune.regionIstat, name: comune.regionName },
    lat: comune.lat,
    lon: comune.lon,
    population: comune.population,
  }
}

export function placesRoutes(deps: { gazetteer: Gazetteer }): Hono {
  const routes = new Hono()
  routes.get(honoPath(placesRoute), validRequest('query', placesRoute.request.query), (c) => {
    const { q, limit, region, province, comune: only } = c.req.valid('query')
    const within = region || province || only ? (comune: Comune) => (!region || comune.regionIstat === region) && (!province || comune.province === province) && (!only || comune.istat === only) : undefined
    if (/^\d{5}$/.test(q)) {
      const { comuni, exact } = deps.gazetteer.byPostcode(q)
      const inArea = within ? comuni.filter(within) : comuni
      // A real CAP of another area is not an unknown one: the answer says which it is.
      const outside = inArea.length === 0 && comuni.length > 0
      const page: PlacePage = { items: inArea.slice(0, limit).map(toPlace), postcode: { code: q, exact, ...(outside ? { outside_area: true } : {}) } }
      return c.json(page, 200)
    }
    if (/^\d{6}$/.test(q)) {
      // An ISTAT code: the one comune it names, as a widget filtered by `comune=` needs its name and centre.
      const named = deps.gazetteer.byIstat(q)
      const inArea = named !== undefined && (!within || within(named))
      return c.json({ items: inArea ? [toPlace(named)] : [], ...(named && !inArea ? { outside_area: true } : {}) } satisfies PlacePage, 200)
    }
    const items = deps.gazetteer.search(q, limit, within).map(toPlace)
    if (items.length > 0) return c.json({ items } satisfies PlacePage, 200)
    // Nothing starts with what was typed: offer the names a typo or two away, never a silent pick;
    // in an area, say when the name is a comune elsewhere rather than "no such comune".
    const did_you_mean = deps.gazetteer.similar(q, 3, within).map(toPlace)
    // Outside the area only when q names a comune elsewhere: "Mila", the start of Milano, names none.
    const elsewhere = within !== undefined && did_you_mean.length === 0 && deps.gazetteer.findByName(q).length > 0
    const page: PlacePage = { items, did_you_mean, ...(elsewhere ? { outside_area: true } : {}) }
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
      summary: 'Comuni matching a typed name or a CAP, for search boxes: prefix, accent-insensitive, bilingual, largest first; near misses offered',
      responses: {
        200: { content: { 'application/json': { schema: PlacePageSchema } }, description: 'Matching comuni' },
        400: await problemResponse('Missing or malformed q, limit, region, province or comune, or an area that contradicts itself'),
      },
    },
  ]
}
