import type { Context } from 'hono'
import { validator } from 'hono/validator'
import { z } from 'zod'
import { fieldErrors, problem } from './problem.ts'

/** The parts of a request that routes describe with zod schemas. */
export type RequestPart = 'query' | 'param'

/**
 * Middleware that parses one part of the request with the route's zod schema before the handler
 * runs: the handler reads the typed result with `c.req.valid(part)`, and a request that fails is
 * answered with a 400 problem naming each bad parameter. (It is what @hono/zod-openapi's
 * validator did, without loading the OpenAPI generator on every cold start.)
 */
export function validRequest<Part extends RequestPart, Schema extends z.ZodType>(part: Part, schema: Schema) {
  return validator(part, (value, c): z.output<Schema> | Response => {
    const result = schema.safeParse(value)
    return result.success ? result.data : invalidParameters(c, part, result.error)
  })
}

/** The 400 problem for a request part its schema rejected, with one `{ field, message }` per issue. */
function invalidParameters(c: Context, part: RequestPart, error: z.ZodError): Response {
  // How often each parameter was sent tells "is required" and "must be given once" apart.
  const sent = new Map<string, number>()
  for (const key of new URL(c.req.url).searchParams.keys()) sent.set(key, (sent.get(key) ?? 0) + 1)
  if (part === 'param') for (const key of Object.keys(c.req.param())) sent.set(key, 1)
  const errors = fieldErrors(error, sent)
  return problem(c, 'invalidParameter', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors)
}

/** The query of a route that takes no parameters: any one sent is unknown, and the contract makes that a 400. */
export const NoQuerySchema = z.object({}).strict()
