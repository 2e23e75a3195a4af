import '../functions/local/quiet-sdk-warning.ts'
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGazetteer } from '../shared/gazetteer/create-gazetteer.ts'
import { loadComuni } from '../functions/gazetteer/load-comuni.ts'
import { runImport } from '../functions/import/run-import.ts'
import { ensureRegistryTable } from '../functions/repository/create-table.ts'
import { DynamoDbRegistry } from '../functions/repository/dynamodb-registry.ts'
import { isMain, verdict } from './bench-support.ts'
import { localDynamoDbClient, startLocalDynamoDb } from '../functions/local/local-dynamodb.ts'

/**
 * `npm run bench:import`: rows per second of a 10,000-row import into the local store (dynalite
 * in memory), against the floor of the same store in the same run: raw BatchWrite of the items
 * the import stored, keys included, with no parsing, validation or comparison. Target: ≥ 1,000 rows/s.
 */
const ROWS = 10_000
const TARGET_ROWS_PER_SECOND = 1_000
/** Issue 12: an import within 0.6 of writing the same items with raw BatchWrite. */
const TARGET_RATIO_TO_RAW = 0.6

function makeFile(): string {
  // The real French file (687 places), repeated with fresh ids and nudged coordinates.
  const base = JSON.parse(readFileSync('tests/fixtures/fr_lieux_mediation_numerique_hinaura_ara.json', 'utf8')) as Array<Record<string, unknown>>
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const row = base[i % base.length]!
    return { ...row, id: `${String(row.id)}-bench-${i}`, latitude: Number(row.latitude) + (i % 97) * 1e-4, longitude: Number(row.longitude) + (i % 89) * 1e-4 }
  })
  const file = join(mkdtempSync(join(tmpdir(), 'pv-bench-')), 'rows.json')
  writeFileSync(file, JSON.stringify(rows))
  return file
}

async function withFreshStore<T>(work: (registry: DynamoDbRegistry, doc: DynamoDBDocumentClient, table: string) => Promise<T>): Promise<T> {
  const server = await startLocalDynamoDb()
  const client = localDynamoDbClient(server)
  const table = 'bench'
  await ensureRegistryTable(client, table)
  try {
    return await work(new DynamoDbRegistry({ client, tableName: table }), DynamoDBDocumentClient.from(client), table)
  } finally {
    client.destroy()
    await server.close()
  }
}

/** Every point item of a table, exactly as stored. */
async function pointItems(doc: DynamoDBDocumentClient, table: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = []
  let startKey: Record<string, unknown> | undefined
  do {
    const page = await doc.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey, FilterExpression: 'sk = :point', ExpressionAttributeValues: { ':point': 'POINT' } }))
    items.push(...(page.Items ?? []))
    startKey = page.LastEvaluatedKey
  } while (startKey)
  return items
}

/** Import and raw writes alternate, and each keeps its median: run once each, the second ran on code the first had warmed. */
const ROUNDS = 3

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** One import of the file into a fresh store: its time, its report and the point items it stored. */
async function timeImport(file: string, gazetteer: ReturnType<typeof createGazetteer>) {
  return withFreshStore(async (registry, doc, table) => {
    const started = performance.now()
    const report = await runImport({ input: file, registry, gazetteer })
    const seconds = (performance.now() - started) / 1000
    return { seconds, report, storedItems: await pointItems(doc, table) }
  })
}

/**
 * The floor: the very items the import stored (keys, index keys and change notes included, as
 * read back from its table), written again with bare BatchWrites into a fresh store: the store
 * does the same work.
 */
async function timeRawWrites(records: readonly Record<string, unknown>[]): Promise<number> {
  return withFreshStore(async (_registry, doc, table) => {
    const started = performance.now()
    const batches = Array.from({ length: Math.ceil(records.length / 25) }, (_, b) =>
      records.slice(b * 25, b * 25 + 25).map((item) => ({ PutRequest: { Item: item } })),
    )
    for (let i = 0; i < batches.length; i += 4) {
      await Promise.all(batches.slice(i, i + 4).map((batch) => doc.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }))))
    }
    return (performance.now() - started) / 1000
  })
}

export async function runImportBench(): Promise<string> {
  const file = makeFile()
  const gazetteer = createGazetteer(loadComuni())

  const importSeconds: number[] = []
  const rawSeconds: number[] = []
  let last: Awaited<ReturnType<typeof timeImport>> | undefined
  for (let round = 0; round < ROUNDS; round++) {
    last = await timeImport(file, gazetteer)
    importSeconds.push(last.seconds)
    rawSeconds.push(await timeRawWrites(last.storedItems))
  }
  const { report, storedItems } = last!
  const seconds = median(importSeconds)
  const raw = median(rawSeconds)
  const rate = ROWS / seconds
  const rawRate = storedItems.length / raw
  const rounds = (values: readonly number[]) => values.map((v) => v.toFixed(2)).join(', ')
  return [
    '## Import (npm run bench:import)',
    `rows: ${ROWS} (real French rows repeated), stored: ${report.created}, rejected: ${report.rejected}; ${ROUNDS} rounds, import and raw writes alternating, medians`,
    `import: ${seconds.toFixed(2)} s = ${Math.round(rate)} rows/s (target ≥ ${TARGET_ROWS_PER_SECOND}: ${verdict(rate, TARGET_ROWS_PER_SECOND, true)}); rounds ${rounds(importSeconds)} s`,
    `baseline, raw BatchWrite of the ${storedItems.length} stored items: ${raw.toFixed(2)} s = ${Math.round(rawRate)} items/s; rounds ${rounds(rawSeconds)} s`,
    `ratio import / raw store floor: ${(rate / rawRate).toFixed(2)} (target ≥ ${TARGET_RATIO_TO_RAW}: ${verdict(rate / rawRate, TARGET_RATIO_TO_RAW, true)})`,
  ].join('\n')
}

if (isMain(import.meta.url)) {
  console.log(await runImportBench())
}
