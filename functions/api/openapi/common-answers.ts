/**
 * Answers every read operation gives, which no route file says one by one: the document listed
 * only 200 and 503 for /healthz, though `?x=1` is a 400 there, and no 304 anywhere, though every
 * /v1 read answers one to a matching If-None-Match. Added here, once, to each GET that answers 200.
 */
type Operation = { responses?: Record<string, unknown> }
type Document = { paths?: object; components?: { schemas?: object } }

const NOT_MODIFIED = { description: 'Not modified: If-None-Match named the ETag of this very answer (RFC 9110 §15.4.5); the body stays with the client' }

export function withCommonAnswers<T extends Document>(document: T): T {
  const problem = document.components?.schemas && 'Problem' in document.components.schemas ? { $ref: '#/components/schemas/Problem' } : {}
  const badRequest = { description: 'An unknown or malformed parameter, named in the problem document', content: { 'application/problem+json': { schema: problem } } }
  for (const [path, item] of Object.entries((document.paths ?? {}) as Record<string, { get?: Operation }>)) {
    const responses = item.get?.responses
    if (!responses?.['200']) continue
    // The conditional GET covers the public /v1 reads (app.ts), not the operators' API.
    if (path.startsWith('/v1/') && !path.startsWith('/v1/admin/')) responses['304'] ??= NOT_MODIFIED
    responses['400'] ??= badRequest
  }
  return document
}
