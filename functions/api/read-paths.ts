import type { Context, Hono } from 'hono'
import { problem } from './problem.ts'

const READ_METHODS = 'GET, HEAD, OPTIONS'

/**
 * Every path the read API serves exists for GET, HEAD and OPTIONS only: another method on it is a
 * 405 naming those (RFC 9110 §15.5.6), not a 404 that would say the resource is not there. Call
 * it once an app's GET routes are all registered.
 */
export function answerOtherMethodsOnReadPaths(app: Hono<any, any, any>): void {
  const readPaths = new Set(app.routes.filter((route) => route.method === 'GET').map((route) => route.path))
  for (const path of readPaths) {
    app.all(path, (c) => {
      c.header('Allow', READ_METHODS)
      return problem(c, 'methodNotAllowed', `${c.req.method} is not allowed here: the read API answers ${READ_METHODS}.`)
    })
  }
}

/** The read API's answer where nothing is served. */
export const nothingHere = (c: Context): Response => problem(c, 'notFound', `Nothing at ${c.req.path}. The API lives under /v1; see /v1/docs.`)
