import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
  type BatchWriteCommandInput,
} from '@aws-sdk/lib-dynamodb'
import {
  VersionConflictError,
  type ImportOutcome,
  type ImportResult,
  type Registry,
  type RegistryVersion,
} from '../../shared/registry-port.ts'
import type { PointDraft, PointRecord } from '../../shared/schemas/point.ts'
import { stableStringify } from '../../shared/util/stable-json.ts'
import { backoffDelay, sleep, withRetries, type BackoffOptions } from './retry.ts'
import { FOREIGN_AREA, POINT_SORT_KEY, TABLE_KEYS, VERSION_ITEM_KEY, pointPartitionKey } from './table-design.ts'

/** The only module that speaks DynamoDB. Items are the point records themselves plus keys. */

export interface DynamoDbRegistryOptions {
  readonly client: DynamoDBClient
  readonly tableName: string
  readonly backoff?: BackoffOptions
  /** Clock for `updated_at`; injected by tests. */
  readonly now?: () => Date
  /** Parallel requests during imports. @default 4 */
  readonly concurrency?: number
}

const BATCH_GET_MAX = 100
const BATCH_WRITE_MAX = 25
const KEY_ATTRIBUTES = ['pk', 'sk', 'area_pk', 'area_sk'] as const

export type Item = PointRecord & Record<(typeof KEY_ATTRIBUTES)[number], string>

/** The stored item of a record: the record plus its table and area-index keys. */
export function toItem(record: PointRecord): Item {
  const areaPk = record.region ? `REGION#${record.region.istat}` : FOREIGN_AREA
  const areaSk = `${record.province ?? '--'}#${record.comune.istat ?? record.comune.code ?? '-'}#${record.id}`
  return { ...record, pk: pointPartitionKey(record.id), sk: POINT_SORT_KEY, area_pk: areaPk, area_sk: areaSk }
}

function fromItem(item: Record<string, unknown>): PointRecord {
  const record = { ...item }
  for (const key of KEY_ATTRIBUTES) delete record[key]
  return record as PointRecord
}

/** What makes two versions of a point the same point: everything but the bookkeeping. */
function contentKey(record: PointDraft | PointRecord): string {
  const { updated_at: _u, version: _v, ...content } = record as PointRecord
  return stableStringify(content)
}

export class DynamoDbRegistry implements Registry {
  private readonly doc: DynamoDBDocumentClient
  private readonly table: string
  private readonly now: () => Date
  private readonly concurrency: number
  private readonly backoff: BackoffOptions

  constructor({ client, tableName, backoff = {}, now = () => new Date(), concurrency = 4 }: DynamoDbRegistryOptions) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } })
    this.table = tableName
    this.now = now
    this.concurrency = concurrency
    this.backoff = backoff
  }

  async getPoint(id: string): Promise<PointRecord | null> {
    const { Item } = await withRetries(
      () => this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: pointPartitionKey(id), sk: POINT_SORT_KEY } })),
      this.backoff,
    )
    return Item ? fromItem(Item) : null
  }

  async putPoint(draft: PointDraft, expectedVersion: number | null): Promise<PointRecord> {
    const record = this.stamp(draft, (expectedVersion ?? 0) + 1)
    await this.conditionalPut(record, expectedVersion)
    await this.bumpVersion(expectedVersion === null ? 1 : 0)
    return record
  }

  /**
   * Bulk upsert for the operators' own imports. New ids go through unconditional BatchWrite, so a
   * point created by someone else between this read and the write would be overwritten: accepted
   * because the import is the operators' own bulk path, and the write API creates with putPoint's
   * conditional create (`attribute_not_exists`) instead. Replacements are conditional on the version read.
   */
  async importPoints(drafts: readonly PointDraft[], { dryRun = false }: { dryRun?: boolean } = {}): Promise<ImportResult> {
    const unique = new Map<string, PointDraft>()
    for (const draft of drafts) unique.set(draft.id, draft) // a later row for the same id wins
    const existing = await this.batchGet([...unique.keys()])

    const outcomes = new Map<string, ImportOutcome>()
    const creates: PointRecord[] = []
    const updates: Array<{ record: PointRecord; expectedVersion: number }> = []
    for (const draft of unique.values()) {
      const current = existing.get(draft.id)
      if (!current) {
        creates.push(this.stamp(draft, 1))
      } else if (contentKey(current) === contentKey(draft)) {
        outcomes.set(draft.id, 'unchanged')
      } else {
        updates.push({ record: this.stamp(draft, current.version + 1), expectedVersion: current.version })
      }
    }

    if (dryRun) {
      for (const record of creates) outcomes.set(record.id, 'created')
      for (const { record } of updates) outcomes.set(record.id, 'updated')
      return { created: creates.length, updated: updates.length, unchanged: outcomes.size - creates.length - updates.length, failed: [], outcomes }
    }

    const failed: Array<{ id: string; reason: string }> = []
    // New ids go through BatchWrite (25 per request); a replaced point is a conditional Put on
    // the version we read, so an operator's edit made meanwhile is never overwritten.
    const createFailures = await this.batchPut(creates)
    for (const record of creates) {
      const reason = createFailures.get(record.id)
      if (reason) failed.push({ id: record.id, reason })
      else outcomes.set(record.id, 'created')
    }
    await this.forEachConcurrently(updates, async ({ record, expectedVersion }) => {
      try {
        await this.conditionalPut(record, expectedVersion)
        outcomes.set(record.id, 'updated')
      } catch (error) {
        failed.push({ id: record.id, reason: error instanceof Error ? error.message : String(error) })
      }
    })

    const created = [...outcomes.values()].filter((o) => o === 'created').length
    const updated = [...outcomes.values()].filter((o) => o === 'updated').length
    if (created + updated > 0) await this.bumpVersion(created)
    return { created, updated, unchanged: outcomes.size - created - updated, failed, outcomes }
  }

  async listAll(): Promise<PointRecord[]> {
    const records: PointRecord[] = []
    let startKey: Record<string, unknown> | undefined
    do {
      const page = await withRetries(
        () =>
          this.doc.send(
            new ScanCommand({
              TableName: this.table,
              ExclusiveStartKey: startKey,
              FilterExpression: 'sk = :point',
              ExpressionAttributeValues: { ':point': POINT_SORT_KEY },
            }),
          ),
        this.backoff,
      )
      for (const item of page.Items ?? []) records.push(fromItem(item))
      startKey = page.LastEvaluatedKey
    } while (startKey)
    return records
  }

  async getVersion(): Promise<RegistryVersion> {
    const { Item } = await withRetries(
      () => this.doc.send(new GetCommand({ TableName: this.table, Key: VERSION_ITEM_KEY, ConsistentRead: true })),
      this.backoff,
    )
    return {
      version: Number(Item?.version ?? 0),
      updatedAt: (Item?.updated_at as string | undefined) ?? null,
      size: Number(Item?.size ?? 0),
    }
  }

  private stamp(draft: PointDraft, version: number): PointRecord {
    return { ...draft, version, updated_at: this.now().toISOString() } as PointRecord
  }

  private async conditionalPut(record: PointRecord, expectedVersion: number | null): Promise<void> {
    const condition =
      expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }
    try {
      await withRetries(
        () => this.doc.send(new PutCommand({ TableName: this.table, Item: toItem(record), ...condition })),
        this.backoff,
      )
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
        throw new VersionConflictError(record.id, expectedVersion)
      }
      throw error
    }
  }

  /**
   * Moves the version item on. Every write calls it after the data is stored, so a reader that
   * sees version N sees at least the data of writes 1..N. `sizeDelta` counts created points.
   */
  private async bumpVersion(sizeDelta: number): Promise<void> {
    await withRetries(
      () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: VERSION_ITEM_KEY,
            UpdateExpression: 'ADD #version :one, #size :delta SET updated_at = :now',
            ExpressionAttributeNames: { '#version': 'version', '#size': 'size' },
            ExpressionAttributeValues: { ':one': 1, ':delta': sizeDelta, ':now': this.now().toISOString() },
          }),
        ),
      this.backoff,
    )
  }

  private async batchGet(ids: readonly string[]): Promise<Map<string, PointRecord>> {
    const found = new Map<string, PointRecord>()
    await this.forEachConcurrently(chunk(ids, BATCH_GET_MAX), async (idChunk) => {
      const keys: Array<Record<string, unknown>> = idChunk.map((id) => ({ pk: pointPartitionKey(id), sk: POINT_SORT_KEY }))
      const left = await this.resendUnprocessed(keys, async (batch) => {
        const result = await withRetries(
          () => this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: batch, ConsistentRead: true } } })),
          this.backoff,
        )
        for (const item of result.Responses?.[this.table] ?? []) {
          const record = fromItem(item)
          found.set(record.id, record)
        }
        return result.UnprocessedKeys?.[this.table]?.Keys ?? []
      })
      if (left.length > 0) throw new Error(`reading ${left.length} points: still unprocessed after ${this.maxAttempts} attempts`)
    })
    return found
  }

  /**
   * Writes records 25 at a time and re-sends whatever DynamoDB hands back as UnprocessedItems,
   * with backoff and jitter, until all are stored or the attempts run out. Returns the ids that
   * could not be stored, with why: nothing is dropped silently.
   */
  private async batchPut(records: readonly PointRecord[]): Promise<Map<string, string>> {
    const failures = new Map<string, string>()
    type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string]
    const idOf = (request: WriteRequests[number]): string => String(request.PutRequest?.Item?.id)
    await this.forEachConcurrently(chunk(records, BATCH_WRITE_MAX), async (recordChunk) => {
      let inFlight: WriteRequests = recordChunk.map((record) => ({ PutRequest: { Item: toItem(record) } }))
      try {
        const left = await this.resendUnprocessed(inFlight, async (batch) => {
          inFlight = batch
          const result = await withRetries(
            () => this.doc.send(new BatchWriteCommand({ RequestItems: { [this.table]: batch } })),
            this.backoff,
          )
          return result.UnprocessedItems?.[this.table] ?? []
        })
        for (const request of left) failures.set(idOf(request), `still unprocessed by DynamoDB after ${this.maxAttempts} attempts`)
      } catch (error) {
        // The request failed outright (after withRetries gave up): every item it carried is reported.
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
        for (const request of inFlight) failures.set(idOf(request), reason)
      }
    })
    return failures
  }

  /**
   * Batch calls store or return only part of a request and hand the rest back as unprocessed:
   * sends `pending`, then re-sends what `send` returns as unprocessed, pausing with backoff between
   * rounds, until nothing is left or the attempts run out. Returns what is still unprocessed then.
   */
  private async resendUnprocessed<T>(pending: T[], send: (batch: T[]) => Promise<T[]>): Promise<T[]> {
    let left = pending
    for (let attempt = 0; left.length > 0; attempt++) {
      if (attempt >= this.maxAttempts) return left
      if (attempt > 0) await this.pause(attempt)
      left = await send(left)
    }
    return left
  }

  private get maxAttempts(): number {
    return this.backoff.maxAttempts ?? 12
  }

  private pause(attempt: number): Promise<void> {
    return (this.backoff.sleep ?? sleep)(backoffDelay(attempt - 1, this.backoff))
  }

  private async forEachConcurrently<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < items.length) {
        const item = items[next++] as T
        await work(item)
      }
    }
    await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, worker))
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
