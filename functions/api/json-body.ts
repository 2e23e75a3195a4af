import type { Context } from 'hono'
import type { z } from 'zod'
import { fieldErrors, problem, type FieldError } from './problem.ts'

/**
 * The body of a write, read the one way every write route reads it: its media type checked
 * (415), its JSON parsed (400 "not valid JSON"), then, with a schema, validated with every bad
 * field named (400). A Response means the request was answered already.
 */
export async function jsonBody(c: Context, types: readonly string[] = ['application/json']): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!types.includes(type)) return problem(c, 'unsupportedMediaType', `Send the body as ${types.join(' or ')} (got ${type || 'no Content-Type'}).`)
  let text: string
  try {
    // Strictly: bytes that are not UTF-8 would otherwise be decoded into U+FFFD and stored as "��".
    text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer())
  } catch {
    return problem(c, 'invalidParameter', 'The body is not UTF-8 text: send JSON encoded in UTF-8 (RFC 8259).', [{ field: '(body)', message: 'not UTF-8 text' }])
  }
  try {
    return JSON.parse(text) as unknown
  } catch {
    return problem(c, 'invalidParameter', 'The body is not valid JSON.', [{ field: '(body)', message: 'not valid JSON' }])
  }
}

/**
 * `value` checked against `schema`; `what` names it in the problem ("The report is not valid: …").
 * `alsoWrong`: what else is wrong with a value the schema refuses, said in the same answer.
 */
export function validBody<Schema extends z.ZodType>(c: Context, schema: Schema, value: unknown, what: string, alsoWrong: () => FieldError[] = () => []): z.output<Schema> | Response {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const errors = [...fieldErrors(parsed.error), ...alsoWrong()]
  return problem(c, 'invalidParameter', `${what} is not valid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, errors)
}

/** Both steps: the body as `schema` says, or the Response that refused it. */
export async function parsedBody<Schema extends z.ZodType>(c: Context, schema: Schema, what: string, types?: readonly string[]): Promise<z.output<Schema> | Response> {
  const body = await jsonBody(c, types)
  return body instanceof Response ? body : validBody(c, schema, body, what)
}
