import { Duration, Validations } from 'aws-cdk-lib'
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb'
import * as iam from 'aws-cdk-lib/aws-iam'
import type * as lambda from 'aws-cdk-lib/aws-lambda'
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager'
import { Construct } from 'constructs'
import { JOURNAL_KEYS, TABLE_KEYS, rateLimitKey, reportsPartitionKey } from '../../functions/repository/table-design.ts'
import { checkMemory, createNodeFunction } from './node-function.ts'
import type { OperatorsIdentity } from './operators-identity.ts'

/** Where the operators' write routes live on the HTTP API. */
export const WRITE_API_PATH = '/v1/admin/{proxy+}'
/** The citizens' reports: public, no token, served by a function of their own that cannot change a point. */
export const REPORT_PATHS = { file: '/v1/points/{id}/reports', status: '/v1/points/{id}/reports/{reportId}' } as const

export interface WriteApiProps {
  readonly httpApi: apigwv2.HttpApi
  /** Folder with the operators' write bundle. */
  readonly codeDir: string
  /** Folder with the citizens' reports bundle. */
  readonly reportsCodeDir: string
  readonly registry: dynamodb.ITable
  readonly journal: dynamodb.ITable
  readonly identity: OperatorsIdentity
  /** The `x-origin-verify` value CloudFront adds (PublicApi.originSecret): the function refuses requests without it. */
  readonly originSecret: secretsmanager.ISecret
  /** @default 512 */
  readonly memoryMiB?: number
}

/**
 * The operators' write API: routes behind the HTTP API's JWT authorizer (the Cognito pool's
 * tokens for the console's app client), served by a function of its own that verifies each
 * token again, checks every write against the point as stored (shared/access/roles.ts) and is
 * the only one that may write the registry. Its permissions are exactly its calls: read and put
 * point items, update the version item; put and query past versions in the journal. The public
 * reports' routes have their own function, which may read a point and write reports only.
 */
export class WriteApi extends Construct {
  public readonly function: lambda.Function
  public readonly reportsFunction: lambda.Function
  public readonly routes: apigwv2.HttpRoute[]

  constructor(scope: Construct, id: string, { httpApi, codeDir, reportsCodeDir, registry, journal, identity, originSecret, memoryMiB = 512 }: WriteApiProps) {
    super(scope, id)
    checkMemory('WriteApi', memoryMiB)
    this.function = createNodeFunction(this, 'Function', {
      codeDir,
      description: "PuntoVicino operators' write API",
      memoryMiB,
      timeout: Duration.seconds(10),
      environment: {
        PUNTOVICINO_TABLE: registry.tableName,
        PUNTOVICINO_JOURNAL_TABLE: journal.tableName,
        OPERATORS_ISSUER: identity.issuer,
        OPERATORS_JWKS_URL: identity.jwksUrl,
        OPERATORS_CLIENT_ID: identity.consoleClient.userPoolClientId,
        // The ARN only: the function reads the value itself (no secret in the environment).
        ORIGIN_SECRET_ARN: originSecret.secretArn,
      },
    })
    // On the tables themselves: `grant` would add their indexes too, which no write reads.
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [registry.tableArn] }))
    // The console's "my points": a region's or an operator's ids, from the two key-only indexes.
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [TABLE_KEYS.byArea.indexName, TABLE_KEYS.byOperator.indexName].map((index) => `${registry.tableArn}/index/${index}`) }))
    // The journal: past versions (put, query) and reports (put, get, update; the rate-limit counters).
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem'], resources: [journal.tableArn] }))
    this.function.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${journal.tableArn}/index/${JOURNAL_KEYS.openReports.indexName}`] }))
    originSecret.grantRead(this.function)
    this.routes = httpApi.addRoutes({
      path: WRITE_API_PATH,
      methods: [apigwv2.HttpMethod.POST, apigwv2.HttpMethod.PUT, apigwv2.HttpMethod.PATCH, apigwv2.HttpMethod.DELETE, apigwv2.HttpMethod.GET],
      integration: new HttpLambdaIntegration('Write', this.function),
      authorizer: new HttpJwtAuthorizer('Operators', identity.issuer, { jwtAudience: [identity.consoleClient.userPoolClientId], authorizerName: 'operators-cognito' }),
    })
    this.reportsFunction = createNodeFunction(this, 'ReportsFunction', {
      codeDir: reportsCodeDir,
      description: "PuntoVicino citizens' reports",
      memoryMiB: 256,
      timeout: Duration.seconds(10),
      environment: { PUNTOVICINO_TABLE: registry.tableName, PUNTOVICINO_JOURNAL_TABLE: journal.tableName, ORIGIN_SECRET_ARN: originSecret.secretArn },
    })
    // A report names a point that exists (read it), and is written with its hourly counter in the
    // journal: reports are put and read, counters updated, each held to its own partition keys, so
    // a fault on this public path reaches no point and no past version (which names its author).
    this.reportsFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [registry.tableArn] }))
    const onlyKeys = (key: string) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [key] } })
    this.reportsFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem', 'dynamodb:GetItem'], resources: [journal.tableArn], conditions: onlyKeys(reportsPartitionKey('*')) }))
    this.reportsFunction.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [journal.tableArn], conditions: onlyKeys(rateLimitKey('*')) }))
    originSecret.grantRead(this.reportsFunction)
    const integration = new HttpLambdaIntegration('Reports', this.reportsFunction)
    const reportRoutes = [
      // OPTIONS too: the widget posts from other sites, so the browser asks first (CORS preflight).
      ...httpApi.addRoutes({ path: REPORT_PATHS.file, methods: [apigwv2.HttpMethod.POST, apigwv2.HttpMethod.OPTIONS], integration }),
      ...httpApi.addRoutes({ path: REPORT_PATHS.status, methods: [apigwv2.HttpMethod.GET], integration }),
    ]
    for (const route of reportRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          "Citizens report errors without signing in, by design (issue 11: no personal data asked). The routes take a small JSON body validated by the function, are limited per client by the function (5 an hour) and by the edge web ACL (20 POSTs in 5 minutes per IP), and can only add a report: nothing else in the registry is reachable from them.",
      })
    }
    this.routes.push(...reportRoutes)
  }
}
