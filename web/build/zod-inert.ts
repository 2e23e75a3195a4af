/**
 * Stands in for `zod` in the browser bundles only (see web/build.ts).
 *
 * The page reuses pure code from `shared/` (vocabularies, Europe/Rome clock), but those modules
 * sit next to zod schemas that are built at import time, and real zod alone weighs ~90 KB gzip:
 * more than the whole JavaScript budget before the first list. The browser never validates
 * with zod (the API does), so here every schema builder is an inert chainable value; calling
 * `parse` or `safeParse` throws, so accidental use fails loudly instead of passing silently.
 */
const refuse = (): never => {
  throw new Error('zod is not bundled into the web page: validate on the server, or import the pure helper instead')
}

const inert: any = new Proxy(function inertSchema() {}, {
  get: (_target, property) => {
    if (property === 'parse' || property === 'safeParse' || property === 'parseAsync' || property === 'safeParseAsync') return refuse
    if (property === Symbol.toPrimitive || property === 'then') return undefined
    return inert
  },
  apply: () => inert,
})

export const z = inert
export default inert
