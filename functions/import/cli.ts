import '../local/quiet-sdk-warning.ts'
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { constants as osConstants } from 'node:os'
import { createGazetteer } from '../../shared/gazetteer/create-gazetteer.ts'
import type { Registry } from '../../shared/registry-port.ts'
import { loadComuni } from '../gazetteer/load-comuni.ts'
import { openLocalRegistry } from '../local/open-local-registry.ts'
import { checkedAwsTables, MissingTableError } from './aws-tables.ts'
import { DynamoDbRegistry } from '../repository/dynamodb-registry.ts'
import { FORMATS, type ImportFormatName } from './formats/format.ts'
import { SOURCE_ENCODINGS, type SourceEncoding } from './formats/text-encoding.ts'
import { terminalProgress } from './progress-bar.ts'
import { runImport, UnreadableFileError, type ImportReport } from './run-import.ts'

const USAGE = `Uso / usage: npm run import -- FILE [--format auto|${FORMATS.map((f) => f.name).join('|')}] [--encoding ${SOURCE_ENCODINGS.join('|')}] [--as EMAIL] [--dry-run] [--report FILE]

Imports a registry file into the local registry (the one npm start serves, under .data/),
or into the AWS table named by PUNTOVICINO_TABLE (with the usual AWS credentials and AWS_REGION;
its journal of past versions: PUNTOVICINO_JOURNAL_TABLE, the stack's JournalTableName output;
default <table>-journal). Both are checked before the file is read.
--as names the person the points' history records for this import (default: your user@host).`

/** Where the points go: the AWS table when PUNTOVICINO_TABLE is set, else the local registry. */
async function openTarget(): Promise<{ registry: Registry; label: string; close(): Promise<void> }> {
  const table = process.env.PUNTOVICINO_TABLE
  if (table) {
    const client = new DynamoDBClient({})
    const tables = await checkedAwsTables(client, table, process.env.PUNTOVICINO_JOURNAL_TABLE || undefined).catch((error: unknown) => {
      client.destroy()
      throw error
    })
    const registry = new DynamoDbRegistry({ client, ...tables })
    return { registry, label: `DynamoDB table ${table}`, close: async () => client.destroy() }
  }
  const local = await openLocalRegistry()
  return {
    registry: local.registry,
    label: local.ownsServer ? 'local registry (.data/)' : `the running npm start (${local.endpoint})`,
    close: () => local.close(),
  }
}

function summary(r: ImportReport): string {
  const [it, en] = r.dryRun ? ['sarebbero ', 'would be '] : ['', '']
  const lines = [
    `${r.file} — formato / format: ${r.format}${r.dryRun ? ' — PROVA, nulla scritto / DRY RUN, nothing written' : ''}`,
    `righe lette ${r.read} · punti ${r.points} · ${it}creati ${r.created} · ${it}aggiornati ${r.updated} · ${it}invariati ${r.unchanged} · righe scartate ${r.rejected}`,
    `(read ${r.read} · points ${r.points} · ${en}created ${r.created} · ${en}updated ${r.updated} · ${en}unchanged ${r.unchanged} · rejected rows ${r.rejected})`,
  ]
  // Which points changed, so the sender can check them (the report file lists them all).
  const named = (ids: readonly string[]) => `${ids.slice(0, 10).join(', ')}${ids.length > 10 ? `, … ${ids.length - 10} more in the report file` : ''}`
  if (r.updatedIds.length > 0) lines.push(`  ${it}aggiornati / ${en}updated: ${named(r.updatedIds)}`)
  // Decisions taken in the console that the file meets: never undone in silence.
  for (const n of r.notices) {
    const when = `${n.by}, ${n.at.slice(0, 10)}${n.reason ? `: «${n.reason}»` : ''}`
    lines.push(
      n.kind === 'kept_closed'
        ? `  RESTA CHIUSO / KEPT CLOSED ${n.id}: chiuso in gestione (${when}); il file lo dice aperto: per riaprirlo usare la gestione / closed in the console; the file says open: reopen it there`
        : `  SOSTITUITA una modifica fatta in gestione / REPLACED an operator's change ${n.id} (${when}): controllare / check it`,
    )
  }
  if (r.createdIds.length > 0) lines.push(`  ${it}creati / ${en}created: ${named(r.createdIds)}`)
  // Leaving a point out of the file does not close it: said, so a point meant to go is closed on purpose.
  if (r.absentIds.length > 0) {
    lines.push(`  NON nel file, restano attivi (per chiuderli: stato=chiuso o la gestione) / NOT in the file, still active (to close them: stato=chiuso or the console): ${r.absentIds.length}: ${named(r.absentIds)}`)
  }
  for (const row of r.rejectedRows.slice(0, 20)) {
    const id = row.sourceId ? ` id ${row.sourceId}` : row.id ? ` (${row.id})` : ''
    lines.push(`  scartata / rejected ${row.where}${id}: ${row.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`)
  }
  if (r.rejectedRows.length > 20) lines.push(`  … ${r.rejectedRows.length - 20} more in the report file`)
  for (const { id, region, usual } of r.otherRegion) {
    lines.push(`  IN UN'ALTRA REGIONE / IN ANOTHER REGION ${id}: ${region}, gli altri punti della fonte in ${usual} / its source's other points in ${usual}: controllare / check`)
  }
  if (r.ignoredColumns.length > 0) {
    lines.push(`  colonne ignorate (non sono del formato) / ignored columns (not the format's): ${r.ignoredColumns.map((c) => `«${c}»`).join(', ')}`)
  }
  if (r.warningRows.length > 0) {
    const n = r.warningRows.length
    lines.push(`avvisi / warnings: ${n} ${n === 1 ? 'riga / row' : 'righe / rows'} (${r.dryRun ? 'sarebbero importate / would be imported' : 'importate / imported'}; details in the report file)`)
  }
  if (r.retried.requests + r.retried.unprocessedItems > 0) {
    lines.push(`ritentati / retried: ${r.retried.requests} richieste rallentate o fallite, ${r.retried.unprocessedItems} elementi non elaborati / throttled or failed requests, unprocessed items (nothing lost: see below for anything not written)`)
  }
  if (r.recoveredWrites > 0) lines.push(`import interrotto prima chiuso / an earlier interrupted import was closed: ${r.recoveredWrites}`)
  for (const f of r.failedWrites) lines.push(`  NON scritto / NOT written ${f.id}: ${f.reason}`)
  return lines.join('\n')
}

async function main(): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'auto' },
        encoding: { type: 'string', default: 'utf-8' },
        'dry-run': { type: 'boolean', default: false },
        report: { type: 'string' },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  if (values.help) {
    console.error(USAGE)
    return 0
  }
  if (positionals.length !== 1) {
    const got = positionals.length === 0 ? 'no file given' : `${positionals.length} files given (${positionals.join(', ')})`
    console.error(`Indica un solo FILE / give exactly one FILE: ${got}. With npm, options go after \`--\`.\n\n${USAGE}`)
    return 2
  }
  const file = positionals[0]!
  const format = values.format as ImportFormatName | 'auto'
  if (format !== 'auto' && !FORMATS.some((f) => f.name === format)) {
    console.error(`--format: unknown format "${format}"\n${USAGE}`)
    return 2
  }

  const encoding = values.encoding as SourceEncoding
  if (!SOURCE_ENCODINGS.includes(encoding)) {
    console.error(`--encoding: unknown encoding "${values.encoding}"; expected ${SOURCE_ENCODINGS.join(', ')}\n${USAGE}`)
    return 2
  }

  const as = values.as?.trim()
  if (as !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(as)) {
    console.error(`--as: "${values.as}" is not an e-mail address\n${USAGE}`)
    return 2
  }

  let target: Awaited<ReturnType<typeof openTarget>>
  try {
    target = await openTarget()
  } catch (error) {
    if (!(error instanceof MissingTableError)) throw error
    console.error(`Import non avviato / import not started: ${error.message}`)
    return 1
  }
  const progress = terminalProgress()
  // Ctrl-C used to end the import without a word. Each point is one item written whole, and an
  // interrupted write is closed by the next writer, so rerunning the same command finishes it.
  const interrupted = (signal: NodeJS.Signals) => {
    progress.done()
    console.error(values['dry-run']
      ? 'Prova interrotta: nulla è stato scritto. / Dry run interrupted: nothing was written.'
      : "Import interrotto: i punti già scritti restano, nessuno a metà, e saranno pubblicati alla prossima scrittura; rilanciare lo stesso comando completa l'import senza duplicati. / Import interrupted: the points already written stay, none half-written, and are published with the next write; running the same command again completes the import without duplicates.")
    // 128 + the signal's number, as a shell reports a process a signal ended (130 for Ctrl-C).
    process.exit(128 + osConstants.signals[signal])
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  try {
    console.error(`Importo in / importing into: ${target.label}`)
    const report = await runImport({
      input: file,
      format,
      encoding,
      dryRun: values['dry-run'],
      registry: target.registry,
      author: as ? { id: `import:${as.toLowerCase()}`, name: `${as.toLowerCase()} (import)` } : undefined,
      gazetteer: createGazetteer(loadComuni()),
      onProgress: progress,
    })
    progress.done()
    const reportPath = values.report ?? `import-report-${report.startedAt.replace(/[:.]/g, '-')}.json`
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`)
    console.log(summary(report))
    console.log(`rapporto / report: ${reportPath}`)
    const imported = report.created + report.updated + report.unchanged
    return report.dryRun ? (report.points > 0 ? 0 : 1) : imported > 0 ? 0 : 1
  } catch (error) {
    progress.done()
    if (error instanceof UnreadableFileError) {
      console.error(`Import non riuscito / import failed: ${error.message}`)
      return 1
    }
    throw error
  } finally {
    await target.close()
  }
}

process.exitCode = await main()
