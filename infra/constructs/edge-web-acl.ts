import * as wafv2 from 'aws-cdk-lib/aws-wafv2'
import { Construct } from 'constructs'
import { EXPORT_ROUTE_PATHS } from './public-api.ts'

export interface EdgeWebAclProps {
  /**
   * Requests one IP may make in 5 minutes to the whole site before it is blocked for a while.
   * A town hall or a school puts many citizens behind one address; a search is ~5 requests.
   * @default 2000 (≈ 6.7 per second, sustained)
   */
  readonly requestsPerIpPer5Minutes?: number
  /** The same for the API exports (`/v1/points.csv`, `.geojson`), which cost the most to answer. @default 300 */
  readonly exportRequestsPerIpPer5Minutes?: number
  /**
   * Citizens' reports one IP may send in 5 minutes (the write function also allows 5 an hour per
   * connection): a flood never reaches the function. @default 20
   */
  readonly reportRequestsPerIpPer5Minutes?: number
}


/**
 * The web ACL in front of CloudFront, on by default: AWS's managed common rule set and known-bad
 * inputs (maintained by AWS, they block the usual probes before they reach any code), Amazon's IP
 * reputation list, a per-IP rate limit over everything and tighter ones over the exports and the
 * citizens' reports. A
 * CloudFront web ACL lives in us-east-1, whatever region the rest of the stack is in.
 */
/**
 * A path as the app routes it: the app decodes percent-encoding and the URL parser drops dot
 * segments, so `/v1/%70oints.csv` and `/v1/./points.csv` are the export too and must be counted as it.
 */
const AS_ROUTED: wafv2.CfnWebACL.TextTransformationProperty[] = [
  { priority: 0, type: 'URL_DECODE' },
  { priority: 1, type: 'NORMALIZE_PATH' },
]

export class EdgeWebAcl extends Construct {
  public readonly webAcl: wafv2.CfnWebACL

  constructor(scope: Construct, id: string, props: EdgeWebAclProps = {}) {
    super(scope, id)
    const { requestsPerIpPer5Minutes = 2000, exportRequestsPerIpPer5Minutes = 300, reportRequestsPerIpPer5Minutes = 20 } = props
    for (const [name, value] of Object.entries({ requestsPerIpPer5Minutes, exportRequestsPerIpPer5Minutes, reportRequestsPerIpPer5Minutes })) {
      // AWS WAF's own bounds for a rate-based rule's limit.
      if (!Number.isInteger(value) || value < 10 || value > 2_000_000_000) throw new Error(`EdgeWebAcl: ${name} must be a whole number from 10 to 2,000,000,000, got ${value}`)
    }
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true })
    const managed = (priority: number, name: string, ruleActionOverrides?: wafv2.CfnWebACL.RuleActionOverrideProperty[]): wafv2.CfnWebACL.RuleProperty => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...(ruleActionOverrides ? { ruleActionOverrides } : {}) } },
      visibilityConfig: visibility(name),
    })
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: 'puntovicino-edge',
      description: 'PuntoVicino: managed protections and per-IP rate limits in front of the site and the open API',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('puntovicino-edge'),
      rules: [
        {
          name: 'rate-exports',
          priority: 0,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: exportRequestsPerIpPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                orStatement: {
                  statements: EXPORT_ROUTE_PATHS.map((path) => ({
                    byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'EXACTLY', searchString: path, textTransformations: AS_ROUTED },
                  })),
                },
              },
            },
          },
          visibilityConfig: visibility('rate-exports'),
        },
        {
          name: 'rate-reports',
          priority: 1,
          action: { block: {} },
          statement: {
            rateBasedStatement: {
              limit: reportRequestsPerIpPer5Minutes,
              evaluationWindowSec: 300,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                andStatement: {
                  statements: [
                    { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: 'POST', textTransformations: [{ priority: 0, type: 'NONE' }] } },
                    { byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: 'ENDS_WITH', searchString: '/reports', textTransformations: AS_ROUTED } },
                  ],
                },
              },
            },
          },
          visibilityConfig: visibility('rate-reports'),
        },
        {
          name: 'rate-all',
          priority: 2,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: requestsPerIpPer5Minutes, evaluationWindowSec: 300, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('rate-all'),
        },
        managed(3, 'AWSManagedRulesAmazonIpReputationList'),
        // Apps and scripts that read open data often send no User-Agent: counted, not blocked. The
        // 8-KB body rule would refuse an operator's point with many sites or stops: the app bounds
        // bodies itself (256 KB for operators, 8 KB for reports), so it only counts here.
        managed(4, 'AWSManagedRulesCommonRuleSet', [
          { name: 'NoUserAgent_HEADER', actionToUse: { count: {} } },
          { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
        ]),
        managed(5, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    })
  }

  get arn(): string {
    return this.webAcl.attrArn
  }
}
