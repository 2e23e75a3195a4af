import '../functions/local/quiet-sdk-warning.ts'
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGazetteer } from '../shared/gazetteer/create-gazetteer.ts'
import { loadComuni } from '../functions/gazetteer/load-comuni.ts'
import { runImport } from '../functions/import/run-import.ts'
import { ensureRegistryTable } from '../functions/repository/create-table.ts'
import { DynamoDbRegistry } from '../functions/repository/dynamodb-registry.ts'
import { localDynamoDbClient, startLocalDynamoDb } from '../functions/local/local-dynamodb.ts'

/**
 * `npm run bench:import`: rows per second of a 10,000-row import into the local store (dynalite
 * in memory), against the floor of the same store in the same run: raw BatchWrite of 10,000
 * items of the same size, with no parsing, validation or comparison. Target: ≥ 1,000 rows/s.
 */
const ROWS = 10_000
const TARGET_ROWS_PER_SECOND = 1_000

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
  const client = localDynamoDbClient(server.endpoint)
  const table = 'bench'
  await ensureRegistryTable(client, table)
  try {
    return await work(new DynamoDbRegistry({ client, tableName: table }), DynamoDBDocumentClient.from(client), table)
  } finally {
    client.destroy()
    await server.close()
  }
}

export async function runImportBench(): Promise<string> {
  const file = makeFile()
  const gazetteer = createGazetteer(loadComuni())

  const importRun = await withFreshStore(async (registry) => {
    const started = performance.now()
    const report = await runImport({ input: file, registry, gazetteer })
    const seconds = (performance.now() - started) / 1000
    return { seconds, report, storedRecords: await registry.listAll() }
  })
  const stored = importRun.report.created

  // The floor: the very records the import stored, written again with bare BatchWrites.
  const rawSeconds = await withFreshStore(async (_registry, doc, table) => {
    const started = performance.now()
    const records = importRun.storedRecords
    const batches = Array.from({ length: Math.ceil(records.length / 25) }, (_, b) =>
      records.slice(b * 25, b * 25 + 25).map((record) => ({ PutRequest: { Item: { ...record, pk: `RAW#${record.id}`, sk: 'POINT' } } })),
    )
    for (let i = 0; i < batches.length; i += 4) {
      await Promise.all(batches.slice(i, i + 4).map((batch) => doc.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }))))
    }
    return (performance.now() - started) / 1000
  })

  const rate = ROWS / importRun.seconds
  const rawRate = ROWS / rawSeconds
  return [
    '## Import (npm run bench:import)',
    `rows: ${ROWS} (real French rows repeated), stored: ${stored}, rejected: ${importRun.report.rejected}`,
    `import: ${importRun.seconds.toFixed(2)} s = ${Math.round(rate)} rows/s (target ≥ ${TARGET_ROWS_PER_SECOND}: ${rate >= TARGET_ROWS_PER_SECOND ? 'met' : `MISSED by ${Math.round(TARGET_ROWS_PER_SECOND - rate)} rows/s`})`,
    `baseline, raw BatchWrite of ${ROWS} same-size items: ${rawSeconds.toFixed(2)} s = ${Math.round(rawRate)} items/s`,
    `ratio import / raw store floor: ${(rate / rawRate).toFixed(2)}`,
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await runImportBench())
}
