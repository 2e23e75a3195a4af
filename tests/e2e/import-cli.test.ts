import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from './support/product-process.ts'

/**
 * `npm run import` as an office runs it in a terminal: what it prints when a file leaves points
 * out, and when the person stops it with Ctrl-C half-way.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'pv-import-cli-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const HEADER = 'fonte,id_punto,nome_punto,stato,ente_gestore,tipo_ente,codice_istat_comune,comune,provincia,indirizzo,cap,id_sede,tipo_sede,nome_sede,latitudine,longitudine,orari,servizi,temi,prenotazione,telefono'

/** A template file of `count` one-site points in Perugia, ids PG-0…; `skip` leaves some out; `officeColumn` adds a column of the office's own. */
function templateFile(name: string, count: number, skip: (i: number) => boolean = () => false, officeColumn?: string): string {
  const rows = Array.from({ length: count }, (_, i) => i)
    .filter((i) => !skip(i))
    .map((i) => `regione-prova,PG-${i},Punto ${i},attivo,Comune di Perugia,comune,054039,Perugia,PG,Via dei Priori ${i},06123,sede,fissa,Biblioteca,43.11${String(i % 100).padStart(2, '0')},12.38,Mo-Fr 09:00-13:00,assistenza_individuale,spid,entrambi,075 000${String(i).padStart(4, '0')}${officeColumn ? ',x' : ''}`)
  const file = join(dataDir, name)
  writeFileSync(file, `${HEADER}${officeColumn ? `,${officeColumn}` : ''}\n${rows.join('\n')}\n`)
  return file
}

describe('npm run import in a terminal', () => {
  it("names the points of the file's source that a new version of the file leaves out, which stay active, and the columns it ignored", async () => {
    const first = await runCli('functions/import/cli.ts', [templateFile('all.csv', 5), '--report', join(dataDir, 'r1.json')], dataDir)
    expect(first.code, first.stderr).toBe(0)
    const second = await runCli('functions/import/cli.ts', [templateFile('fewer.csv', 5, (i) => i === 1 || i === 3, 'Note interne'), '--report', join(dataDir, 'r2.json')], dataDir)
    expect(second.code, second.stderr).toBe(0)
    // A column the import does not read is named on the terminal, not only in the report file.
    expect(second.stdout).toMatch(/colonne ignorate .*: «Note interne»/)
    const absentLine = second.stdout.split('\n').find((line) => line.includes('NOT in the file'))
    expect(absentLine).toMatch(/NON nel file, restano attivi .*: 2: /)
    expect(absentLine).toContain('pg-1')
    expect(absentLine).toContain('pg-3')
  })

  it('says what Ctrl-C left and how to finish, and the same command run again completes the import', async () => {
    const file = templateFile('big.csv', 6_000)
    // As a terminal runs it: `npm run import` in its own process group, and Ctrl-C signals the whole group.
    const child = spawn('npm', ['run', 'import', '--', file, '--report', join(dataDir, 'big.json')], { env: { ...process.env, PUNTOVICINO_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let stderr = ''
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.stdout.on('data', () => {})
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()))
    // Interrupted once it has opened the registry and is reading or writing the 6,000 rows.
    while (!stderr.includes('importing into')) await new Promise((resolve) => setTimeout(resolve, 50))
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    process.kill(-child.pid!, 'SIGINT')
    await closed
    expect(stderr).toContain('Import interrotto')
    expect(stderr).toContain('running the same command again completes the import')

    const rerun = await runCli('functions/import/cli.ts', [file, '--report', join(dataDir, 'big2.json')], dataDir)
    expect(rerun.code, rerun.stderr).toBe(0)
    expect(rerun.stdout).toMatch(/6000|6\.000/)
  }, 120_000)
})
