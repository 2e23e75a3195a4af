import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { HTTP_BENCH_SERVICE, positionsOverItaly } from './positions.ts'
const paths = positionsOverItaly(200).map(({ lat, lon }) => `/v1/points?near=${lat},${lon}&service=${HTTP_BENCH_SERVICE}&limit=10&view=compact`)
let i = 0
const run = async (port: number, ps: string[], d: number) => { const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 50, duration: d, requests: [{ setupRequest: (req: any) => ({ ...req, path: ps[i++ % ps.length] }) }] }); return Math.round(r.requests.average) }
const start = async (bundle: string) => { const child = spawn(process.execPath, [bundle], { stdio: ['ignore', 'pipe', 'inherit'] }); const line = await new Promise<string>((r) => createInterface({ input: child.stdout! }).once('line', r)); return { child, ...JSON.parse(line) } }
const bundles = process.argv.slice(2)
const servers = await Promise.all(bundles.map(start))
for (const s of servers) await run(s.appPort, paths.slice(0, 20), 3)
const results: Record<string, number[]> = {}
for (let round = 0; round < 3; round++) for (const [k, s] of servers.entries()) {
  const bare = await run(s.barePort, ['/bare'], 3); const compact = await run(s.appPort, paths, 4)
  ;(results[bundles[k]!] ??= []).push(compact / bare)
  console.log(bundles[k], 'bare', bare, 'compact', compact, (compact / bare).toFixed(3))
}
for (const [k, r] of Object.entries(results)) console.log(k, 'median ratio', r.sort()[1]!.toFixed(3))
for (const s of servers) s.child.kill()
