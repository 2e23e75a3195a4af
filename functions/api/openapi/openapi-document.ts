import { OpenAPIHono } from '@hono/zod-openapi'
import type { DescribeRoutes } from '../api-route.ts'
import { repairNullableRefs } from './repair-nullable-refs.ts'
import { withCommonAnswers } from './common-answers.ts'

export const API_VERSION = '1.0.0'


const DOCUMENT_OBJECT = {
  openapi: '3.1.0',
  info: {
    title: 'PuntoVicino API',
    version: API_VERSION,
    description:
      "Open API of Italy's punti di facilitazione digitale (PNRR Misura 1.7.2): nearest points, filters, opening hours in Europe/Rome. Errors are RFC 9457 problem+json.",
    license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
  },
  tags: [
    { name: 'points', description: 'Facilitation points' },
    { name: 'exports', description: 'The same selection as GeoJSON or CSV' },
    { name: 'places', description: 'Comuni and regions' },
    { name: 'meta', description: 'Service health, this document and its interactive reference' },
    { name: 'operators', description: "The operators' write API (/v1/admin/): signed-in region editors, point operators and national admins keep the registry true. Every change needs If-Match with the version edited; every version is kept." },
  ],
}

/**
 * A route's operationId, made from its method and path (`GET /v1/points/{id}.ics` → `getPointsByIdIcs`):
 * generated clients name their functions after it, and without one they made names up. Derived,
 * so a new route has one and two routes never share it (their paths differ).
 */
export function operationIdOf(route: { readonly method: string; readonly path: string }): string {
  const words = route.path
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'v1')
    .flatMap((segment) => segment.split('.'))
    .map((part) => (part.startsWith('{') ? `By${capitalised(part.slice(1, -1))}` : part.split(/[-_]/).map(capitalised).join('')))
  return `${route.method}${words.join('')}`
}

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1)

/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas: each resource's route file
 * describes its routes (`DescribeRoutes`), and the app hands the list over. This module and everything
 * it imports (response schemas, the generator) load on the first request for the document: the
 * app that answers requests is plain Hono and validates with the same request schemas.
 */
export async function createOpenApiDocument(resources: readonly DescribeRoutes[]) {
  // An OpenAPIHono only for its registry and generator; it serves nothing.
  const registry = new OpenAPIHono()
  registry.openAPIRegistry.registerComponent('securitySchemes', 'operatorToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An OpenID Connect access token from our identity provider (Amazon Cognito on AWS; the local provider at /oidc under npm start), with the account\'s groups.',
  })
  for (const describe of resources) for (const route of await describe()) registry.openAPIRegistry.registerPath({ operationId: operationIdOf(route), ...route })
  return withCommonAnswers(repairNullableRefs(registry.getOpenAPI31Document(DOCUMENT_OBJECT)))
}
