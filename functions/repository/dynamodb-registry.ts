import type { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type BatchWriteCommandInput,
} from '@aws-sdk/lib-dynamodb'
import { hostname, userInfo } from 'node:os'
import { changedFields, classifyChange, sameContent, type ChangeKind } from '../../shared/registry/point-changes.ts'
import { withKeptValues, type KeptValue } from '../../shared/registry/kept-values.ts'
import {
  VersionConflictError,
  type Author,
  type HistoryEntry,
  type ImportOutcome,
  type PointArea,
  type ImportNotice,
  type ImportResult,
  type InvalidItem,
  type PointSourceEntry,
  type Registry,
  type RegistryContents,
  type RegistryPage,
  type RegistryVersion,
  type WriteNote,
} from '../../shared/registry-port.ts'
import { PointRecordSchema, type PointDraft, type PointRecord } from '../../shared/schemas/point.ts'
import { backoffDelay, sleep, withRetries, type BackoffOptions } from './retry.ts'
import {
  FOREIGN_AREA,
  HISTORY_SORT_PREFIX,
  POINT_SORT_KEY,
  TABLE_KEYS,
  VERSION_ITEM_KEY,
  historyPartitionKey,
  historySortKey,
  journalTableFor,
  operatorPartitionKey,
  pointPartitionKey,
  regionPartitionKey,
} from './table-design.ts'
import { operatorKey } from '../../shared/access/roles.ts'
import { isAbandoned, newWriteMark, writeMarkAttribute, writeMarksOf, writeTicketAttribute, type WriteMarkOptions } from './write-marks.ts'

/** The only module that speaks DynamoDB. Items are the point records themselves plus keys. */

export interface DynamoDbRegistryOptions {
  readonly client: DynamoDBClient
  readonly tableName: string
  /** Where past versions go. @default `<tableName>-journal` */
  readonly journalTableName?: string
  /** Who writes when a call names nobody (imports, the demo seed). @default this process's user and host */
  readonly author?: Author
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
/** Attributes of a point item that are not part of the record: keys, and the note of its last write. */
const ITEM_ONLY_ATTRIBUTES = ['pk', 'sk', 'area_pk', 'area_sk', 'operator_pk', 'change_note'] as const

/**
 * Who made the item's current version, when, and what it changed: kept on the point item itself
 * (written in the same PutItem as the record, so no accepted write lacks it) and copied with the
 * record into the journal when the next version replaces it.
 */
interface ChangeNote {
  /** The write ticket of the write that stored this version (absent on items older than tickets). */
  readonly seq?: number
  readonly author: Author
  readonly at: string
  readonly change: ChangeKind
  readonly changed: readonly string[]
  readonly reason: string | null
}

export type Item = PointRecord & Record<'pk' | 'sk' | 'area_pk' | 'area_sk' | 'operator_pk', string> & { change_note?: ChangeNote }

/** The stored item of a record: the record plus its table and area-index keys and its change note. */
export function toItem(record: PointRecord, note?: ChangeNote): Item {
  const areaPk = record.region ? regionPartitionKey(record.region.istat) : FOREIGN_AREA
  const areaSk = `${record.province ?? '--'}#${record.comune.istat ?? record.comune.code ?? '-'}#${record.id}`
  const operatorPk = operatorPartitionKey(operatorKey(record.operator))
  return { ...record, pk: pointPartitionKey(record.id), sk: POINT_SORT_KEY, area_pk: areaPk, area_sk: areaSk, operator_pk: operatorPk, ...(note ? { change_note: note } : {}) }
}

/** The record inside an item we wrote ourselves in this process's run (no validation needed). */
function fromItem(item: Record<string, unknown>): PointRecord {
  const record = { ...item }
  for (const key of ITEM_ONLY_ATTRIBUTES) delete record[key]
  return record as PointRecord
}

/** The reason an import's versions carry in their note: what tells an import's version from an operator's. */
const IMPORT_REASON = 'import'

/** A point item read for a write: the record and the note the journal will keep with it. */
interface StoredPoint {
  readonly record: PointRecord
  readonly note: ChangeNote
}

function storedPoint(item: Record<string, unknown>): StoredPoint {
  const record = fromItem(item)
  // Items written before histories existed carry no note: they say so rather than invent an author.
  const note = (item.change_note as ChangeNote | undefined) ?? {
    author: { id: 'unknown', name: 'unknown (written before histories were kept)' },
    at: record.updated_at,
    change: record.version === 1 ? 'created' : 'changed',
    changed: [],
    reason: null,
  }
  return { record, note }
}

const historyEntry = ({ record, note }: StoredPoint): HistoryEntry => ({
  id: record.id,
  version: record.version,
  at: note.at,
  author: note.author,
  change: note.change,
  changed: note.changed,
  reason: note.reason,
  record,
})

/** This process as an author: the import CLI and the demo seed, run by someone on some machine. */
function processAuthor(): Author {
  let user = 'unknown'
  try {
    user = userInfo().username
  } catch {
    // Containers may run as a uid with no name: "unknown" is still an honest author.
  }
  return { id: `process:${user}@${hostname()}`, name: `${user}@${hostname()} (command line)` }
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

export class DynamoDbRegistry implements Registry {
  private readonly doc: DynamoDBDocumentClient
  private readonly table: string
  private readonly journal: string
  private readonly author: Author
  private readonly now: () => Date
  private readonly concurrency: number
  private readonly backoff: BackoffOptions

  private readonly writeMarks: WriteMarkOptions
  /** Retries since this client was made; an import reports the difference over its own calls. */
  private readonly retries = { requests: 0, unprocessedItems: 0 }

  constructor({ client, tableName, journalTableName = journalTableFor(tableName), author = processAuthor(), backoff = {}, now = () => new Date(), concurrency = 4, writeMarks = {} }: DynamoDbRegistryOptions) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } })
    this.table = tableName
    this.journal = journalTableName
    this.author = author
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
    const item = await this.pointItem(id, false)
    return item ? fromItem(item) : null
  }

  async getPoints(ids: readonly string[]): Promise<Map<string, PointRecord>> {
    const found = await this.batchGet([...new Set(ids)])
    return new Map([...found].map(([id, stored]) => [id, stored.record]))
  }

  async listPoints(area: PointArea): Promise<PointRecord[]> {
    const index = 'region' in area ? TABLE_KEYS.byArea : TABLE_KEYS.byOperator
    const partition = 'region' in area ? regionPartitionKey(area.region) : operatorPartitionKey(area.operator)
    const ids: string[] = []
    let startKey: Record<string, unknown> | undefined
    do {
      const page = await withRetries(
        () =>
          this.doc.send(
            new QueryCommand({
              TableName: this.table,
              IndexName: index.indexName,
              KeyConditionExpression: '#partition = :partition',
              ExpressionAttributeNames: { '#partition': index.partitionKey },
              ExpressionAttributeValues: { ':partition': partition },
              ExclusiveStartKey: startKey,
            }),
          ),
        this.backoff,
      )
      for (const item of page.Items ?? []) ids.push(String(item.pk).slice('POINT#'.length))
      startKey = page.LastEvaluatedKey
    } while (startKey)
    const found = await this.batchGet(ids)
    return ids.flatMap((id) => {
      const stored = found.get(id)
      return stored ? [stored.record] : []
    })
  }

  async getHistory(id: string, { limit = 50 }: { limit?: number } = {}): Promise<HistoryEntry[]> {
    const current = await this.pointItem(id, true)
    if (!current) return []
    const entries = [historyEntry(storedPoint(current))]
    let startKey: Record<string, unknown> | undefined
    while (entries.length < limit) {
      const page = await withRetries(
        () =>
          this.doc.send(
            new QueryCommand({
              TableName: this.journal,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :versions)',
              ExpressionAttributeValues: { ':pk': historyPartitionKey(id), ':versions': HISTORY_SORT_PREFIX },
              ScanIndexForward: false,
              Limit: limit - entries.length,
              ExclusiveStartKey: startKey,
              ConsistentRead: true,
            }),
          ),
        this.backoff,
      )
      for (const item of page.Items ?? []) {
        const version = Number(item.version)
        // A version copied by a writer that then lost its race is the current one: listed once.
        if (version < entries[0]!.version) entries.push(historyEntry({ record: item.record as PointRecord, note: item.note as ChangeNote }))
      }
      startKey = page.LastEvaluatedKey
      if (!startKey) break
    }
    return entries
  }

  async putPoint(draft: PointDraft, expectedVersion: number | null, note: WriteNote = { author: this.author }): Promise<PointRecord> {
    const write = await this.beginWrite()
    let stored = false
    try {
      // Stamped after the write mark is up: a reader that sees no open write has every record
      // stamped before it (the change feed's horizon relies on this).
      let previous: StoredPoint | null = null
      if (expectedVersion !== null) {
        const item = await this.pointItem(draft.id, true)
        if (!item || Number(item.version) !== expectedVersion) throw new VersionConflictError(draft.id, expectedVersion)
        previous = storedPoint(item)
      }
      const record = this.stamp(draft, (expectedVersion ?? 0) + 1)
      await this.replace(previous, record, this.noteFor(previous?.record ?? null, record, note, write.ticket))
      stored = true
      return record
    } finally {
      await this.endWrite(write.token, stored || write.recovered > 0)
    }
  }

  private noteFor(before: PointRecord | null, after: PointRecord, { author, reason }: WriteNote, seq: number): ChangeNote {
    return { seq, author, at: after.updated_at, change: classifyChange(before, after), changed: changedFields(before, after), reason: reason ?? null }
  }

  /**
   * Keeps the version being replaced in the journal, then writes the new one on condition that
   * the stored version is still the one read. The copy goes first so no accepted version is ever
   * missing from the history; a writer that loses the race has only re-copied the same version.
   */
  private async replace(previous: StoredPoint | null, record: PointRecord, note: ChangeNote): Promise<void> {
    if (previous) {
      const { record: old, note: oldNote } = previous
      await withRetries(
        () =>
          this.doc.send(
            new PutCommand({
              TableName: this.journal,
              Item: { pk: historyPartitionKey(old.id), sk: historySortKey(old.version), id: old.id, version: old.version, record: old, note: oldNote },
            }),
          ),
        this.backoff,
      )
    }
    await this.conditionalPut(record, previous ? previous.record.version : null, note)
  }

  private async pointItem(id: string, consistent: boolean): Promise<Record<string, unknown> | undefined> {
    const { Item } = await withRetries(
      () => this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: pointPartitionKey(id), sk: POINT_SORT_KEY }, ConsistentRead: consistent })),
      this.backoff,
    )
    return Item
  }

  /**
   * Bulk upsert for the operators' own imports. New ids go through unconditional BatchWrite, so a
   * point created by someone else between this read and the write would be overwritten: accepted
   * because the import is the operators' own bulk path, and the write API creates with putPoint's
   * conditional create (`attribute_not_exists`) instead. Replacements are conditional on the version read.
   */
  async importPoints(drafts: readonly PointDraft[], { dryRun = false, author = this.author, kept: keptValues }: { dryRun?: boolean; author?: Author; kept?: ReadonlyMap<string, readonly KeptValue[]> } = {}): Promise<ImportResult> {
    const retriesBefore = { ...this.retries }
    const retried = () => ({ requests: this.retries.requests - retriesBefore.requests, unprocessedItems: this.retries.unprocessedItems - retriesBefore.unprocessedItems })
    const unique = new Map<string, PointDraft>()
    for (const draft of drafts) unique.set(draft.id, draft) // a later row for the same id wins
    const existing = await this.batchGet([...unique.keys()])

    const outcomes = new Map<string, ImportOutcome>()
    const notices: ImportNotice[] = []
    const noticeOf = (id: string, kind: ImportNotice['kind'], { note }: StoredPoint): ImportNotice => ({ id, kind, by: note.author.name, at: note.at, reason: note.reason })
    const creates: PointDraft[] = []
    const updates: Array<{ draft: PointDraft; previous: StoredPoint }> = []
    for (const given of unique.values()) {
      const current = existing.get(given.id)
      if (!current) {
        creates.push(given)
        continue
      }
      // What the file had but could not read stays as stored (kept-values.ts).
      const draft = withKeptValues(given, current.record, keptValues?.get(given.id) ?? [])
      if (sameContent(current.record, draft)) outcomes.set(draft.id, 'unchanged')
      else if (current.record.status === 'closed' && draft.status !== 'closed' && current.note.reason !== IMPORT_REASON) {
        // Closing in the console is the region's decision, taken with a reason: a file sent again
        // (perhaps one written before it) does not undo it; reopening is done there. A point whose
        // last change is a file's (it closed it: stato = chiuso) a later file reopens, the file being
        // the decision both times; an edit or a check in the console since confirms the closing.
        outcomes.set(draft.id, 'kept_closed')
        notices.push(noticeOf(draft.id, 'kept_closed', current))
      } else {
        updates.push({ draft, previous: current })
        if (current.note.reason !== IMPORT_REASON) notices.push(noticeOf(draft.id, 'replaced_operator_change', current))
      }
    }
    notices.sort((a, b) => a.id.localeCompare(b.id))
    const kept = () => [...outcomes.values()].filter((o) => o === 'kept_closed' || o === 'unchanged').length

    if (dryRun) {
      for (const draft of creates) outcomes.set(draft.id, 'created')
      for (const { draft } of updates) outcomes.set(draft.id, 'updated')
      return { created: creates.length, updated: updates.length, unchanged: kept(), failed: [], outcomes, recoveredWrites: 0, retried: retried(), notices }
    }

    const failed: Array<{ id: string; reason: string }> = []
    const write = await this.beginWrite()
    // New ids go through BatchWrite (25 per request); a replaced point is a conditional Put on
    // the version we read, so an operator's edit made meanwhile is never overwritten.
    const note = { author, reason: IMPORT_REASON }
    const created = creates.map((draft) => {
      const record = this.stamp(draft, 1)
      return toItem(record, this.noteFor(null, record, note, write.ticket))
    })
    const createFailures = await this.batchPut(created)
    for (const { id } of creates) {
      const reason = createFailures.get(id)
      if (reason) failed.push({ id, reason })
      else outcomes.set(id, 'created')
    }
    await this.forEachConcurrently(updates, async ({ draft, previous }) => {
      try {
        const record = this.stamp(draft, previous.record.version + 1)
        await this.replace(previous, record, this.noteFor(previous.record, record, note, write.ticket))
        outcomes.set(draft.id, 'updated')
      } catch (error) {
        failed.push({ id: draft.id, reason: error instanceof Error ? error.message : String(error) })
      }
    })

    const createdCount = [...outcomes.values()].filter((o) => o === 'created').length
    const updatedCount = [...outcomes.values()].filter((o) => o === 'updated').length
    await this.endWrite(write.token, createdCount + updatedCount > 0 || write.recovered > 0)
    return { created: createdCount, updated: updatedCount, unchanged: kept(), failed, outcomes, recoveredWrites: write.recovered, retried: retried(), notices }
  }

  async readAll(): Promise<RegistryContents> {
    const records: PointRecord[] = []
    const invalid: InvalidItem[] = []
    const changeSeq = new Map<string, number>()
    for await (const page of this.scanPoints()) {
      page.records.forEach((record, i) => {
        records.push(record)
        changeSeq.set(record.id, page.changeSeq[i]!)
      })
      invalid.push(...page.invalid)
    }
    return { records, invalid, changeSeq }
  }

  /**
   * One page ahead: the next page's read (tens of ms on DynamoDB, ~800 pages at a million sites)
   * runs while the caller builds from this one. A read the caller never asks for (it stopped
   * early) has its failure swallowed, so it cannot crash the process as an unhandled rejection.
   */
  async *scanPoints(): AsyncIterable<RegistryPage> {
    let next: Promise<ScanPage> | undefined = this.scanPage(undefined)
    while (next) {
      const page: ScanPage = await next
      next = page.LastEvaluatedKey ? this.scanPage(page.LastEvaluatedKey) : undefined
      next?.catch(() => {})
      const records: PointRecord[] = []
      const invalid: InvalidItem[] = []
      const changeSeq: number[] = []
      for (const item of page.Items ?? []) {
        const read = validatedRecord(item)
        if (read.ok) {
          records.push(read.record)
          changeSeq.push(Number((item.change_note as ChangeNote | undefined)?.seq ?? 0))
        } else invalid.push(read.invalid)
      }
      yield { records, invalid, changeSeq }
    }
  }

  /**
   * One page of the point items. `activeSources`: only active points, and of each only its id and
   * source (what an import needs to name the points its file leaves out; a full read, every record
   * validated, was a quarter of a 10,000-row import).
   */
  private scanPage(startKey: Record<string, unknown> | undefined, { activeSources = false } = {}): Promise<ScanPage> {
    return withRetries(
      () =>
        this.doc.send(
          new ScanCommand({
            TableName: this.table,
            ExclusiveStartKey: startKey,
            // Strongly consistent: the caller read the registry version first, and every write
            // that version counts must be in what it scans (the snapshot and the change feed rely
            // on it); an import asks after its own writes, which must not show as absent.
            ConsistentRead: true,
            FilterExpression: activeSources ? 'sk = :point AND #status = :active' : 'sk = :point',
            ...(activeSources ? { ProjectionExpression: 'id, #source.dataset, #source.original_id', ExpressionAttributeNames: { '#status': 'status', '#source': 'source' } } : {}),
            ExpressionAttributeValues: { ':point': POINT_SORT_KEY, ...(activeSources ? { ':active': 'active' } : {}) },
          }),
        ),
      this.backoff,
    )
  }

  async activePointSources(datasets: ReadonlySet<string>): Promise<PointSourceEntry[]> {
    if (datasets.size === 0) return []
    const entries: PointSourceEntry[] = []
    let startKey: Record<string, unknown> | undefined
    do {
      const page = await this.scanPage(startKey, { activeSources: true })
      for (const item of page.Items ?? []) {
        const source = item.source as { dataset?: unknown; original_id?: unknown } | undefined
        // An item without a readable source is left to the snapshot's report of invalid items.
        if (typeof item.id !== 'string' || typeof source?.dataset !== 'string' || typeof source.original_id !== 'string') continue
        if (datasets.has(source.dataset)) entries.push({ id: item.id, source: { dataset: source.dataset, original_id: source.original_id } })
      }
      startKey = page.LastEvaluatedKey
    } while (startKey)
    return entries
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
      writeSeq: Number(item?.write_seq ?? 0),
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
  private async beginWrite(): Promise<{ token: string; ticket: number; recovered: number }> {
    const now = this.now()
    const abandoned = writeMarksOf((await this.versionItem()) ?? {}).filter((mark) => isAbandoned(mark, now, this.writeMarks))
    const mark = newWriteMark(now)
    const names: Record<string, string> = { '#mine': writeMarkAttribute(mark.token), '#myTicket': writeTicketAttribute(mark.token) }
    abandoned.forEach((old, i) => {
      names[`#old${i}`] = writeMarkAttribute(old.token)
      names[`#oldTicket${i}`] = writeTicketAttribute(old.token)
    })
    const removeOld = abandoned.length > 0 ? ` REMOVE ${abandoned.map((_, i) => `#old${i}, #oldTicket${i}`).join(', ')}` : ''
    // The mark and its ticket appear in the same update that draws the ticket: no reader ever sees
    // the counter moved on without the open write that holds the new ticket.
    const { Attributes } = await withRetries(
      () =>
        this.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: VERSION_ITEM_KEY,
            UpdateExpression: `SET #mine = :mark, #myTicket = if_not_exists(#seq, :zero) + :one, #seq = if_not_exists(#seq, :zero) + :one, updated_at = :now ADD #version :bump${removeOld}`,
            ExpressionAttributeNames: { ...names, '#version': 'version', '#seq': 'write_seq' },
            ExpressionAttributeValues: {
              ':mark': { started_at: mark.startedAt, host: mark.host, pid: mark.pid },
              ':now': now.toISOString(),
              ':bump': abandoned.length > 0 ? 1 : 0,
              ':zero': 0,
              ':one': 1,
            },
            ReturnValues: 'UPDATED_NEW',
          }),
        ),
      this.backoff,
    )
    return { token: mark.token, ticket: Number(Attributes?.write_seq), recovered: abandoned.length }
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
            UpdateExpression: changed ? 'ADD #version :one SET updated_at = :now REMOVE #mine, #myTicket' : 'REMOVE #mine, #myTicket',
            ExpressionAttributeNames: { '#mine': writeMarkAttribute(token), '#myTicket': writeTicketAttribute(token), ...(changed ? { '#version': 'version' } : {}) },
            ...(changed ? { ExpressionAttributeValues: { ':one': 1, ':now': this.now().toISOString() } } : {}),
          }),
        ),
      this.backoff,
    )
  }

  private stamp(draft: PointDraft, version: number): PointRecord {
    return { ...draft, version, updated_at: this.now().toISOString() } as PointRecord
  }

  private async conditionalPut(record: PointRecord, expectedVersion: number | null, note: ChangeNote): Promise<void> {
    const condition =
      expectedVersion === null
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }
    try {
      await withRetries(
        () => this.doc.send(new PutCommand({ TableName: this.table, Item: toItem(record, note), ...condition })),
        this.backoff,
      )
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') {
        throw new VersionConflictError(record.id, expectedVersion)
      }
      throw error
    }
  }

  private async batchGet(ids: readonly string[]): Promise<Map<string, StoredPoint>> {
    const found = new Map<string, StoredPoint>()
    await this.forEachConcurrently(chunk(ids, BATCH_GET_MAX), async (idChunk) => {
      const keys: Array<Record<string, unknown>> = idChunk.map((id) => ({ pk: pointPartitionKey(id), sk: POINT_SORT_KEY }))
      const left = await this.resendUnprocessed(keys, async (batch) => {
        const result = await withRetries(
          () => this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: batch, ConsistentRead: true } } })),
          this.backoff,
        )
        for (const item of result.Responses?.[this.table] ?? []) {
          const stored = storedPoint(item)
          found.set(stored.record.id, stored)
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
  private async batchPut(items: readonly Item[]): Promise<Map<string, string>> {
    const failures = new Map<string, string>()
    type WriteRequests = NonNullable<BatchWriteCommandInput['RequestItems']>[string]
    const idOf = (request: WriteRequests[number]): string => String(request.PutRequest?.Item?.id)
    await this.forEachConcurrently(chunk(items, BATCH_WRITE_MAX), async (itemChunk) => {
      let inFlight: WriteRequests = itemChunk.map((item) => ({ PutRequest: { Item: item } }))
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

/** One page of a Scan as the document client returns it. */
type ScanPage = { Items?: Record<string, unknown>[]; LastEvaluatedKey?: Record<string, unknown> }
