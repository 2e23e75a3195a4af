import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { ReportAlreadyClosedError, type CitizenReport, type Reports } from '../../shared/reports-port.ts'
import { withRetries, type BackoffOptions } from './retry.ts'
import { JOURNAL_KEYS, OPEN_REPORTS_PARTITION, rateLimitKey, reportSortKey, reportsPartitionKey } from './table-design.ts'
import { compareCodeUnits } from '../../shared/util/compare-code-units.ts'

/**
 * Citizens' reports in the journal table: one item per report under its point
 * (`REPORTS#<point>` / `R#<id>`), listed while open by the sparse `open-reports` index, and one
 * counter per client and window for the rate limit, which DynamoDB's TTL removes a day later.
 */
export class DynamoDbReports implements Reports {
  private readonly doc: DynamoDBDocumentClient
  constructor(
    client: DynamoDBClient,
    private readonly table: string,
    private readonly backoff: BackoffOptions = {},
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } })
  }

  async file(report: CitizenReport): Promise<void> {
    const open = report.status === 'open' ? { [JOURNAL_KEYS.openReports.partitionKey]: OPEN_REPORTS_PARTITION, [JOURNAL_KEYS.openReports.sortKey]: `${report.createdAt}#${report.pointId}#${report.id}` } : {}
    await withRetries(
      () => this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: reportsPartitionKey(report.pointId), sk: reportSortKey(report.id), report, ...open }, ConditionExpression: 'attribute_not_exists(pk)' })),
      this.backoff,
    )
  }

  async get(pointId: string, id: string): Promise<CitizenReport | null> {
    const { Item } = await withRetries(() => this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: reportsPartitionKey(pointId), sk: reportSortKey(id) }, ConsistentRead: true })), this.backoff)
    return (Item?.report as CitizenReport | undefined) ?? null
  }

  async listOpen(): Promise<CitizenReport[]> {
    return this.queryAll({ IndexName: JOURNAL_KEYS.openReports.indexName, KeyConditionExpression: '#pk = :open', ExpressionAttributeNames: { '#pk': JOURNAL_KEYS.openReports.partitionKey }, ExpressionAttributeValues: { ':open': OPEN_REPORTS_PARTITION } })
  }

  async listForPoint(pointId: string): Promise<CitizenReport[]> {
    const reports = await this.queryAll({ KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)', ExpressionAttributeValues: { ':pk': reportsPartitionKey(pointId), ':r': 'R#' }, ConsistentRead: true })
    return reports.sort((a, b) => compareCodeUnits(b.createdAt, a.createdAt))
  }

  async close(pointId: string, id: string, outcome: 'resolved' | 'dismissed', resolution: CitizenReport['resolution'] & object): Promise<CitizenReport> {
    const current = await this.get(pointId, id)
    if (!current) throw new Error(`no report ${id} for point ${pointId}`)
    const closed: CitizenReport = { ...current, status: outcome, resolution }
    const updated = await this.updateIf({
      Key: { pk: reportsPartitionKey(pointId), sk: reportSortKey(id) },
      // Leaving the index's keys out of the item takes it off the open list.
      UpdateExpression: 'SET report = :closed REMOVE #openPk, #openSk',
      ConditionExpression: 'report.#status = :open',
      ExpressionAttributeNames: { '#openPk': JOURNAL_KEYS.openReports.partitionKey, '#openSk': JOURNAL_KEYS.openReports.sortKey, '#status': 'status' },
      ExpressionAttributeValues: { ':closed': closed, ':open': 'open' },
    })
    if (!updated) throw new ReportAlreadyClosedError((await this.get(pointId, id)) ?? current)
    return closed
  }

  takeReportSlot(clientKey: string, window: string, limit: number): Promise<boolean> {
    return this.updateIf({
      Key: { pk: rateLimitKey(clientKey), sk: window },
      UpdateExpression: 'ADD #count :one SET #expires = if_not_exists(#expires, :expires)',
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count', '#expires': JOURNAL_KEYS.expiresAt },
      ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': Math.floor(Date.now() / 1000) + 86_400 },
    })
  }

  /** A conditional update: true when it was applied, false when its condition did not hold. */
  private async updateIf(input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>): Promise<boolean> {
    try {
      await withRetries(() => this.doc.send(new UpdateCommand({ TableName: this.table, ...input })), this.backoff)
      return true
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false
      throw error
    }
  }

  private async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName' | 'ExclusiveStartKey'>): Promise<CitizenReport[]> {
    const out: CitizenReport[] = []
    let startKey: Record<string, unknown> | undefined
    do {
      const page = await withRetries(() => this.doc.send(new QueryCommand({ TableName: this.table, ...input, ExclusiveStartKey: startKey })), this.backoff)
      for (const item of page.Items ?? []) out.push(item.report as CitizenReport)
      startKey = page.LastEvaluatedKey
    } while (startKey)
    return out
  }
}
