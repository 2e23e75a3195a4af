import type { Context } from 'hono'
import { validator } from 'hono/validator'
import { z } from 'zod'
import { fieldErrors, problem, type FieldError } from './problem.ts'

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
    if (part === 'query') {
      const malformed = malformedQueryParameters(c.req.url)
      if (malformed.length > 0) return badParameters(c, malformed.map((field) => ({ field, message: MALFORMED_MESSAGE })))
      // `?=5`: the router drops a value without a name, and the contract makes an unknown parameter a 400.
      if (hasNamelessValue(c.req.url)) return badParameters(c, [{ field: '', message: 'a value without a parameter name (=…): name it, e.g. limit=5' }])
    }
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
  return badParameters(c, fieldErrors(error, sent))
}

/** The 400 problem naming each bad parameter, its detail the same list in one line. */
export function badParameters(c: Context, errors: readonly FieldError[]): Response {
  return problem(c, 'invalidParameter', errors.map((e) => `${e.field}: ${e.message}`).join('; '), [...errors])
}

/** A pair of the query that starts with `=`; a `?=` inside a value (`q=chi?=x`) is none. Cheap when there is no `=` after a separator. */
function hasNamelessValue(url: string): boolean {
  if (!url.includes('?=') && !url.includes('&=')) return false
  const start = url.indexOf('?')
  const end = url.indexOf('#', start)
  return url.slice(start + 1, end < 0 ? undefined : end).split('&').some((pair) => pair.startsWith('='))
}

const MALFORMED_MESSAGE = 'is not valid percent-encoding of UTF-8 text (à is %C3%A0; a % sign itself is %25)'

/**
 * The parameters of a URL's query whose name or value is not percent-encoded UTF-8 ("%ZZ", or
 * "%E0", Latin-1 for à). The router passes such a value on as it stands, so "q=%ZZ" would be a
 * search for the letters "ZZ" that silently finds nothing: the contract makes it a 400 instead.
 * A name that cannot be decoded whole is named with what can be (`%%20` is "% ", as it was typed).
 */
export function malformedQueryParameters(url: string): string[] {
  const start = url.indexOf('?')
  if (start < 0 || !url.includes('%', start)) return []
  const end = url.indexOf('#', start)
  const malformed: string[] = []
  for (const pair of url.slice(start + 1, end < 0 ? undefined : end).split('&')) {
    if (!pair.includes('%')) continue
    const equals = pair.indexOf('=')
    const name = equals < 0 ? pair : pair.slice(0, equals)
    if (decodedOrNull(pair) === null) malformed.push(decodedOrNull(name) ?? name.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => decodedOrNull(run) ?? run))
  }
  return malformed
}

const decodedOrNull = (text: string): string | null => {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    return null
  }
}

/** The query of a route that takes no parameters: any one sent is unknown, and the contract makes that a 400. */
export const NoQuerySchema = z.object({}).strict()
