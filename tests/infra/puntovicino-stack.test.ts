import { Template } from 'aws-cdk-lib/assertions'
import { AwsSolutionsChecks } from 'cdk-nag'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPuntoVicinoApp } from '../../infra/create-app.ts'

const scratch = mkdtempSync(join(tmpdir(), 'pv-stack-'))
const { app, stack } = await createPuntoVicinoApp({ lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs'), outdir: join(scratch, 'cdk.out') })
const template = Template.fromStack(stack)
const resources = (type: string) => Object.values(template.findResources(type))

describe('PuntoVicinoStack', () => {
  it('passes cdk-nag AwsSolutions with no finding left unacknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(app)
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([])
    expect(report.success).toBe(true)
  })

  it('fails cdk-nag when an acknowledgement is missing, so the check above has teeth', async () => {
    const bare = await createPuntoVicinoApp({ lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs'), outdir: join(scratch, 'bare.out') })
    // A new, unacknowledged wildcard grant on the read function.
    bare.stack.snapshots.bucket.grantReadWrite(bare.stack.api.function)
    const report = new AwsSolutionsChecks().validateScope(bare.app)
    expect(report.success).toBe(false)
    expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-IAM5[Action::s3:GetObject*]')
  })

  it('holds one table, three private TLS-only versioned buckets, and retains them all on destroy', () => {
    expect(resources('AWS::DynamoDB::Table')).toHaveLength(1)
    const buckets = resources('AWS::S3::Bucket')
    expect(buckets).toHaveLength(3)
    for (const bucket of buckets) {
      expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' })
      expect(bucket.Properties).toMatchObject({
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      })
    }
    const policies = resources('AWS::S3::BucketPolicy')
    expect(policies).toHaveLength(3)
    for (const policy of policies) expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"')
    expect(resources('AWS::DynamoDB::Table')[0]).toMatchObject({ DeletionPolicy: 'Retain' })
  })

  it('runs every function of ours on Node.js 22 and arm64, from the bundles of functions/lambda/build.ts', () => {
    const ours = resources('AWS::Lambda::Function').filter((f) => String(f.Properties.Description ?? '').startsWith('PuntoVicino'))
    expect(ours).toHaveLength(3)
    for (const f of ours) expect(f.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' })
  })

  it('gives the read function no permission on the table: nearest queries never touch DynamoDB', () => {
    const apiRole = stack.getLogicalId(stack.api.function.role!.node.defaultChild as never)
    const apiPolicies = resources('AWS::IAM::Policy').filter((p) => JSON.stringify(p.Properties.Roles).includes(apiRole))
    expect(apiPolicies.length).toBeGreaterThan(0)
    expect(JSON.stringify(apiPolicies)).not.toContain('dynamodb:')
  })

  it('exports what the deploy steps need: the site URL, the API endpoint, the table name', () => {
    expect(Object.keys(template.findOutputs('*'))).toEqual(expect.arrayContaining(['SiteUrl', 'ApiEndpoint', 'RegistryTableName', 'SnapshotBucketName', 'AlarmTopicArn']))
  })
})

describe('the app context', () => {
  it('refuses a custom domain without its certificate', async () => {
    await expect(createPuntoVicinoApp({ context: { domainName: 'puntovicino.example.it' }, lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs') })).rejects.toThrow(
      'context: domainName and certificateArn go together (a custom domain needs its us-east-1 certificate)',
    )
  })
})
