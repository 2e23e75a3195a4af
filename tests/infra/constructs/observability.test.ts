import { API_ACCESS_LOG_FIELDS } from '../../../infra/constructs/public-api.ts'
import { Match, Template } from 'aws-cdk-lib/assertions'
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import * as logs from 'aws-cdk-lib/aws-logs'
import * as sqs from 'aws-cdk-lib/aws-sqs'
import { describe, expect, it } from 'vitest'
import { Observability, type ObservabilityProps } from '../../../infra/constructs/observability.ts'
import { testStack } from '../infra-test-stack.ts'

function setup(overrides: Partial<ObservabilityProps> = {}) {
  const stack = testStack()
  const fn = (id: string) => new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=()=>{}') })
  const props: ObservabilityProps = {
    httpApi: new apigwv2.HttpApi(stack, 'Api'),
    apiFunction: fn('ApiFn'),
    apiMemoryMiB: 1024,
    indexerFunction: fn('IndexerFn'),
    indexerDeadLetters: new sqs.Queue(stack, 'Dlq'),
    writeFunction: fn('WriteFn'),
    apiAccessLogs: new logs.LogGroup(stack, 'AccessLogs'),
    ...overrides,
  }
  return { stack, make: () => new Observability(stack, 'Observability', props) }
}

describe('Observability', () => {
  const { stack, make } = setup({ alarmEmail: 'ops@example.org' })
  const o = make()
  const template = Template.fromStack(stack)
  const topic = { Ref: stack.getLogicalId(o.topic.node.defaultChild as never) }

  it('alarms when more than 1% of API answers are 5xx over 5 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topic],
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' }),
        Match.objectLike({ Id: 'errors', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: '5xx', Namespace: 'AWS/ApiGateway' }), Stat: 'Sum', Period: 300 }) }),
        Match.objectLike({ Id: 'requests', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'Count' }), Stat: 'Sum' }) }),
      ]),
    })
  })

  it('alarms on the API p99 latency above 1 second for 15 minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Latency',
      Namespace: 'AWS/ApiGateway',
      ExtendedStatistic: 'p99',
      Threshold: 1000,
      EvaluationPeriods: 3,
      Period: 300,
      AlarmActions: [topic],
    })
  })

  it('alarms on throttles of either function and on a stuck index pipeline', () => {
    const byMetric = (name: string) => Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: name } }))
    expect(byMetric('Throttles')).toHaveLength(2)
    expect(byMetric('Errors')).toHaveLength(2) // the indexer's and the write function's
    expect(byMetric('IteratorAge')[0]!.Properties).toMatchObject({ Threshold: 300_000, Statistic: 'Maximum' })
    expect(byMetric('ApproximateNumberOfMessagesVisible')[0]!.Properties).toMatchObject({ Threshold: 1, Namespace: 'AWS/SQS' })
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties).toMatchObject({ AlarmActions: [topic], TreatMissingData: 'notBreaching' })
    }
  })

  it("alarms when the indexer's last rebuild left out invalid registry items", () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'InvalidRegistryItems',
      Namespace: 'PuntoVicino',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [topic],
    })
  })

  it("alarms on the operators' write API: any 5xx it answers, any failure of its function, and a burst of refused tokens", () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '{ ($.msg = "request") && ($.status >= 500) }', MetricTransformations: [Match.objectLike({ MetricName: 'WriteServerErrors', MetricNamespace: 'PuntoVicino', MetricValue: '1' })] })
    // The stage's access log writes the status as a string ("401"): a numeric comparison alone may match none.
    expect(JSON.stringify(API_ACCESS_LOG_FIELDS)).toContain('"status":"$context.status"')
    template.hasResourceProperties('AWS::Logs::MetricFilter', { FilterPattern: '{ ($.path = "/v1/admin/*") && (($.status = "401") || ($.status = 401)) }', MetricTransformations: [Match.objectLike({ MetricName: 'RejectedOperatorTokens' })] })
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'WriteServerErrors', Namespace: 'PuntoVicino', Statistic: 'Sum', Threshold: 1, AlarmActions: [topic] })
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'RejectedOperatorTokens', Namespace: 'PuntoVicino', Statistic: 'Sum', Threshold: 50, AlarmActions: [topic] })
  })

  it("alarms when a read function instance's peak memory reaches 80% of its setting, from the peak_rss_mib its request lines carry", () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      // The read function's own log group (here the one CDK makes for a function without one).
      LogGroupName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApiFnLogRetention'), 'LogGroupName'] },
      FilterPattern: '{ ($.msg = "request") && ($.peak_rss_mib > 0) }',
      MetricTransformations: [Match.objectLike({ MetricName: 'ReadFunctionMemoryMiB', MetricNamespace: 'PuntoVicino', MetricValue: '$.peak_rss_mib' })],
    })
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ReadFunctionMemoryMiB', Namespace: 'PuntoVicino', Statistic: 'Maximum', Period: 300, Threshold: 819, AlarmActions: [topic] })
  })

  it('notifies over a TLS-only topic, by e-mail when an address is given', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org', TopicArn: topic })
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    })
  })

  it('checks its props before building anything, naming the one it rejects', () => {
    expect(() => setup({ serverErrorRatePercent: 0 }).make()).toThrow('Observability: serverErrorRatePercent must be above 0 and at most 100, got 0')
    expect(() => setup({ p99LatencyMs: -1 }).make()).toThrow('Observability: p99LatencyMs must be a positive number of milliseconds, got -1')
    expect(() => setup({ alarmEmail: 'ops' }).make()).toThrow('Observability: alarmEmail is not an e-mail address: ops')
    expect(() => setup({ apiMemoryMiB: 0 }).make()).toThrow("Observability: apiMemoryMiB must be the read function's memory in whole MiB (128–10240), got 0")
    expect(() => setup({ apiMemoryMiB: 20_000 }).make()).toThrow("Observability: apiMemoryMiB must be the read function's memory in whole MiB (128–10240), got 20000")
  })
})
