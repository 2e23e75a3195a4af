/**
 * A small seeded PRNG (mulberry32) with the few draws the demo generator needs.
 * The generator must give byte-identical output for a seed, so nothing here may touch
 * Math.random() or the clock.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number
  /** True with probability p. */
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** An index drawn with probability proportional to its weight (weights ≥ 0, not all 0). */
  weightedIndex(weights: readonly number[]): number
  /** k distinct items in random order (all of them when k ≥ length). */
  sample<T>(items: readonly T[], k: number): T[]
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick: items must not be empty')
      return items[int(0, items.length - 1)] as T
    },
    weightedIndex(weights) {
      const total = weights.reduce((sum, w) => sum + w, 0)
      if (!(total > 0)) throw new Error('weightedIndex: weights must have a positive sum')
      let target = next() * total
      for (let i = 0; i < weights.length; i++) {
        target -= weights[i] ?? 0
        if (target < 0) return i
      }
      return weights.length - 1
    },
    sample<T>(items: readonly T[], k: number): T[] {
      // Partial Fisher–Yates: only the first k positions are shuffled.
      const copy = items.slice()
      const n = Math.min(k, copy.length)
      for (let i = 0; i < n; i++) {
        const j = int(i, copy.length - 1)
        ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
      }
      return copy.slice(0, n)
    },
  }
}
