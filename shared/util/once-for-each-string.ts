/**
 * `compute`, run once for each distinct string and remembered: an import's rows repeat the same
 * few hundred values (a schedule, a service's name) thousands of times. The memory is bounded:
 * when `kept` strings are remembered it is forgotten wholesale, which costs a recomputation, never
 * a wrong answer. The results are shared: `compute` must return values no caller changes.
 */
export function onceForEachString<T>(compute: (text: string) => T, kept: number): (text: string) => T {
  const seen = new Map<string, T>()
  return (text) => {
    if (seen.has(text)) return seen.get(text) as T
    if (seen.size >= kept) seen.clear()
    const result = compute(text)
    seen.set(text, result)
    return result
  }
}
