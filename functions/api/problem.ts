import type { z } from 'zod'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
// The RFC 9457 shape of every 4xx and 5xx. Its schema is built only with the OpenAPI document;
// its type checks every problem sent.
import type { Problem } from '../../shared/schemas/problem-view.ts'

export type FieldError = { field: string; message: string }

const PROBLEM_BASE = 'https://github.com/puntovicino/puntovicino/blob/main/docs/problems.md#'

export const PROBLEM_TYPES = {
  invalidParameter: { slug: 'invalid-parameter', title: 'Invalid request parameter', status: 400 },
  unauthorized: { slug: 'unauthorized', title: 'Sign-in required', status: 401 },
  forbidden: { slug: 'forbidden', title: 'Forbidden', status: 403 },
  notFound: { slug: 'not-found', title: 'Not found', status: 404 },
  methodNotAllowed: { slug: 'method-not-allowed', title: 'Method not allowed', status: 405 },
  alreadyExists: { slug: 'already-exists', title: 'A point with this id already exists', status: 409 },
  preconditionFailed: { slug: 'version-conflict', title: 'Someone else changed this point first', status: 412 },
  unsupportedMediaType: { slug: 'unsupported-media-type', title: 'Unsupported media type', status: 415 },
  preconditionRequired: { slug: 'version-required', title: 'If-Match with the version you edited is required', status: 428 },
  tooManyRequests: { slug: 'too-many-requests', title: 'Too many requests', status: 429 },
  alreadyClosed: { slug: 'report-closed', title: 'This report is already closed', status: 409 },
  staleCursor: { slug: 'stale-cursor', title: 'The registry changed since this cursor was issued', status: 410 },
  internal: { slug: 'internal-error', title: 'Internal error', status: 500 },
  unavailable: { slug: 'unavailable', title: 'Registry not loaded yet', status: 503 },
  recordsUnavailable: { slug: 'records-unavailable', title: 'Point records cannot be read right now', status: 503 },
  queryTooBroad: { slug: 'query-too-broad', title: 'The query reads more of the registry than one answer can', status: 422 },
} as const satisfies Record<string, { slug: string; title: string; status: number }>

export function problem(
  c: Context,
  kind: keyof typeof PROBLEM_TYPES,
  detail: string,
  errors?: FieldError[],
): Response {
  const body = problemDocument(kind, detail, c.req.path, errors)
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, { 'Content-Type': 'application/problem+json' })
}

/** The RFC 9457 document of a problem, for an answer made outside Hono too (the local server's unreadable requests). */
export function problemDocument(kind: keyof typeof PROBLEM_TYPES, detail: string, instance?: string, errors?: FieldError[]): Problem {
  const { slug, title, status } = PROBLEM_TYPES[kind]
  return { type: PROBLEM_BASE + slug, title, status, detail, ...(instance !== undefined ? { instance } : {}), ...(errors ? { errors } : {}) }
}

/**
 * zod issues → one `{ field, message }` per problem, unknown keys each named as a field.
 * `sent` holds how many times each parameter was sent: a type error on a parameter that was
 * not sent means it is required, one sent twice that it must be given once; otherwise the
 * schema's own message (which says what is expected) stands.
 */
export function fieldErrors(error: z.ZodError, sent: ReadonlyMap<string, number> = new Map()): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...issue.path, key].join('.'), message: 'unknown parameter' }))
    }
    const field = issue.path.join('.') || '(request)'
    const name = String(issue.path[0] ?? '')
    const times = sent.get(name) ?? 0
    const message =
      issue.code === 'invalid_type' && times === 0 && name !== '' ? 'is required' : times > 1 ? 'must be given once' : issue.message
    return [{ field, message }]
  })
}
