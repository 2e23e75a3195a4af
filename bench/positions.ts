/**
 * Repeatable pseudo-random numbers and positions for the benchmarks: the same sequence in every
 * run, so runs compare and an answer is not one cached computation.
 */

/** A Lehmer (Park–Miller) generator: numbers in (0, 1), the same sequence for the same seed. */
export function lehmer(seed: number): () => number {
  return () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
}

/** `count` positions spread over Italy's bounding box (sea included), with 4 decimals. */
export function positionsOverItaly(count: number, seed = 42): { lat: number; lon: number }[] {
  const random = lehmer(seed)
  return Array.from({ length: count }, () => ({ lat: Number((37.5 + random() * 8.5).toFixed(4)), lon: Number((8 + random() * 10).toFixed(4)) }))
}

/** The service the HTTP bench filters on, in its requests and in its raw index baseline. */
export const HTTP_BENCH_SERVICE = 'formazione_gruppo'
