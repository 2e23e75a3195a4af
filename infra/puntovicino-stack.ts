import { CfnOutput, Stack, Validations, type CfnElement, type StackProps } from 'aws-cdk-lib'
import * as iam from 'aws-cdk-lib/aws-iam'
import type { Construct } from 'constructs'
import type { LambdaName } from '../functions/lambda/build.ts'
import type * as s3 from 'aws-cdk-lib/aws-s3'
import { TILES_FOLDER } from '../shared/map/basemap-layout.ts'
import { EdgeWebAcl } from './constructs/edge-web-acl.ts'
import { cognitoSignInOrigin, OperatorsIdentity } from './constructs/operators-identity.ts'
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment'
import { CONSOLE_CONFIG_KEY } from './constructs/static-site.ts'
import { Observability } from './constructs/observability.ts'
import { createPrivateBucket } from './constructs/private-bucket.ts'
import { PublicApi } from './constructs/public-api.ts'
import { RegistryTable } from './constructs/registry-table.ts'
import { SnapshotBucket } from './constructs/snapshot-bucket.ts'
import { SnapshotIndexer } from './constructs/snapshot-indexer.ts'
import { StaticSite, type CustomDomain } from './constructs/static-site.ts'
import { WriteApi } from './constructs/write-api.ts'
import { acknowledgeCdkInternals, acknowledgeFunctionFindings } from './nag-acknowledgements.ts'
import { PUBLISHER_ENVIRONMENT, type CatalogPublisher } from '../functions/exports/catalog-publisher.ts'

export interface PuntoVicinoStackProps extends StackProps {
  /** The folder of each bundled Lambda (functions/lambda/build.ts). */
  readonly lambdaDir: (name: LambdaName) => string
  /** Folders published to the site bucket: the Swagger UI assets, and web/ when it exists. */
  readonly webSources: string[]
  readonly domain?: CustomDomain
  readonly alarmEmail?: string
  /** A CLOUDFRONT web ACL to attach (the edge stack's, or one of the operator's). */
  readonly webAclArn?: string
  /** Create the web ACL in this stack (possible only when it is deployed to us-east-1). @default false */
  readonly createWebAcl?: boolean
  /** The operators' hosted sign-in: `<prefix>.auth.<region>.amazoncognito.com`. @default puntovicino-<account> */
  readonly signInDomainPrefix?: string
  /** Pass 0 on an account whose Lambda concurrency quota is still 10. @default 1 */
  readonly indexerReservedConcurrency?: number
  /** Who publishes the open data in its DCAT-AP_IT catalogue. @default the demo's placeholder */
  readonly catalogPublisher?: CatalogPublisher
  /** The origin value's version CloudFront sends, after a rotation (StaticSiteProps.apiOriginSecretVersion). */
  readonly originSecretVersion?: string
}

/** The whole product on AWS. The stack only composes: each concern is a construct. */
export class PuntoVicinoStack extends Stack {
  public readonly registry: RegistryTable
  public readonly snapshots: SnapshotBucket
  public readonly openData: s3.Bucket
  /** The street map's archives and style (`npm run basemap -- publish`). */
  public readonly basemap: s3.Bucket
  public readonly indexer: SnapshotIndexer
  public readonly api: PublicApi
  public readonly writeApi: WriteApi
  public readonly operators: OperatorsIdentity
  public readonly site: StaticSite
  public readonly observability: Observability

  constructor(scope: Construct, id: string, props: PuntoVicinoStackProps) {
    super(scope, id, props)
    const accessLogs = createPrivateBucket(this, 'AccessLogs', { expireAfterDays: 90 })
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the server-access-log bucket of the other buckets; logging it into itself would log its own log writes without end.',
    })

    this.registry = new RegistryTable(this, 'Registry')
    this.snapshots = new SnapshotBucket(this, 'Snapshots', { accessLogs })
    // Derived from the registry with every rebuild: old versions need not be kept long.
    this.openData = createPrivateBucket(this, 'OpenData', { accessLogs, noncurrentVersionDays: 1 })
    // Archives are named by their content and never rewritten: a week of old versions is plenty.
    this.basemap = createPrivateBucket(this, 'Basemap', { accessLogs, noncurrentVersionDays: 7 })
    this.indexer = new SnapshotIndexer(this, 'Indexer', {
      table: this.registry.table,
      snapshots: this.snapshots,
      openData: this.openData,
      codeDir: props.lambdaDir('indexer'),
      ...(props.indexerReservedConcurrency !== undefined ? { reservedConcurrency: props.indexerReservedConcurrency } : {}),
    })
    this.api = new PublicApi(this, 'Api', { snapshots: this.snapshots, codeDir: props.lambdaDir('api') })
    if (props.createWebAcl && this.region !== 'us-east-1') throw new Error(`PuntoVicinoStack: createWebAcl needs the stack in us-east-1 (CloudFront's web ACLs live there), got ${this.region}`)
    const webAclArn = props.createWebAcl ? new EdgeWebAcl(this, 'EdgeWebAcl').arn : props.webAclArn
    const signInDomainPrefix = props.signInDomainPrefix ?? `puntovicino-${this.account}`
    this.site = new StaticSite(this, 'Site', {
      consoleIdentityOrigins: [`https://cognito-idp.${this.region}.amazonaws.com`, cognitoSignInOrigin(signInDomainPrefix, this.region)],
      apiDomainName: this.api.originDomainName,
      apiOriginSecret: this.api.originSecret,
      ...(props.originSecretVersion ? { apiOriginSecretVersion: props.originSecretVersion } : {}),
      openData: this.openData,
      basemap: this.basemap,
      sources: props.webSources,
      accessLogs,
      ...(props.domain ? { domain: props.domain } : {}),
      ...(webAclArn ? { webAclArn } : {}),
    })
    // The open-data catalogue (DCAT-AP_IT) names its files by their addresses on the public site.
    this.indexer.function.addEnvironment('SITE_URL', this.site.url)
    if (props.catalogPublisher) {
      for (const [field, variable] of Object.entries(PUBLISHER_ENVIRONMENT)) this.indexer.function.addEnvironment(variable, props.catalogPublisher[field as keyof CatalogPublisher])
    }
    this.operators = new OperatorsIdentity(this, 'Operators', { siteUrl: this.site.url, domainPrefix: signInDomainPrefix })
    // Where the console signs in, beside its page: written by the stack, so it always names this pool.
    new s3deploy.BucketDeployment(this, 'ConsoleConfig', {
      sources: [
        s3deploy.Source.jsonData(CONSOLE_CONFIG_KEY, {
          issuer: this.operators.issuer,
          clientId: this.operators.consoleClient.userPoolClientId,
          scope: 'openid email',
          // "Esci" ends the hosted sign-in's session too; Cognito's discovery names no end-session endpoint.
          signOutUrl: `${this.operators.domain.baseUrl()}/logout?client_id=${this.operators.consoleClient.userPoolClientId}&logout_uri=${this.site.url}/gestione/`,
          // Cognito's /logout leaves refresh tokens valid: the console revokes the tab's before it.
          revocationUrl: `${this.operators.domain.baseUrl()}/oauth2/revoke`,
        }),
      ],
      destinationBucket: this.site.bucket,
      prune: false,
      distribution: this.site.distribution,
      distributionPaths: [`/${CONSOLE_CONFIG_KEY}`],
    })
    this.writeApi = new WriteApi(this, 'WriteApi', {
      httpApi: this.api.httpApi,
      codeDir: props.lambdaDir('write'),
      reportsCodeDir: props.lambdaDir('reports'),
      registry: this.registry.table,
      journal: this.registry.journal,
      identity: this.operators,
      originSecret: this.api.originSecret,
    })
    this.observability = new Observability(this, 'Observability', {
      httpApi: this.api.httpApi,
      apiFunction: this.api.function,
      apiMemoryMiB: this.api.memoryMiB,
      indexerFunction: this.indexer.function,
      writeFunction: this.writeApi.function,
      apiAccessLogs: this.api.accessLogs,
      indexerDeadLetters: this.indexer.deadLetters,
      ...(props.alarmEmail ? { alarmEmail: props.alarmEmail } : {}),
    })
    acknowledgeFunctionFindings(this)
    acknowledgeCdkInternals(this, this.site.bucket)

    new CfnOutput(this, 'SiteUrl', { value: this.site.url, description: 'The site, and the API under /v1' })
    new CfnOutput(this, 'DistributionDomainName', { value: this.site.distribution.distributionDomainName, description: "CloudFront's own name: where a custom domain's CNAME (or Route 53 alias) points" })
    new CfnOutput(this, 'ApiEndpoint', { value: this.api.httpApi.apiEndpoint, description: 'The HTTP API without the CDN, for diagnosis only: it answers 403 to every request that did not come through CloudFront' })
    new CfnOutput(this, 'RegistryTableName', { value: this.registry.table.tableName, description: 'PUNTOVICINO_TABLE for the import command' })
    new CfnOutput(this, 'JournalTableName', { value: this.registry.journal.tableName, description: 'PUNTOVICINO_JOURNAL_TABLE for the import command' })
    new CfnOutput(this, 'OperatorsUserPoolId', { value: this.operators.userPool.userPoolId, description: 'Where admins create operator accounts and groups (docs/operators.md)' })
    new CfnOutput(this, 'OperatorsSignIn', { value: this.operators.domain.baseUrl(), description: 'The hosted sign-in of the operators console' })
    new CfnOutput(this, 'OperatorsClientId', { value: this.operators.consoleClient.userPoolClientId, description: 'The console app client' })
    new CfnOutput(this, 'SnapshotBucketName', { value: this.snapshots.bucket.bucketName })
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn })
    new CfnOutput(this, 'BasemapBucketName', { value: this.basemap.bucketName, description: 'npm run basemap -- publish FILE --bucket <this>' })
    new CfnOutput(this, 'BasemapPublisherPolicyArn', { value: basemapPublisher(this, this.basemap).managedPolicyArn, description: 'Attach to whoever publishes the street map' })
  }
}

/**
 * What `npm run basemap -- publish` needs and nothing more: write (multipart included) and read
 * back objects under tiles/ of the basemap bucket. Attached by hand to the people or the CI role
 * that publish the street map; the stack's functions never touch that bucket.
 */
function basemapPublisher(scope: Construct, bucket: s3.IBucket): iam.ManagedPolicy {
  const policy = new iam.ManagedPolicy(scope, 'BasemapPublisher', {
    description: 'PuntoVicino: publish the street map (npm run basemap -- publish)',
    statements: [
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'],
        resources: [bucket.arnForObjects(`${TILES_FOLDER}/*`)],
      }),
    ],
  })
  Validations.of(policy).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${Stack.of(scope).getLogicalId(bucket.node.defaultChild as CfnElement)}.Arn>/${TILES_FOLDER}/*]`,
    reason: 'Archives are named by the hash of their content, unknown until published: the policy is limited to the tiles/ prefix of the basemap bucket and to putting and reading objects.',
  })
  return policy
}
