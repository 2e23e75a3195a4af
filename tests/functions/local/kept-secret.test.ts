import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { keptSecret } from '../../../functions/local/kept-secret.ts'

describe('keptSecret (npm start)', () => {
  it('keeps a secret across restarts of one data folder, makes another for a new folder (a new registry refuses the cursors of the deleted one), readable by its owner only', async () => {
    const make = () => randomBytes(32).toString('base64url')
    const folder = mkdtempSync(join(tmpdir(), 'pv-secret-'))
    const first = await keptSecret(join(folder, 'cursor-secret.json'), make)
    expect(await keptSecret(join(folder, 'cursor-secret.json'), make)).toBe(first)
    expect(statSync(join(folder, 'cursor-secret.json')).mode & 0o077).toBe(0)
    const fresh = mkdtempSync(join(tmpdir(), 'pv-secret-'))
    expect(await keptSecret(join(fresh, 'nested', 'cursor-secret.json'), make)).not.toBe(first)
  })

  it('makes the secret again, with a warning, when its file cannot be read (emptied, cut short), instead of stopping npm start', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pv-secret-'))
    writeFileSync(join(folder, 'cursor-secret.json'), '"abc')
    const warnings: string[] = []
    const secret = await keptSecret(join(folder, 'cursor-secret.json'), () => 'new-secret', (message) => warnings.push(message))
    expect(secret).toBe('new-secret')
    expect(warnings).toEqual([expect.stringContaining('could not be read')])
    expect(await keptSecret(join(folder, 'cursor-secret.json'), () => 'another')).toBe('new-secret')
  })
})
