/** A fixed spread of positions over Italy, so answers are not one cached computation (HTTP bench and its servers). */
export function httpBenchPositions(count: number): { lat: number; lon: number }[] {
  let seed = 42
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
  return Array.from({ length: count }, () => ({ lat: Number((37.5 + random() * 8.5).toFixed(4)), lon: Number((8 + random() * 10).toFixed(4)) }))
}

export const HTTP_BENCH_SERVICE = 'formazione_gruppo'
