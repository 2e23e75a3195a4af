/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * each wait is uniform in [0, min(cap, base·2^attempt)], which spreads retrying clients apart
 * instead of having them collide again in lockstep.
 */
export interface BackoffOptions {
  /** @default 25 */
  readonly baseMs?: number
  /** @default 2000 */
  readonly capMs?: number
  /** Attempts in all, the first included. @default 12 */
  readonly maxAttempts?: number
  /** Injected for tests; defaults to Math.random. */
  readonly random?: () => number
  readonly sleep?: (ms: number) => Promise<void>
  /** Told of every retryable failure before it is retried (to count retries for a report). */
  readonly onRetry?: (error: unknown) => void
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function backoffDelay(attempt: number, { baseMs = 25, capMs = 2000, random = Math.random }: BackoffOptions = {}): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt))
}

const RETRYABLE_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
])

/** Whether an AWS SDK error is worth another try (throttling, a 5xx, a dropped connection). */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  const meta = (error as { $metadata?: { httpStatusCode?: number }; code?: string }).$metadata
  const code = (error as { code?: string }).code
  return (
    RETRYABLE_ERRORS.has(error.name) ||
    (code !== undefined && RETRYABLE_ERRORS.has(code)) ||
    (meta?.httpStatusCode !== undefined && meta.httpStatusCode >= 500)
  )
}

/** Runs `operation`, retrying retryable errors with backoff; rethrows the last error when attempts run out. */
export async function withRetries<T>(operation: () => Promise<T>, options: BackoffOptions = {}): Promise<T> {
  const { maxAttempts = 12, sleep: wait = sleep } = options
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (!isRetryable(error) || attempt + 1 >= maxAttempts) throw error
      options.onRetry?.(error)
      await wait(backoffDelay(attempt, options))
    }
  }
}
