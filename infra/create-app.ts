import { Annotations, App, Validations, type AppProps } from 'aws-cdk-lib'
import { AwsSolutionsChecks } from 'cdk-nag'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildLambdas, DEFAULT_LAMBDA_OUTDIR } from '../functions/lambda/build.ts'
import { APP_FEATURE_FLAGS } from './feature-flags.ts'
import { EdgeStack } from './edge-stack.ts'
import { PuntoVicinoStack } from './puntovicino-stack.ts'
import { stageDocsAssets } from './stage-docs-assets.ts'
import { publisherFrom } from '../functions/exports/catalog-publisher.ts'

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url))

/** Milan: the users are in Italy. */
export const DEFAULT_REGION = 'eu-south-1'

/** Context values (cdk.json, or `-c name=value`) that shape a deployment; all optional. */
export const CONTEXT_KEYS = ['region', 'domainName', 'certificateArn', 'alarmEmail', 'webAclArn', 'waf', 'webDir', 'indexerReservedConcurrency', 'publisherName', 'publisherIpaCode', 'publisherEmail', 'originSecretVersion'] as const

export interface CreateAppOptions extends AppProps {
  /** Where the Lambda bundles are written. @default dist/lambda */
  readonly lambdaOutdir?: string
  /** Where the docs assets are staged. @default dist/docs-assets */
  readonly docsAssetsOutdir?: string
}

/**
 * Builds the CDK app: bundles the Lambdas with the one esbuild configuration, stages Swagger
 * UI's files, composes the stack from context values, and registers cdk-nag's AwsSolutions pack
 * so a finding nobody acknowledged fails the synth.
 */
export async function createPuntoVicinoApp({ lambdaOutdir = DEFAULT_LAMBDA_OUTDIR, docsAssetsOutdir = join(REPO_ROOT, 'dist', 'docs-assets'), ...appProps }: CreateAppOptions = {}) {
  const app = new App({ ...appProps, context: { ...APP_FEATURE_FLAGS, ...appProps.context } })
  const context = (key: (typeof CONTEXT_KEYS)[number]): string | undefined => {
    const value = app.node.tryGetContext(key) as unknown
    return value === undefined || value === '' ? undefined : String(value)
  }
  const domainName = context('domainName')
  const certificateArn = context('certificateArn')
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('context: domainName and certificateArn go together (a custom domain needs its us-east-1 certificate)')
  }
  const reserved = context('indexerReservedConcurrency')
  // Who publishes the open data in the catalogue (DCAT-AP_IT): the region or body that deploys.
  const catalogPublisher = publisherFrom({ name: context('publisherName'), ipaCode: context('publisherIpaCode'), email: context('publisherEmail') })

  const lambdas = await buildLambdas(lambdaOutdir)
  const webDir = join(REPO_ROOT, context('webDir') ?? join('web', 'dist'))
  const hasWeb = existsSync(webDir) && readdirSync(webDir).length > 0
  // The region is chosen here, not taken from CDK_DEFAULT_REGION: the CDK CLI sets that to
  // us-east-1 whenever it finds no region configured, which would move a default deployment
  // (and where its web ACL lives) without anyone asking.
  const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: context('region') ?? DEFAULT_REGION }
  const waf = context('waf') ?? 'true'
  if (waf !== 'true' && waf !== 'false') throw new Error(`context: waf must be true or false, got ${waf}`)
  const webAclArn = context('webAclArn')
  if (webAclArn && waf === 'false') throw new Error('context: webAclArn attaches a web ACL, waf=false removes it: give one or the other')
  // A CloudFront web ACL must be created in us-east-1: in this stack when it is there, else in a
  // small stack of its own that the main one references across regions.
  const edge = !webAclArn && waf === 'true' && env.region !== 'us-east-1'
    ? new EdgeStack(app, 'PuntoVicinoEdge', { description: 'PuntoVicino: the web ACL of the CloudFront distribution (us-east-1)', env: { account: env.account, region: 'us-east-1' }, crossRegionReferences: true })
    : undefined
  const stack = new PuntoVicinoStack(app, 'PuntoVicino', {
    description: 'PuntoVicino: open locator of the punti di facilitazione digitale',
    env,
    ...(edge ? { crossRegionReferences: true, webAclArn: edge.webAcl.arn } : webAclArn ? { webAclArn } : { createWebAcl: waf === 'true' }),
    lambdaDir: lambdas.dir,
    webSources: [stageDocsAssets(docsAssetsOutdir), ...(hasWeb ? [webDir] : [])],
    ...(domainName && certificateArn ? { domain: { domainName, certificateArn } } : {}),
    ...(context('alarmEmail') ? { alarmEmail: context('alarmEmail') } : {}),
    ...(reserved !== undefined ? { indexerReservedConcurrency: Number(reserved) } : {}),
    ...(catalogPublisher ? { catalogPublisher } : {}),
    ...(context('originSecretVersion') ? { originSecretVersion: context('originSecretVersion') } : {}),
  })
  if (!catalogPublisher) {
    Annotations.of(stack).addWarningV2('puntovicino:demo-publisher', 'the open-data catalogue names the demo publisher: set -c publisherName=… -c publisherIpaCode=… -c publisherEmail=… (the body that publishes the data)')
  }
  if (!hasWeb) {
    Annotations.of(stack).addWarningV2('puntovicino:no-web-build', `${webDir} is missing or empty: the site will only carry the API docs assets. Run \`npm run build:web\` first (\`npm run deploy\` does).`)
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app))
  return { app, stack, edge }
}
