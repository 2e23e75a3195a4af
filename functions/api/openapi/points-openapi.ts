import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { PointPageSchema, PointSchema } from '../../../shared/schemas/point-view.ts'
import { csvRoute, geoJsonRoute, getPointRoute, listPointsRoute } from '../routes/points.ts'
import { problemResponse } from './problem-schema.ts'

export const pointsOpenApiRoutes = [
  createRoute({
    ...listPointsRoute,
    tags: ['points'],
    summary: 'Find facilitation points: nearest first with near, filtered, paginated',
    responses: {
      200: { content: { 'application/json': { schema: PointPageSchema } }, description: 'One page of points' },
      400: problemResponse('A parameter is malformed, unknown or inconsistent'),
      410: problemResponse('A distance-ordered cursor outlived its registry version'),
    },
  }),
  createRoute({
    ...getPointRoute,
    tags: ['points'],
    summary: 'One facilitation point',
    responses: {
      200: { content: { 'application/json': { schema: PointSchema } }, description: 'The point' },
      400: problemResponse('The id is too long, or a query parameter was sent'),
      404: problemResponse('No point has this id'),
    },
  }),
  createRoute({
    ...geoJsonRoute,
    tags: ['exports'],
    summary: 'The selection as an RFC 7946 FeatureCollection, one Point feature per site',
    responses: {
      200: { content: { 'application/geo+json': { schema: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.any()) }) } }, description: 'GeoJSON' },
      400: problemResponse('A parameter is malformed, unknown or inconsistent'),
    },
  }),
  createRoute({
    ...csvRoute,
    tags: ['exports'],
    summary: 'The selection as CSV (UTF-8, header row, one row per site)',
    responses: {
      200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV' },
      400: problemResponse('A parameter is malformed, unknown or inconsistent'),
    },
  }),
]
