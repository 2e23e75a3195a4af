import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CachedSecret, SecretReadError, secretsManagerReader } from '../../../functions/aws/secrets-manager.ts'
import { startLocalSecretsManager, type LocalSecretsManager } from './local-secrets-manager.ts'

let sm: LocalSecretsManager
beforeAll(async () => {
  sm = await startLocalSecretsManager()
  sm.set('arn:cursor', 'current-key')
  sm.set('arn:origin', 'origin-now')
  sm.set('arn:origin', 'origin-before', 'AWSPREVIOUS')
})
afterAll(() => sm.close())

const reader = (credentials = sm.credentials) => secretsManagerReader({ region: sm.region, credentials, endpoint: sm.endpoint })

describe('secretsManagerReader', () => {
  it('reads a secret with a signed GetSecretValue', async () => {
    expect(await reader()('arn:cursor')).toBe('current-key')
    expect(await reader()('arn:origin', 'AWSPREVIOUS')).toBe('origin-before')
  })

  it('says that a secret was never rotated by answering undefined for its previous version', async () => {
    expect(await reader()('arn:cursor', 'AWSPREVIOUS')).toBeUndefined()
  })

  it('fails with the service error for a missing secret or a bad signature', async () => {
    await expect(reader()('arn:nothing')).rejects.toThrow(new SecretReadError('GetSecretValue arn:nothing (AWSCURRENT) answered 400 ResourceNotFoundException'))
    await expect(reader({ accessKeyId: 'S3RVER', secretAccessKey: 'wrong' })('arn:cursor')).rejects.toThrow(/UnrecognizedClientException/)
  })
})

describe('CachedSecret', () => {
  it('reads once per interval, keeps its values through an outage, and picks up a rotation', async () => {
    let now = 0
    const errors: unknown[] = []
    const secret = new CachedSecret(reader(), 'arn:origin', { withPrevious: true, maxAgeMs: 1000, now: () => now, onError: (e) => errors.push(e) })
    await secret.refreshIfDue()
    expect(secret.get()).toEqual(['origin-now', 'origin-before'])
    const calls = sm.calls.length
    await secret.refreshIfDue()
    expect(sm.calls.length).toBe(calls) // within the interval: no call

    now += 1000
    sm.fail(2)
    await secret.refreshIfDue()
    expect(secret.get()).toEqual(['origin-now', 'origin-before'])
    expect(errors).toHaveLength(1)

    sm.set('arn:origin', 'origin-next')
    sm.set('arn:origin', 'origin-now', 'AWSPREVIOUS')
    now += 1000
    await secret.refreshIfDue()
    expect(secret.get()).toEqual(['origin-next', 'origin-now'])
  })

  it('throws when its first read fails, and tries again on the next call', async () => {
    const secret = new CachedSecret(reader(), 'arn:cursor', { onError: () => {} })
    sm.fail(1)
    await expect(secret.refreshIfDue()).rejects.toThrow(/500/)
    await secret.refreshIfDue()
    expect(secret.get()).toEqual(['current-key'])
  })
})
