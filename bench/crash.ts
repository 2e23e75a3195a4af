import '../functions/local/quiet-sdk-warning.ts'
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { loadComuni } from '../functions/gazetteer/load-comuni.ts'
import { openLocalRegistry } from '../functions/local/open-local-registry.ts'
import type { PointRecord } from '../shared/schemas/point.ts'
import { stableStringify } from '../shared/util/stable-json.ts'
import { isMain } from './bench-support.ts'
import { lehmer } from './positions.ts'
import { startLocalServer } from './local-server.ts'

/**
 * Crash consistency (issue 8): a 20,000-row import into the local registry, killed with SIGKILL
 * at 10 random moments (each kill hits the next run of the same import), then run once more to
 * the end. The registry must then equal a clean import of the same file (same points, same
 * content but for write times), with no duplicate and no open write, and a later `npm start`
 * must find the registry non-empty: no demo point seeded into it.
 */
const ROWS = Number(process.env.BENCH_CRASH_ROWS ?? 20_000)
const KILLS = 10

const TEMPLATE_HEADER = [
  'fonte', 'id_punto', 'nome_punto', 'stato', 'ente_gestore', 'tipo_ente', 'codice_istat_comune', 'comune', 'provincia', 'indirizzo', 'cap', 'id_sede',
  'tipo_sede', 'nome_sede', 'latitudine', 'longitudine', 'orari', 'valido_dal', 'valido_al', 'servizi', 'temi', 'prenotazione', 'url_prenotazione',
  'telefono', 'email', 'sito_web', 'lingue', 'accessibile', 'note_accessibilita', 'verificato_il', 'descrizione',
]

/** A template file of `rows` points, one site each, spread over the real comuni. */
function writeTemplateFile(path: string, rows: number): void {
  const comuni = loadComuni()
  const records = Array.from({ length: rows }, (_, i) => {
    const c = comuni[(i * 7919) % comuni.length]!
    return [
      'bench-crash', `PF-${String(i).padStart(5, '0')}`, `Punto di prova ${i} di ${c.name}`, 'attivo', `Comune di ${c.name}`, 'comune', c.istat, c.name, c.province,
      `Via Roma ${1 + (i % 200)}`, c.postcode, 'sede', 'fissa', 'Biblioteca', c.lat.toFixed(5), c.lon.toFixed(5), i % 3 === 0 ? 'Mo-Fr 09:00-13:00' : 'Tu,Th 15:00-19:00; Sa 09:00-12:00',
      '', '', 'assistenza_individuale', 'spid|cie', 'entrambi', '', '', `punto${i}@example.org`, '', 'it', i % 2 === 0 ? 'si' : 'no', '', '2026-11-01', 'Dato di prova del benchmark',
    ]
  })
  writeFileSync(path, stringify([TEMPLATE_HEADER, ...records]))
}

/** One import run as a user starts it; killed with SIGKILL after `killAfterMs` unless it ends first. */
function runImport(file: string, dataDir: string, killAfterMs = Infinity): Promise<{ killed: boolean; ms: number; code: number | null }> {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/import/cli.ts', file, '--report', join(dataDir, '..', `report-${Date.now()}.json`)], {
    env: { ...process.env, PUNTOVICINO_DATA_DIR: dataDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'ignore'],
  })
  let killed = false
  const timer = Number.isFinite(killAfterMs)
    ? setTimeout(() => {
        killed = child.kill('SIGKILL')
      }, killAfterMs)
    : undefined
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ killed, ms: performance.now() - started, code })
    })
  })
}

/** Every stored point by id, as content: the write time and version are bookkeeping, not content. */
async function storedContent(dataDir: string): Promise<{ byId: Map<string, string>; openWrites: number; invalid: number; items: number; demo: number }> {
  const local = await openLocalRegistry({ dataDir })
  try {
    const { records, invalid } = await local.registry.readAll()
    const { openWrites } = await local.registry.getVersion()
    const byId = new Map<string, string>()
    for (const record of records) {
      const { updated_at: _u, version: _v, ...content } = record as PointRecord
      byId.set(record.id, stableStringify(content))
    }
    return { byId, openWrites: openWrites.length, invalid: invalid.length, items: records.length, demo: records.filter((r) => r.source.dataset === 'demo').length }
  } finally {
    await local.close()
  }
}

export async function runCrashBench(): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'pv-crash-'))
  const lines = [`## Crash (kill -9 at ${KILLS} random moments of a ${ROWS.toLocaleString('en')}-row import, then a re-run)`]
  try {
    const file = join(scratch, 'registry.csv')
    writeTemplateFile(file, ROWS)

    const cleanDir = join(scratch, 'clean')
    const clean = await runImport(file, cleanDir)
    lines.push(`clean import: ${(clean.ms / 1000).toFixed(1)} s (exit ${clean.code})`)

    const crashedDir = join(scratch, 'crashed')
    const random = lehmer(20_000)
    const kills: string[] = []
    for (let k = 0; k < KILLS; k++) {
      // Anywhere from the start-up to the end of a whole import: reading, writing, bumping.
      const at = Math.round(500 + random() * clean.ms)
      const run = await runImport(file, crashedDir, at)
      kills.push(run.killed ? `${(at / 1000).toFixed(1)} s` : `${(at / 1000).toFixed(1)} s (ended first)`)
    }
    lines.push(`kills at: ${kills.join(', ')}`)
    const rerun = await runImport(file, crashedDir)
    lines.push(`re-run to the end: ${(rerun.ms / 1000).toFixed(1)} s (exit ${rerun.code})`)

    const expected = await storedContent(cleanDir)
    const got = await storedContent(crashedDir)
    const missing = [...expected.byId.keys()].filter((id) => !got.byId.has(id)).length
    const extra = [...got.byId.keys()].filter((id) => !expected.byId.has(id)).length
    const differing = [...expected.byId].filter(([id, content]) => got.byId.has(id) && got.byId.get(id) !== content).length
    lines.push(`clean import: ${expected.items} points; after the crashes and the re-run: ${got.items} points, ${missing} missing, ${extra} extra, ${differing} with other content, ${got.invalid} invalid items, ${got.openWrites} open writes`)

    // What a user does next: npm start on that folder. It must serve those points, no demo.
    const server = await startLocalServer(crashedDir)
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { points: number }
    await server.stop()
    const { demo } = await storedContent(crashedDir)
    lines.push(`npm start afterwards: ${health.points} points served, ${demo === 0 ? 'no demo point seeded' : `${demo} DEMO POINTS SEEDED`}`)

    const met = missing + extra + differing + got.invalid + got.openWrites === 0 && got.items === ROWS && health.points === ROWS && demo === 0
    lines.push(`verdict: ${met ? 'met (equal to a clean import, 0 duplicates, demo never seeded)' : 'MISSED'}`)
    return lines.join('\n')
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

if (isMain(import.meta.url)) console.log(await runCrashBench())
