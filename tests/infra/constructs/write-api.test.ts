import { Match, Template } from 'aws-cdk-lib/assertions'
import { describe, expect, it } from 'vitest'
import { OperatorsIdentity } from '../../../infra/constructs/operators-identity.ts'
import { createPrivateBucket } from '../../../infra/constructs/private-bucket.ts'
import { PublicApi } from '../../../infra/constructs/public-api.ts'
import { RegistryTable } from '../../../infra/constructs/registry-table.ts'
import { SnapshotBucket } from '../../../infra/constructs/snapshot-bucket.ts'
import { WRITE_API_PATH, WriteApi } from '../../../infra/constructs/write-api.ts'
import { stubCodeDir, testStack } from '../infra-test-stack.ts'

const codeDir = stubCodeDir()
function setup(memoryMiB?: number) {
  const stack = testStack()
  const registry = new RegistryTable(stack, 'Registry')
  const api = new PublicApi(stack, 'Api', { snapshots: new SnapshotBucket(stack, 'Snapshots', { accessLogs: createPrivateBucket(stack, 'Logs') }), codeDir })
  const identity = new OperatorsIdentity(stack, 'Operators', { siteUrl: 'https://puntovicino.example.it', domainPrefix: 'puntovicino-test' })
  const make = () => new WriteApi(stack, 'Write', { httpApi: api.httpApi, codeDir, reportsCodeDir: codeDir, registry: registry.table, journal: registry.journal, identity, originSecret: api.originSecret, ...(memoryMiB ? { memoryMiB } : {}) })
  return { stack, registry, identity, make }
}

describe('WriteApi', () => {
  const { stack, registry, identity, make } = setup()
  const write = make()
  const template = Template.fromStack(stack)
  const ref = (construct: { node: { defaultChild?: unknown } }) => ({ Ref: stack.getLogicalId(construct.node.defaultChild as never) })

  it("puts every operators' route behind a JWT authorizer for the console's tokens from the Cognito pool", () => {
    const authorizers = template.findResources('AWS::ApiGatewayV2::Authorizer')
    const [authorizerId, authorizer] = Object.entries(authorizers)[0]!
    expect(Object.keys(authorizers)).toHaveLength(1)
    expect(authorizer.Properties).toMatchObject({ AuthorizerType: 'JWT', IdentitySource: ['$request.header.Authorization'], JwtConfiguration: { Audience: [ref(identity.consoleClient)] } })
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain('cognito-idp.')
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'GET']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `${method} ${WRITE_API_PATH}`, AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } })
    }
  })

  it('may read and write point items and the version item, keep past versions and reports in the journal: nothing else', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes('WriteFunction'))
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
    const actions = statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort()
    expect(JSON.stringify(statements)).not.toMatch(/dynamodb:(Scan|DeleteItem|BatchWriteItem|\*)/)
    const journalId = stack.getLogicalId(registry.journal.node.defaultChild as never)
    const registryId = stack.getLogicalId(registry.table.node.defaultChild as never)
    const on = (id: string, suffix = '') => statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }) || (suffix && JSON.stringify(s.Resource).includes(suffix)))
    expect(on(registryId).flatMap((s) => [s.Action].flat()).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'])
    expect(on(journalId).flatMap((s) => [s.Action].flat()).sort()).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'])
    // Queries of three indexes only: a region's and an operator's point ids, the open reports.
    const index = statements.filter((s) => JSON.stringify(s.Resource).includes('/index/'))
    expect(index.flatMap((s) => [s.Action].flat())).toEqual(['dynamodb:Query', 'dynamodb:Query'])
    const indexes = JSON.stringify(index.map((s) => s.Resource))
    expect(indexes.match(/\/index\/[a-z-]+/g)?.sort()).toEqual(['/index/by-area', '/index/by-operator', '/index/open-reports'])
    expect(actions.filter((a) => a.startsWith('secretsmanager:'))).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'])
  })

  it("serves the citizens' reports from a function of their own that may read a point and write reports, and change no point", () => {
    const reportsRole = stack.getLogicalId(write.reportsFunction.role!.node.defaultChild as never)
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) => JSON.stringify(p.Properties.Roles).includes(reportsRole))
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
    const registryId = stack.getLogicalId(registry.table.node.defaultChild as never)
    const journalId = stack.getLogicalId(registry.journal.node.defaultChild as never)
    const actionsOn = (id: string) => statements.filter((s) => JSON.stringify(s.Resource).includes(id)).flatMap((s) => [s.Action].flat()).sort()
    expect(actionsOn(registryId)).toEqual(['dynamodb:GetItem'])
    expect(actionsOn(journalId)).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'])
    // In the journal, only reports' and counters' items: not the points' past versions, which name their authors.
    const leadingKeys = Object.fromEntries(
      statements
        .filter((s) => JSON.stringify(s.Resource).includes(journalId))
        .map((s) => [[s.Action].flat().sort().join(','), (s as { Condition?: Record<string, Record<string, unknown>> }).Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys']]),
    )
    expect(leadingKeys).toEqual({ 'dynamodb:GetItem,dynamodb:PutItem': ['REPORTS#*'], 'dynamodb:UpdateItem': ['RATE#*'] })
    // Its public routes go to it, not to the operators' function.
    const integrationOf = (key: string) => JSON.stringify(Object.values(template.findResources('AWS::ApiGatewayV2::Route')).find((r) => r.Properties.RouteKey === key)!.Properties.Target)
    const reportsFn = stack.getLogicalId(write.reportsFunction.node.defaultChild as never)
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration')
    const integrationTarget = (routeKey: string) => {
      const id = /integrations\/",\{"Ref":"([^"]+)"/.exec(integrationOf(routeKey))![1]!
      return JSON.stringify(integrations[id]!.Properties.IntegrationUri)
    }
    for (const key of ['POST /v1/points/{id}/reports', 'OPTIONS /v1/points/{id}/reports', 'GET /v1/points/{id}/reports/{reportId}']) expect(integrationTarget(key), key).toContain(reportsFn)
    expect(integrationTarget(`PATCH ${WRITE_API_PATH}`)).not.toContain(reportsFn)
  })

  it("routes the citizens' reports to it without a token (filing and checking one), and nothing else unauthenticated", () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /v1/points/{id}/reports', AuthorizationType: 'NONE' })
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /v1/points/{id}/reports/{reportId}', AuthorizationType: 'NONE' })
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties as { RouteKey: string; AuthorizationType?: string })
    const open = routes.filter((r) => (r.AuthorizationType ?? 'NONE') === 'NONE').map((r) => r.RouteKey)
    expect(open.filter((key) => !key.startsWith('GET /v1/points.') && key !== '$default').sort()).toEqual(['GET /v1/points/{id}/reports/{reportId}', 'OPTIONS /v1/points/{id}/reports', 'POST /v1/points/{id}/reports'])
  })

  it('names its tables, issuer and client in its environment, and the origin secret by ARN only', () => {
    const fn = template.findResources('AWS::Lambda::Function', { Properties: { Description: "PuntoVicino operators' write API" } })
    const env = (Object.values(fn)[0]!.Properties.Environment.Variables ?? {}) as Record<string, unknown>
    expect(Object.keys(env).sort()).toEqual(expect.arrayContaining(['OPERATORS_CLIENT_ID', 'OPERATORS_ISSUER', 'OPERATORS_JWKS_URL', 'ORIGIN_SECRET_ARN', 'PUNTOVICINO_JOURNAL_TABLE', 'PUNTOVICINO_TABLE']))
    expect(JSON.stringify(env)).not.toContain('SecretString')
    expect(write.function).toBeDefined()
  })

  it('keeps operators in a Cognito pool with no sign-up, MFA for everyone, strong passwords and threat protection', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true, RequireUppercase: true, RequireNumbers: true }) },
      DeletionProtection: 'ACTIVE',
    })
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName as string)
    expect(groups).toHaveLength(21)
    expect(groups).toEqual(expect.arrayContaining(['admins', 'region-01', 'region-09', 'region-20']))
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: ['https://puntovicino.example.it/gestione/'],
      PreventUserExistenceErrors: 'ENABLED',
    })
  })

  it('rejects a memory size Lambda does not offer', () => {
    expect(() => setup(100).make()).toThrow('WriteApi: memoryMiB must be a whole number between 128 and 10240, got 100')
  })
})
