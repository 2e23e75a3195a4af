import { changesHorizon } from '../snapshot/changes-horizon.ts'
import type { S3Client } from '@aws-sdk/client-s3'
import type { DynamoDBStreamEvent } from 'aws-lambda'
import { tmpdir } from 'node:os'
import type { Snapshot } from '../../shared/geo/snapshot.ts'
import { deserializeSnapshot } from '../../shared/geo/snapshot-codec.ts'
import { expectedPointsAfter } from '../../shared/geo/snapshot-file-builder.ts'
import { streamedSnapshotFile } from '../snapshot/streamed-snapshot-file.ts'
import { PUBLISHER_ENVIRONMENT, publisherFrom } from '../exports/catalog-publisher.ts'
import { publishRegistryFiles } from '../exports/s3-open-data-publisher.ts'
import type { Registry } from '../../shared/registry-port.ts'
import { jsonLinesToStdout, type LogSink } from '../api/middleware/request-log.ts'
import { DynamoDbRegistry } from '../repository/dynamodb-registry.ts'
import { INDEXER_METRICS } from './indexer-metrics.ts'
import { S3SnapshotPublisher } from '../snapshot/s3-snapshot-publisher.ts'
import { requireEnv, type Environment } from './lambda-environment.ts'
import { dynamoDbClientFromEnvironment, s3ClientFromEnvironment } from './sdk-clients.ts'

export interface IndexerHandlerDeps {
  readonly registry: Pick<Registry, 'getVersion' | 'scanPoints'>
  readonly publisher: S3SnapshotPublisher
  /** Writes the whole-registry open-data files of a snapshot, once its file is stored and before the pointer moves to it (S3, under opendata/). */
  readonly publishOpenData?: (snapshot: Snapshot) => Promise<{ objects: number; bytes: number }>
  readonly now?: () => Date
  readonly log?: LogSink
}

/** What one invocation did, also logged as one JSON line. */
export interface IndexerResult {
  readonly trigger: 'stream' | 'schedule'
  readonly changes: number
  readonly registryVersion: number
  readonly published: boolean
  readonly reason?: string
  readonly key?: string
  readonly points?: number
  /** Stored items left out because they are not valid records. */
  readonly invalidItems?: number
  readonly buildMs?: number
  /** Bytes of open-data files written (all encodings). */
  readonly openDataBytes?: number
}


/** The nightly rule sends an EventBridge event; anything with stream records is the table's stream. */
type IndexerEvent = DynamoDBStreamEvent | { readonly source?: string; readonly 'detail-type'?: string }

const isStreamEvent = (event: IndexerEvent): event is DynamoDBStreamEvent => Array.isArray((event as DynamoDBStreamEvent).Records)

/**
 * The index pipeline: a batch of stream records (however many) is one rebuild from a full read
 * of the registry, published to S3. The stream only says "something changed"; the registry is
 * read whole because the snapshot is a whole. The nightly schedule rebuilds even when nothing
 * changed, since mobile units' stops count as upcoming from the build's date.
 */
export function createIndexerHandler({ registry, publisher, publishOpenData, now = () => new Date(), log = jsonLinesToStdout }: IndexerHandlerDeps) {
  return async function handler(event: IndexerEvent): Promise<IndexerResult> {
    const trigger = isStreamEvent(event) ? 'stream' : 'schedule'
    const changes = isStreamEvent(event) ? event.Records.length : 0
    const versionRead = now()
    const registryVersion = await registry.getVersion()
    const { version } = registryVersion
    const pointer = await publisher.current()
    if (trigger === 'stream') {
      if (pointer && pointer.registryVersion >= version) {
        // An earlier batch's rebuild already read these writes (it scans after reading the version).
        const result: IndexerResult = { trigger, changes, registryVersion: version, published: false, reason: `snapshot already at version ${pointer.registryVersion}` }
        log({ level: 'info', msg: 'indexer skipped', ...result })
        return result
      }
    }
    const started = performance.now()
    const { file, points, invalidItems } = await streamedSnapshotFile(registry, {
      builtAt: now(),
      expectedPoints: expectedPointsAfter(pointer?.pointCount ?? 0),
      meta: { registryVersion: version, changesHorizon: changesHorizon(registryVersion, versionRead) },
      // Each invalid item by its key, so someone can fix or remove it; the snapshot goes out without them.
      onInvalid: (item) => log({ level: 'warn', msg: 'invalid registry item left out of the snapshot', key: item.key, reason: item.reason }),
      // The records' JSON waits on the function's ephemeral storage, not in its memory (SnapshotIndexer sizes it).
      spillDir: tmpdir(),
    })
    log(invalidItemsMetric(invalidItems, now()))
    const buildMs = Math.round(performance.now() - started)
    let openData: { objects: number; bytes: number } | undefined
    // The open-data files are written before the pointer moves: if they fail, the batch is retried
    // and rebuilds (a published pointer would have made the retry skip, leaving the files behind).
    // They read the file's records (decoded as they are read), not a second build.
    const outcome = await publisher.publishFile(file, publishOpenData ? { beforePointer: async () => void (openData = await publishOpenData(deserializeSnapshot(file))) } : {})
    const result: IndexerResult = {
      trigger,
      changes,
      registryVersion: version,
      published: outcome.published,
      ...(outcome.published ? {} : { reason: outcome.reason }),
      key: outcome.pointer.key,
      points,
      invalidItems,
      buildMs,
      ...(openData ? { openDataBytes: openData.bytes } : {}),
    }
    log({ level: 'info', msg: outcome.published ? 'snapshot published' : 'snapshot not published', ...result })
    return result
  }
}

/**
 * The count as a CloudWatch embedded-metric-format line: CloudWatch turns it into a metric with no
 * API call (and no IAM permission) from the function; the stack alarms when it is above zero.
 */
function invalidItemsMetric(count: number, at: Date): Record<string, unknown> {
  return {
    _aws: { Timestamp: at.getTime(), CloudWatchMetrics: [{ Namespace: INDEXER_METRICS.namespace, Dimensions: [[]], Metrics: [{ Name: INDEXER_METRICS.invalidItems, Unit: 'Count' }] }] },
    [INDEXER_METRICS.invalidItems]: count,
  }
}

export function indexerDepsFromEnvironment(env: Environment, s3: S3Client = s3ClientFromEnvironment(env)): IndexerHandlerDeps {
  const bucket = requireEnv(env, 'SNAPSHOT_BUCKET')
  const openDataBucket = requireEnv(env, 'OPEN_DATA_BUCKET')
  const publisher = publisherFrom({ name: env[PUBLISHER_ENVIRONMENT.name], ipaCode: env[PUBLISHER_ENVIRONMENT.ipaCode], email: env[PUBLISHER_ENVIRONMENT.email] })
  return {
    // SITE_URL (set by the stack): the catalogue's addresses are absolute, on the public site;
    // its publisher is the deployment's (CATALOG_PUBLISHER_*, from the stack's context).
    publishOpenData: async (snapshot) => publishRegistryFiles(s3, openDataBucket, snapshot, env.SITE_URL, publisher),
    registry: new DynamoDbRegistry({ client: dynamoDbClientFromEnvironment(), tableName: requireEnv(env, 'PUNTOVICINO_TABLE') }),
    publisher: new S3SnapshotPublisher({ s3, bucket, pointerKey: requireEnv(env, 'SNAPSHOT_POINTER_KEY') }),
  }
}

let configured: ReturnType<typeof createIndexerHandler> | undefined
/** Lambda's entry point (`index.handler`), configured from the stack's environment on first use. */
export const handler = (event: IndexerEvent): Promise<IndexerResult> => (configured ??= createIndexerHandler(indexerDepsFromEnvironment(process.env)))(event)
