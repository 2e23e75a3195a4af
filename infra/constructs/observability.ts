import { Duration, Validations } from 'aws-cdk-lib'
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch'
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions'
import type * as lambda from 'aws-cdk-lib/aws-lambda'
import * as logs from 'aws-cdk-lib/aws-logs'
import * as sns from 'aws-cdk-lib/aws-sns'
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions'
import type * as sqs from 'aws-cdk-lib/aws-sqs'
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2'
import { Construct } from 'constructs'
import { INDEXER_METRICS } from '../../functions/lambda/indexer-metrics.ts'

export interface ObservabilityProps {
  readonly httpApi: apigwv2.IHttpApi
  /** The read API's function: its throttles, and its memory from the peak its request lines carry. */
  readonly apiFunction: lambda.Function
  /** The read function's memory setting, in MiB: its memory alarm fires at 80% of it. */
  readonly apiMemoryMiB: number
  readonly indexerFunction: lambda.IFunction
  readonly indexerDeadLetters: sqs.IQueue
  /** The operators' write function: its 5xx answers and errors. */
  readonly writeFunction: lambda.Function
  /** The HTTP API's access log, where the JWT authorizer's refusals are written. */
  readonly apiAccessLogs: logs.ILogGroup
  /** Refused operators' tokens in 5 minutes that raise the alarm (a broken console, or someone guessing). @default 50 */
  readonly rejectedTokensPer5Min?: number
  /** Share of API answers that are 5xx, in percent, over 5 minutes. @default 1 */
  readonly serverErrorRatePercent?: number
  /** p99 latency seen by API Gateway, in milliseconds. @default 1000 */
  readonly p99LatencyMs?: number
  /** Who gets the alarms by e-mail. @default nobody (subscribe to the topic later) */
  readonly alarmEmail?: string
}

/**
 * The alarms an operator needs: the API failing (5xx rate), the API slow (p99), the read function
 * near its memory, the functions throttled, the index pipeline stuck (errors, dead letters, stream
 * age) or leaving invalid items out, and the operators' write API failing or refusing tokens in
 * bursts. All notify one SNS topic. Structured logs come from the functions themselves (JSON,
 * coordinates rounded).
 */
export class Observability extends Construct {
  public readonly topic: sns.Topic
  public readonly alarms: Record<
    'apiServerErrors' | 'apiLatencyP99' | 'apiThrottles' | 'apiMemory' | 'indexerThrottles' | 'indexerErrors' | 'indexerDeadLetters' | 'indexerStreamAge' | 'invalidRegistryItems' | 'writeServerErrors' | 'writeErrors' | 'rejectedOperatorTokens',
    cloudwatch.Alarm
  >

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id)
    const { httpApi, apiFunction, apiMemoryMiB, indexerFunction, indexerDeadLetters, writeFunction, apiAccessLogs, rejectedTokensPer5Min = 50, serverErrorRatePercent = 1, p99LatencyMs = 1000, alarmEmail } = props
    if (!(Number.isInteger(apiMemoryMiB) && apiMemoryMiB >= 128 && apiMemoryMiB <= 10_240)) throw new Error(`Observability: apiMemoryMiB must be the read function's memory in whole MiB (128–10240), got ${apiMemoryMiB}`)
    if (!(serverErrorRatePercent > 0 && serverErrorRatePercent <= 100)) {
      throw new Error(`Observability: serverErrorRatePercent must be above 0 and at most 100, got ${serverErrorRatePercent}`)
    }
    if (!(p99LatencyMs > 0)) throw new Error(`Observability: p99LatencyMs must be a positive number of milliseconds, got ${p99LatencyMs}`)
    if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) throw new Error(`Observability: alarmEmail is not an e-mail address: ${alarmEmail}`)

    this.topic = new sns.Topic(this, 'Alarms', { displayName: 'PuntoVicino alarms', enforceSSL: true })
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry only alarm names, metric values and thresholds, no personal or registry data. CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer-managed key for this would cost more than the whole API at low traffic.',
    })
    if (alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(alarmEmail))

    const fiveMinutes = Duration.minutes(5)
    const alarm = (name: string, description: string, metric: cloudwatch.IMetric, threshold: number, evaluationPeriods = 1) => {
      const a = new cloudwatch.Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      })
      a.addAlarmAction(new actions.SnsAction(this.topic))
      return a
    }

    const serverErrorRate = new cloudwatch.MathExpression({
      label: '5xx rate (%)',
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: httpApi.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
        requests: httpApi.metricCount({ period: fiveMinutes, statistic: 'Sum' }),
      },
      period: fiveMinutes,
    })

    // Counted from log lines: the write app logs one JSON line per request (its own 5xx), and the
    // stage's access log one per request the JWT authorizer refused (the function never sees those).
    const countLines = (name: string, logGroup: logs.ILogGroup, pattern: logs.IFilterPattern) =>
      new logs.MetricFilter(this, `${name}Filter`, { logGroup, filterPattern: pattern, metricNamespace: 'PuntoVicino', metricName: name, metricValue: '1', defaultValue: 0 }).metric({ period: fiveMinutes, statistic: 'Sum' })
    const writeServerErrors = countLines('WriteServerErrors', writeFunction.logGroup, logs.FilterPattern.all(logs.FilterPattern.stringValue('$.msg', '=', 'request'), logs.FilterPattern.numberValue('$.status', '>=', 500)))
    // The read function's peak resident memory, from its request lines (peak_rss_mib, read at most
    // every 10 s): a registry that grows, or a leak, shows here before Lambda stops an instance out of memory.
    const apiMemory = new logs.MetricFilter(this, 'ReadFunctionMemoryFilter', {
      logGroup: apiFunction.logGroup,
      filterPattern: logs.FilterPattern.all(logs.FilterPattern.stringValue('$.msg', '=', 'request'), logs.FilterPattern.numberValue('$.peak_rss_mib', '>', 0)),
      metricNamespace: 'PuntoVicino',
      metricName: 'ReadFunctionMemoryMiB',
      metricValue: '$.peak_rss_mib',
    }).metric({ period: fiveMinutes, statistic: 'Maximum' })
    const rejectedTokens = countLines('RejectedOperatorTokens', apiAccessLogs, logs.FilterPattern.all(
        logs.FilterPattern.stringValue('$.path', '=', '/v1/admin/*'),
        // The access log writes "$context.status" as a JSON string ("401"); a number is matched too, should the format change.
        logs.FilterPattern.any(logs.FilterPattern.stringValue('$.status', '=', '401'), logs.FilterPattern.numberValue('$.status', '=', 401)),
      ),
    )

    this.alarms = {
      apiServerErrors: alarm('ApiServerErrorRate', `More than ${serverErrorRatePercent}% of API answers were 5xx over 5 minutes`, serverErrorRate, serverErrorRatePercent),
      apiLatencyP99: alarm('ApiLatencyP99', `API p99 latency above ${p99LatencyMs} ms for 3 periods of 5 minutes`, httpApi.metricLatency({ period: fiveMinutes, statistic: 'p99' }), p99LatencyMs, 3),
      apiMemory: alarm(
        'ApiMemory',
        `A read function instance used 80% or more of its ${apiMemoryMiB} MiB: give it more memory (READ_API_MEMORY_MIB in infra/function-memory.ts, or PublicApi's memoryMiB) before Lambda stops instances out of memory; npm run bench -- infra measures the peak`,
        apiMemory,
        Math.round(0.8 * apiMemoryMiB),
      ),
      apiThrottles: alarm('ApiThrottles', 'The read API function was throttled (concurrency limit reached)', apiFunction.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), 1),
      indexerThrottles: alarm('IndexerThrottles', 'The indexer was throttled', indexerFunction.metricThrottles({ period: fiveMinutes, statistic: 'Sum' }), 1),
      indexerErrors: alarm('IndexerErrors', 'The indexer failed a rebuild (it will retry; the API keeps the previous snapshot)', indexerFunction.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), 1),
      indexerDeadLetters: alarm(
        'IndexerDeadLetters',
        'A batch of registry changes failed every retry: the snapshot may be stale until the next change or the nightly rebuild',
        indexerDeadLetters.metricApproximateNumberOfMessagesVisible({ period: fiveMinutes, statistic: 'Maximum' }),
        1,
      ),
      indexerStreamAge: alarm(
        'IndexerStreamAge',
        'Registry changes wait more than 5 minutes in the stream: the 60-second freshness target is missed',
        indexerFunction.metric('IteratorAge', { period: fiveMinutes, statistic: 'Maximum' }),
        300_000,
      ),
      writeServerErrors: alarm('WriteServerErrors', "The operators' write API answered 5xx: an operator's change may not have been saved (see the write function's log)", writeServerErrors, 1),
      writeErrors: alarm('WriteErrors', "The operators' write function failed or timed out", writeFunction.metricErrors({ period: fiveMinutes, statistic: 'Sum' }), 1),
      rejectedOperatorTokens: alarm('RejectedOperatorTokens', `More than ${rejectedTokensPer5Min} operators' requests refused by the JWT authorizer in 5 minutes: a broken console, or someone guessing tokens`, rejectedTokens, rejectedTokensPer5Min),
      invalidRegistryItems: alarm(
        'InvalidRegistryItems',
        'The last rebuild left out stored items that are not valid points (their keys are in the indexer log): fix or remove them',
        new cloudwatch.Metric({ namespace: INDEXER_METRICS.namespace, metricName: INDEXER_METRICS.invalidItems, period: fiveMinutes, statistic: 'Maximum' }),
        1,
      ),
    }
  }
}
