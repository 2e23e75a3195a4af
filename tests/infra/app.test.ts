import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/** The environment of a machine with no AWS account at all: no credentials, no profile. */
function offlineEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_') && !key.startsWith('CDK_')) env[key] = value
  return { ...env, AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', CDK_DISABLE_VERSION_CHECK: '1', AWS_EC2_METADATA_DISABLED: 'true' }
}

describe('npx cdk synth', () => {
  it('synthesises the whole app offline, with no credentials, through cdk.json, in eu-south-1 with its us-east-1 web ACL stack', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'pv-synth-'))
    const started = performance.now()
    const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', outdir], { cwd: process.cwd(), env: offlineEnvironment(), encoding: 'utf8', timeout: 120_000 })
    const seconds = (performance.now() - started) / 1000
    expect(result.stderr).not.toMatch(/AwsSolutions-/)
    expect(result.status, result.stderr).toBe(0)
    const template = JSON.parse(readFileSync(join(outdir, 'PuntoVicino.template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> }
    const types = new Set(Object.values(template.Resources).map((r) => r.Type))
    for (const type of ['AWS::DynamoDB::Table', 'AWS::ApiGatewayV2::Api', 'AWS::CloudFront::Distribution', 'AWS::Lambda::EventSourceMapping', 'AWS::CloudWatch::Alarm']) {
      expect(types).toContain(type)
    }
    expect(existsSync(join(outdir, 'PuntoVicino.assets.json'))).toBe(true)
    // The web ACL, on by default, in its us-east-1 stack.
    const edge = JSON.parse(readFileSync(join(outdir, 'PuntoVicinoEdge.template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> }
    expect(Object.values(edge.Resources).map((r) => r.Type)).toContain('AWS::WAFv2::WebACL')
    // The CLI sets CDK_DEFAULT_REGION to us-east-1 when nothing is configured; the app keeps Milan.
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { environment?: string }> }
    expect(manifest.artifacts.PuntoVicino!.environment).toMatch(/\/eu-south-1$/)
    expect(manifest.artifacts.PuntoVicinoEdge!.environment).toMatch(/\/us-east-1$/)
    console.info(`cdk synth: ${seconds.toFixed(1)} s`)
  }, 150_000)
})
