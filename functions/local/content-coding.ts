/**
 * The content coding to send, of those at hand, as Accept-Encoding asks (RFC 9110 §12.5.3): the
 * highest q-value wins, the server's order breaks ties, and `q=0` refuses a coding (`br;q=0, gzip`
 * was answered in brotli). Null: send the body as it is.
 */
export function chosenCoding<C extends string>(acceptEncoding: string | undefined, available: readonly C[]): C | null {
  const weights = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    weights.set(name, q === undefined ? 1 : Number(q))
  }
  let best: { coding: C; q: number } | null = null
  for (const coding of available) {
    const q = weights.get(coding) ?? weights.get('*') ?? 0
    if (q > 0 && (best === null || q > best.q)) best = { coding, q }
  }
  return best?.coding ?? null
}

/**
 * One tag for every coding of a body: weak (RFC 9110 §8.8.3 lets only a weak tag stand for the
 * same content in several codings; a strong one must differ between them).
 */
export const weakTag = (etag: string): string => (etag.startsWith('W/') ? etag : `W/${etag}`)
