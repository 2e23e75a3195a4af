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
  type InvalidItem,
  type Registry,
  type RegistryContents,
  type RegistryVersion,
} from '../../shared/registry-port.ts'
import { PointRecordSchema, type PointDraft, type PointRecord } from '../../shared/schemas/point.ts'
import { stableStringify } from '../../shared/util/stable-json.ts'
import { backoffDelay, sleep, withRetries, type BackoffOptions } from './retry.ts'
import { FOREIGN_AREA, POINT_SORT_KEY, TABLE_KEYS, VERSION_ITEM_KEY, pointPartitionKey } from './table-design.ts'
import { isAbandoned, newWriteMark, writeMarkAttribute, writeMarksOf, type WriteMarkOptions } from './write-marks.ts'

/** The only module that speaks DynamoDB. Items are the point records themselves plus keys. */

export interface DynamoDbRegistryOptions {
  readonly client: DynamoDBClient
  readonly tableName: string
  readonly backoff?: BackoffOptions
  /** Clock for `updated_at`; injected by tests. */
  readonly now?: () => Date
  /** Parallel requests during imports. @default 4 */
  readonly concurrency?: number
  /** When another writer's open write counts as abandoned. */
  readonly writeMarks?: WriteMarkOptions
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

/** The record inside an item we wrote ourselves in this process's run (no validation needed). */
function fromItem(item: Record<string, unknown>): PointRecord {
  const record = { ...item }
  for (const key of KEY_ATTRIBUTES) delete record[key]
  return record as PointRecord
}

/**
 * The record inside an item read back from the table, checked against the record schema: the
 * table may hold items written by hand, by an older version of this code or by a bug, and one of
 * them must not break every reader.
 */
function validatedRecord(item: Record<string, unknown>): { ok: true; record: PointRecord } | { ok: false; invalid: InvalidItem } {
  const parsed = PointRecordSchema.safeParse(fromItem(item))
  if (parsed.success) return { ok: true, record: parsed.data }
  const key = `${String(item.pk)} / ${String(item.sk)}`
  const reason = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`)
    .join('; ')
  return { ok: false, invalid: { key, reason } }
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

  private readonly writeMarks: WriteMarkOptions
  /** Retries since this client was made; an import reports the difference over its own calls. */
  private readonly retries = { requests: 0, unprocessedItems: 0 }

  constructor({ client, tableName, backoff = {}, now = () => new Date(), concurrency = 4, writeMarks = {} }: DynamoDbRegistryOptions) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } })
    this.table = tableName
    this.now = now
    this.concurrency = concurrency
    this.backoff = {
      ...backoff,
      onRetry: (error) => {
        this.retries.requests++
        backoff.onRetry?.(error)
      },
    }
    this.writeMarks = writeMarks
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
    const write = await this.beginWrite()
    let stored = false
    try {
      await this.conditionalPut(record, expectedVersion)
      stored = true
    } finally {
      await this.endWrite(write.token, stored || write.recovered > 0)
    }
    return record
  }

  /**
   * Bulk upsert for the operators' own imports. New ids go through unconditional BatchWrite, so a
   * point created by someone else between this read and the write would be overwritten: accepted
   * because the import is the operators' own bulk path, and the write API creates with putPoint's
   * conditional create (`attribute_not_exists`) instead. Replacements are conditional on the version read.
   */
  async importPoints(drafts: readonly PointDraft[], { dryRun = false }: { dryRun?: boolean } = {}): Promise<ImportResult> {
    const retriesBefore = { ...this.retries }
    const retried = () => ({ requests: this.retries.requests - retriesBefore.requests, unprocessedItems: this.retries.unprocessedItems - retriesBefore.unprocessedItems })
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
      return { created: creates.length, updated: updates.length, unchanged: outcomes.size - creates.length - updates.length, failed: [], outcomes, recoveredWrites: 0, retried: retried() }
    }

    const failed: Array<{ id: string; reason: string }> = []
    const write = await this.beginWrite()
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
    await this.endWrite(write.token, created + updated > 0 || write.recovered > 0)
    return { created, updated, unchanged: outcomes.size - created - updated, failed, outcomes, recoveredWrites: write.recovered, retried: retried() }
  }

  async readAll(): Promise<RegistryContents> {
    const records: PointRecord[] = []
    const invalid: InvalidItem[] = []
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
      for (const item of page.Items ?? []) {
        const read = validatedRecord(item)
        if (read.ok) records.push(read.record)
        else invalid.push(read.invalid)
      }
      startKey = page.LastEvaluatedKey
    } while (startKey)
    return { records, invalid }
  }

  async hasAnyPoint(): Promise<boolean> {
    // Every point item, and nothing else, carries the area index's keys: one key-only item is enough.
    const page = await withRetries(
      () => this.doc.send(new ScanCommand({ TableName: this.table, IndexName: TABLE_KEYS.byArea.indexName, Limit: 1 })),
      this.backoff,
    )
    return (page.Items ?? []).length > 0
  }

  async getVersion(): Promise<RegistryVersion> {
    const item = await this.versionItem()
    return {
      version: Number(item?.version ?? 0),
      updatedAt: (item?.updated_at as string | undefined) ?? null,
      openWrites: writeMarksOf(item ?? {}),
    }
  }

  async recoverInterruptedWrites(): Promise<number> {
    const write = await this.beginWrite()
    await this.endWrite(write.token, write.recovered > 0)
    return write.recovered
  }

  private async versionItem(): Promise<Record<string, unknown> | undefined> {
    const { Item } = await withRetries(
      () => this.doc.send(new GetCommand({ TableName: this.table, Key: VERSION_ITEM_KEY, ConsistentRead: true })),
      this.backoff,
    )
    return Item
  }

  /**
   * Leaves this writer's mark on the version item before any item is written, and closes the
   * marks of writers that died with theirs open (their items may be stored while no reader was
   * told): those get a version bump now, so an interrupted import re-run converges even when
   * every row it finds is already there.
   */
  private async beginWrite(): Promise<{ token: string; recovered: number }> {
    const now = this.now()
    const abandoned = writeMarksOf((await this.versionItem()) ?? {}).filter((mark) => isAbandoned(mark, now, this.writeMarks))
    const mark = newWriteMark(now)
    const names: Record<string, string> = { '#mine': writeMarkAttribute(mark.token) }
    abandoned.forEach((old, i) => (names[`#old${i}`] = writeMarkAttribute(old.token)))
    const removeOld = abandoned.length > 0 ? ` REMOVE ${abandoned.map((_, i) => `#old${i}`).join(', ')}` : ''
    await withRetries(
      () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: VERSION_ITEM_KEY,
            UpdateExpression: `SET #mine = :mark, updated_at = :now ADD #version :bump${removeOld}`,
            ExpressionAttributeNames: { ...names, '#version': 'version' },
            ExpressionAttributeValues: {
              ':mark': { started_at: mark.startedAt, host: mark.host, pid: mark.pid },
              ':now': now.toISOString(),
              ':bump': abandoned.length > 0 ? 1 : 0,
            },
          }),
        ),
      this.backoff,
    )
    return { token: mark.token, recovered: abandoned.length }
  }

  /**
   * Removes this writer's mark and, when it changed anything, moves the version on. Called after
   * the data is stored, so a reader that sees version N sees at least the data of writes 1..N.
   */
  private async endWrite(token: string, changed: boolean): Promise<void> {
    await withRetries(
      () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: VERSION_ITEM_KEY,
            UpdateExpression: changed ? 'ADD #version :one SET updated_at = :now REMOVE #mine' : 'REMOVE #mine',
            ExpressionAttributeNames: { '#mine': writeMarkAttribute(token), ...(changed ? { '#version': 'version' } : {}) },
            ...(changed ? { ExpressionAttributeValues: { ':one': 1, ':now': this.now().toISOString() } } : {}),
          }),
        ),
      this.backoff,
    )
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
      if (attempt > 0) {
        this.retries.unprocessedItems += left.length
        await this.pause(attempt)
      }
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
