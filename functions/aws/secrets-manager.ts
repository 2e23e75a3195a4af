import { signAwsRequest, type AwsCredentials } from './aws-signer.ts'
import { httpExchange } from './https-request.ts'

/**
 * Secrets Manager's GetSecretValue, signed by the SDK's signer over node:https: the read function
 * fetches its two secrets at cold start, while the snapshot downloads, instead of finding them in
 * its environment in plain text (where the Lambda console, `GetFunctionConfiguration` and any
 * debugging dump would show them). A value is kept for `maxAgeMs` and read again after, so a
 * rotated secret reaches every warm instance within that time.
 */
export interface SecretsManagerOptions {
  readonly region: string
  readonly credentials: AwsCredentials
  /** A stand-in endpoint; default the service's regional HTTPS endpoint. */
  readonly endpoint?: string
  readonly now?: () => Date
}

export class SecretReadError extends Error {
  override name = 'SecretReadError'
}

/** `(secretId, versionStage?)` → the SecretString. */
export type ReadSecret = (secretId: string, versionStage?: 'AWSCURRENT' | 'AWSPREVIOUS') => Promise<string | undefined>

export function secretsManagerReader({ region, credentials, endpoint, now = () => new Date() }: SecretsManagerOptions): ReadSecret {
  const url = new URL(endpoint ?? `https://secretsmanager.${region}.amazonaws.com/`)
  return async (secretId, versionStage = 'AWSCURRENT') => {
    const body = JSON.stringify({ SecretId: secretId, VersionStage: versionStage })
    const headers = await signAwsRequest(
      { service: 'secretsmanager', region, credentials, at: now() },
      { method: 'POST', url, body, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'secretsmanager.GetSecretValue' } },
    )
    const answer = await httpExchange(url, { method: 'POST', headers, body })
    const text = new TextDecoder().decode(answer.body)
    if (answer.status !== 200) {
      const type = (safeJson(text) as { __type?: string } | undefined)?.__type?.split('#').pop() ?? `Http${answer.status}`
      // No previous version yet (never rotated): not an error, there is just nothing to accept.
      if (type === 'ResourceNotFoundException' && versionStage === 'AWSPREVIOUS') return undefined
      throw new SecretReadError(`GetSecretValue ${secretId} (${versionStage}) answered ${answer.status} ${type}`)
    }
    const secret = (safeJson(text) as { SecretString?: unknown } | undefined)?.SecretString
    if (typeof secret !== 'string' || secret === '') throw new SecretReadError(`GetSecretValue ${secretId}: no SecretString in the answer`)
    return secret
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * A secret's current value (and, during a rotation, its previous one) as the app reads it on
 * every request: synchronously, from memory. `refreshIfDue()` re-reads after `maxAgeMs`; a
 * failed refresh keeps the values already held (and says so through `onError`).
 */
export class CachedSecret {
  private values: readonly string[] = []
  private readAt = Number.NEGATIVE_INFINITY
  private reading: Promise<void> | undefined

  constructor(
    private readonly read: ReadSecret,
    private readonly secretId: string,
    private readonly options: { maxAgeMs?: number; now?: () => number; onError?: (error: unknown) => void; withPrevious?: boolean } = {},
  ) {}

  /** The current value first, then the previous one when asked for; empty before the first read. */
  get(): readonly string[] {
    return this.values
  }

  refreshIfDue(): Promise<void> {
    const now = (this.options.now ?? Date.now)()
    if (now - this.readAt < (this.options.maxAgeMs ?? 600_000)) return Promise.resolve()
    this.reading ??= this.load(now).finally(() => {
      this.reading = undefined
    })
    return this.reading
  }

  private async load(now: number): Promise<void> {
    this.readAt = now // a failure waits a full interval too: no failing call on every request during an outage
    try {
      const [current, previous] = await Promise.all([
        this.read(this.secretId, 'AWSCURRENT'),
        this.options.withPrevious ? this.read(this.secretId, 'AWSPREVIOUS') : Promise.resolve(undefined),
      ])
      this.values = [current, previous].filter((v): v is string => v !== undefined)
    } catch (error) {
      if (this.values.length === 0) this.readAt = Number.NEGATIVE_INFINITY // nothing to serve with: try again at once
      if (this.values.length === 0 || !this.options.onError) throw error
      this.options.onError(error)
    }
  }
}
