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

export async function runImportBench(): Promise<string> {
  const file = makeFile()
  const gazetteer = createGazetteer(loadComuni())

  const importRun = await withFreshStore(async (registry, doc, table) => {
    const started = performance.now()
    const report = await runImport({ input: file, registry, gazetteer })
    const seconds = (performance.now() - started) / 1000
    return { seconds, report, storedItems: await pointItems(doc, table) }
  })
  const stored = importRun.report.created

  // The floor: the very items the import stored (keys, index keys and change notes included, as
  // read back from its table), written again with bare BatchWrites: the store does the same work.
  const raw = await withFreshStore(async (_registry, doc, table) => {
    const started = performance.now()
    const records = importRun.storedItems
    const batches = Array.from({ length: Math.ceil(records.length / 25) }, (_, b) =>
      records.slice(b * 25, b * 25 + 25).map((item) => ({ PutRequest: { Item: item } })),
    )
    for (let i = 0; i < batches.length; i += 4) {
      await Promise.all(batches.slice(i, i + 4).map((batch) => doc.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }))))
    }
    return { seconds: (performance.now() - started) / 1000, records: records.length }
  })

  const rate = ROWS / importRun.seconds
  const rawRate = raw.records / raw.seconds
  return [
    '## Import (npm run bench:import)',
    `rows: ${ROWS} (real French rows repeated), stored: ${stored}, rejected: ${importRun.report.rejected}`,
    `import: ${importRun.seconds.toFixed(2)} s = ${Math.round(rate)} rows/s (target ≥ ${TARGET_ROWS_PER_SECOND}: ${verdict(rate, TARGET_ROWS_PER_SECOND, true)})`,
    `baseline, raw BatchWrite of the ${raw.records} stored items: ${raw.seconds.toFixed(2)} s = ${Math.round(rawRate)} items/s`,
    `ratio import / raw store floor: ${(rate / rawRate).toFixed(2)} (target ≥ ${TARGET_RATIO_TO_RAW}: ${verdict(rate / rawRate, TARGET_RATIO_TO_RAW, true)})`,
  ].join('\n')
}

if (isMain(import.meta.url)) {
  console.log(await runImportBench())
}
