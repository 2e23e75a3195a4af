import type { Stack } from 'aws-cdk-lib'
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions'
import { AwsSolutionsChecks } from 'cdk-nag'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createPuntoVicinoApp } from '../../infra/create-app.ts'
import { READ_API_MEMORY_MIB } from '../../infra/function-memory.ts'
import { LAMBDA_ENTRIES } from '../../functions/lambda/build.ts'

const scratch = mkdtempSync(join(tmpdir(), 'pv-stack-'))
const { app, stack, edge } = await createPuntoVicinoApp({ lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs'), outdir: join(scratch, 'cdk.out') })
const template = Template.fromStack(stack)
const resources = (type: string) => Object.values(template.findResources(type))

describe('PuntoVicinoStack', () => {
  it('passes cdk-nag AwsSolutions with no finding left unacknowledged', () => {
    const report = new AwsSolutionsChecks().validateScope(app)
    expect(report.violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([])
    expect(report.success).toBe(true)
  })

  it("passes cdk-nag too for a landing zone's own bootstrap qualifier (the assets bucket's name was written with CDK's default one)", async () => {
    const own = await createPuntoVicinoApp({ lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs'), outdir: join(scratch, 'qualifier.out'), context: { '@aws-cdk/core:bootstrapQualifier': 'csipiem1' } })
    const report = new AwsSolutionsChecks().validateScope(own.app)
    expect(report.violations.map((v) => v.ruleName)).toEqual([])
  })

  it('fails cdk-nag when an acknowledgement is missing, so the check above has teeth', async () => {
    const bare = await createPuntoVicinoApp({ lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs'), outdir: join(scratch, 'bare.out') })
    // A new, unacknowledged wildcard grant on the read function.
    bare.stack.snapshots.bucket.grantReadWrite(bare.stack.api.function)
    const report = new AwsSolutionsChecks().validateScope(bare.app)
    expect(report.success).toBe(false)
    expect(report.violations.map((v) => v.ruleName)).toContain('AwsSolutions-IAM5[Action::s3:GetObject*]')
  })

  it('holds two tables (the registry and its journal of past versions), five private TLS-only versioned buckets (access logs, snapshots, open data, street map, site), and retains them all on destroy', () => {
    const tables = resources('AWS::DynamoDB::Table')
    expect(tables).toHaveLength(2)
    for (const table of tables) {
      expect(table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' })
      expect(table.Properties).toMatchObject({ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })
    }
    const buckets = resources('AWS::S3::Bucket')
    expect(buckets).toHaveLength(5)
    for (const bucket of buckets) {
      expect(bucket).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' })
      expect(bucket.Properties).toMatchObject({
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      })
    }
    const policies = resources('AWS::S3::BucketPolicy')
    expect(policies).toHaveLength(5)
    for (const policy of policies) expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"')
    expect(resources('AWS::DynamoDB::Table')[0]).toMatchObject({ DeletionPolicy: 'Retain' })
  })

  it('runs every function of ours on Node.js 22 and arm64, from the bundles of functions/lambda/build.ts', () => {
    const ours = resources('AWS::Lambda::Function').filter((f) => String(f.Properties.Description ?? '').startsWith('PuntoVicino'))
    // The read API, the indexer, the operators' write API and the citizens' reports.
    expect(ours).toHaveLength(Object.keys(LAMBDA_ENTRIES).length)
    expect(ours).toHaveLength(4)
    for (const f of ours) expect(f.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: 'index.handler' })
  })

  it('gives the read function no permission on the table: nearest queries never touch DynamoDB', () => {
    const apiRole = stack.getLogicalId(stack.api.function.role!.node.defaultChild as never)
    const apiPolicies = resources('AWS::IAM::Policy').filter((p) => JSON.stringify(p.Properties.Roles).includes(apiRole))
    expect(apiPolicies.length).toBeGreaterThan(0)
    expect(JSON.stringify(apiPolicies)).not.toContain('dynamodb:')
  })

  it("watches the read function's memory on its own log group, alarming at 80% of the memory it deploys (READ_API_MEMORY_MIB)", () => {
    const apiFunction = template.findResources('AWS::Lambda::Function')[stack.getLogicalId(stack.api.function.node.defaultChild as never)]!
    expect(apiFunction.Properties.MemorySize).toBe(READ_API_MEMORY_MIB)
    const memoryFilters = resources('AWS::Logs::MetricFilter').filter((f) => f.Properties.MetricTransformations[0].MetricName === 'ReadFunctionMemoryMiB')
    expect(memoryFilters.map((f) => f.Properties.LogGroupName)).toEqual([apiFunction.Properties.LoggingConfig.LogGroup])
    const memoryAlarms = resources('AWS::CloudWatch::Alarm').filter((a) => a.Properties.MetricName === 'ReadFunctionMemoryMiB')
    expect(memoryAlarms.map((a) => a.Properties.Threshold)).toEqual([Math.round(0.8 * READ_API_MEMORY_MIB)])
  })

  it('tells the indexer the public site address its open-data catalogue names the files by', () => {
    const indexer = stack.getLogicalId(stack.indexer.function.node.defaultChild as never)
    const siteUrl = JSON.stringify(template.findResources('AWS::Lambda::Function')[indexer]?.Properties.Environment.Variables.SITE_URL)
    expect(siteUrl).toContain('https://')
    expect(siteUrl).toContain(stack.getLogicalId(stack.site.distribution.node.defaultChild as never))
  })

  it('exports what the deploy steps need: the site URL, the API endpoint, the table name, the street map bucket', () => {
    expect(Object.keys(template.findOutputs('*'))).toEqual(expect.arrayContaining(['SiteUrl', 'DistributionDomainName', 'ApiEndpoint', 'RegistryTableName', 'JournalTableName', 'SnapshotBucketName', 'AlarmTopicArn', 'BasemapBucketName', 'BasemapPublisherPolicyArn']))
  })

  it('lets street map publishers put and read objects under tiles/ of its bucket, and nothing else', () => {
    const basemapId = stack.getLogicalId(stack.basemap.node.defaultChild as never)
    const [publisher, ...others] = resources('AWS::IAM::ManagedPolicy').filter((p) => String(p.Properties.Description).includes('street map'))
    expect(others).toEqual([])
    expect(publisher!.Properties.PolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'], Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [basemapId, 'Arn'] }, '/tiles/*']] } },
    ])
    // No function of the stack may write the street map.
    const rolePolicies = JSON.stringify(resources('AWS::IAM::Policy'))
    expect(rolePolicies).not.toContain(basemapId)
  })
})

describe('the web ACL, on by default', () => {
  it('lives in a us-east-1 stack of its own, with managed rule groups and per-IP rate limits', () => {
    expect(stack.region).toBe('eu-south-1') // the default, whatever CDK_DEFAULT_REGION the CLI sets
    expect(edge?.region).toBe('us-east-1')
    const acl = Template.fromStack(edge!)
    acl.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } })
    const [webAcl] = Object.values(acl.findResources('AWS::WAFv2::WebACL'))
    const rules = webAcl!.Properties.Rules as Array<{ Name: string; Statement: Record<string, any> }>
    expect(rules.map((r) => r.Name)).toEqual(['rate-exports', 'rate-reports', 'rate-all', 'AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'])
    expect(rules[0]!.Statement.RateBasedStatement).toMatchObject({ Limit: 300, AggregateKeyType: 'IP', EvaluationWindowSec: 300 })
    expect(JSON.stringify(rules[0]!.Statement.RateBasedStatement.ScopeDownStatement)).toContain('/v1/points.csv')
    // Citizens' reports: POSTs ending in /reports, 20 in 5 minutes per IP.
    expect(rules[1]!.Statement.RateBasedStatement).toMatchObject({ Limit: 20, AggregateKeyType: 'IP' })
    expect(JSON.stringify(rules[1]!.Statement.RateBasedStatement.ScopeDownStatement)).toMatch(/"POST".*"\/reports"/)
    expect(rules[2]!.Statement.RateBasedStatement).toMatchObject({ Limit: 2000, AggregateKeyType: 'IP' })
    // Paths are matched as the app routes them: /v1/%70oints.csv and /v1/./points.csv are exports too.
    const pathMatches = [rules[0], rules[1]].flatMap((rule) => JSON.stringify(rule!.Statement).match(/"UriPath":\{\}\}[^\]]*\]/g) ?? [])
    expect(pathMatches.length).toBeGreaterThanOrEqual(3)
    for (const match of pathMatches) expect(match).toMatch(/"URL_DECODE".*"NORMALIZE_PATH"/)
    // Operators' bodies up to the app's own 256-KB limit: the managed 8-KB body rule only counts.
    const common = rules.find((r) => r.Name === 'AWSManagedRulesCommonRuleSet')!
    expect(JSON.stringify(common.Statement.ManagedRuleGroupStatement.RuleActionOverrides)).toContain('{"ActionToUse":{"Count":{}},"Name":"SizeRestrictions_BODY"}')
  })

  it('is attached to the distribution of the main stack, across regions', () => {
    const [distribution] = resources('AWS::CloudFront::Distribution')
    expect(distribution!.Properties.DistributionConfig.WebACLId).toBeDefined()
    // CDK carries the ARN across regions through an SSM parameter read by a custom resource.
    expect(JSON.stringify(distribution!.Properties.DistributionConfig.WebACLId)).toMatch(/ExportsReader/)
  })

  it('is left out with waf=false, and built into the stack itself when it is deployed to us-east-1', async () => {
    const off = await createPuntoVicinoApp({ context: { waf: 'false' }, lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs'), outdir: join(scratch, 'off.out') })
    expect(off.edge).toBeUndefined()
    expect(Object.values(Template.fromStack(off.stack).findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig.WebACLId).toBeUndefined()
    expect(new AwsSolutionsChecks().validateScope(off.app).success).toBe(true)

    const virginia = await createPuntoVicinoApp({ context: { region: 'us-east-1' }, lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs'), outdir: join(scratch, 'va.out') })
    expect(virginia.edge).toBeUndefined()
    Template.fromStack(virginia.stack).resourceCountIs('AWS::WAFv2::WebACL', 1)
  })
})

describe('the app context', () => {
  it('refuses a waf value other than true or false, and webAclArn with waf=false', async () => {
    const make = (context: Record<string, string>) => createPuntoVicinoApp({ context, lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs') })
    await expect(make({ waf: 'off' })).rejects.toThrow('context: waf must be true or false, got off')
    await expect(make({ waf: 'false', webAclArn: 'arn:aws:wafv2:us-east-1:1:global/webacl/x/y' })).rejects.toThrow('context: webAclArn attaches a web ACL, waf=false removes it: give one or the other')
  })

  it("names the catalogue's publisher from the context for the indexer, warns while it is the demo's, and refuses half a publisher", async () => {
    const make = (context: Record<string, string>, out: string) => createPuntoVicinoApp({ context: { waf: 'false', ...context }, lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs'), outdir: join(scratch, out) })
    const configured = await make({ publisherName: 'Regione Toscana', publisherIpaCode: 'r_toscan', publisherEmail: 'opendata@regione.toscana.it' }, 'publisher.out')
    const variables = Object.values(Template.fromStack(configured.stack).findResources('AWS::Lambda::Function')).map((f) => f.Properties.Environment?.Variables ?? {}).find((v) => v.SITE_URL)
    expect(variables).toMatchObject({ CATALOG_PUBLISHER_NAME: 'Regione Toscana', CATALOG_PUBLISHER_IPA_CODE: 'r_toscan', CATALOG_PUBLISHER_EMAIL: 'opendata@regione.toscana.it' })
    const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('demo publisher'))
    expect(warnings(configured.stack)).toEqual([])
    const unconfigured = await make({}, 'no-publisher.out')
    expect(warnings(unconfigured.stack)).toHaveLength(1)
    await expect(make({ publisherName: 'Regione Toscana' }, 'half.out')).rejects.toThrow('catalogue publisher: give its name, IPA code and email together')
    await expect(make({ publisherName: 'Regione Toscana', publisherIpaCode: 'Regione Toscana', publisherEmail: 'a@b.it' }, 'bad.out')).rejects.toThrow('is not an IPA code')
  })

  it('refuses a custom domain without its certificate', async () => {
    await expect(createPuntoVicinoApp({ context: { domainName: 'puntovicino.example.it' }, lambdaOutdir: join(scratch, 'lambda'), docsAssetsOutdir: join(scratch, 'docs') })).rejects.toThrow(
      'context: domainName and certificateArn go together (a custom domain needs its us-east-1 certificate)',
    )
  })
})

describe("the operators' console on AWS", () => {
  it('gets its sign-in configuration from the stack: the pool as issuer and the console client, written beside its page', () => {
    const deployments = resources('Custom::CDKBucketDeployment')
    const config = deployments.find((d) => JSON.stringify(d.Properties).includes('gestione/config.json') && d.Properties.Prune === false)
    expect(config).toBeDefined()
    // The values are deploy-time references, filled into the file by the deployment.
    const markers = JSON.stringify(config!.Properties.SourceMarkers)
    const [pool] = Object.keys(template.findResources('AWS::Cognito::UserPool'))
    const [client] = Object.keys(template.findResources('AWS::Cognito::UserPoolClient'))
    expect(markers).toContain(`"Ref":"${pool}"`)
    expect(markers).toContain(`"Ref":"${client}"`)
    // "Esci" ends the hosted sign-in's session too, at its /logout (Cognito's discovery names none).
    const [domain] = Object.keys(template.findResources('AWS::Cognito::UserPoolDomain'))
    expect(markers).toContain(`"Ref":"${domain}"`)
    // …and revokes the tab's refresh token first ("Resta collegato" extends sessions with it):
    // the file as the deployment writes it, its references still markers.
    const written = (config!.Properties.SourceObjectKeys as string[])
      .map((key) => join(scratch, 'cdk.out', `asset.${key.replace(/\.zip$/, '')}`, 'gestione', 'config.json'))
      .filter((file) => existsSync(file))
      .map((file) => JSON.parse(readFileSync(file, 'utf8')) as { revocationUrl?: string })
    expect(written).toHaveLength(1)
    expect(written[0]!.revocationUrl).toMatch(/^https:\/\/<<marker:0xbaba:\d+>>\.auth\.[a-z0-9-]+\.amazoncognito\.com\/oauth2\/revoke$/)
  })

  it("sends no CORS headers on the operators' API: only the console's own origin calls it", () => {
    const [distribution] = resources('AWS::CloudFront::Distribution')
    const behaviour = (distribution!.Properties.DistributionConfig.CacheBehaviors as Array<{ PathPattern: string; ResponseHeadersPolicyId: { Ref: string } }>).find((b) => b.PathPattern === '/v1/admin/*')!
    const policy = template.findResources('AWS::CloudFront::ResponseHeadersPolicy')[behaviour.ResponseHeadersPolicyId.Ref]!
    expect(policy.Properties.ResponseHeadersPolicyConfig.CorsConfig).toBeUndefined()
    expect(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.StrictTransportSecurity).toBeDefined()
  })

  it("lets the console's page read the pool's discovery document, where its sign-in starts", () => {
    const policies = resources('AWS::CloudFront::ResponseHeadersPolicy').map((p) => JSON.stringify(p.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig?.ContentSecurityPolicy?.ContentSecurityPolicy ?? ''))
    const consolePolicy = policies.filter((csp) => csp.includes('amazoncognito.com'))
    expect(consolePolicy).toHaveLength(1)
    expect(consolePolicy[0]).toContain('https://cognito-idp.eu-south-1.amazonaws.com')
  })
})
