import { App, Stack } from 'aws-cdk-lib'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { APP_FEATURE_FLAGS } from '../../infra/feature-flags.ts'

/** A stack in the region the app deploys to, with the app's feature flags. */
export function testStack(): Stack {
  const app = new App({ context: { ...APP_FEATURE_FLAGS } })
  return new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-south-1' } })
}

/**
 * A stand-in code folder for construct tests: the construct only hashes it. The real bundles
 * are built and tested in tests/functions/lambda and by the whole-app synth test.
 */
export function stubCodeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pv-code-'))
  writeFileSync(join(dir, 'index.mjs'), 'export const handler = async () => ({ statusCode: 204 })\n')
  return dir
}

export function stubSiteDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'pv-site-')), 'site')
  mkdirSync(dir)
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>PuntoVicino</title>')
  return dir
}
