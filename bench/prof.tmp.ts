import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { HTTP_BENCH_SERVICE, positionsOverItaly } from './positions.ts'
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/pv/prof', 'bench/dist/wrap.tmp.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] })
const line = await new Promise<string>((r) => createInterface({ input: child.stdout! }).once('line', r))
const { appPort, barePort } = JSON.parse(line)
const paths = positionsOverItaly(200).map(({ lat, lon }) => `/v1/points?near=${lat},${lon}&service=${HTTP_BENCH_SERVICE}&limit=10&view=compact`)
let i = 0
const run = async (port: number, ps: string[], d: number) => { const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 50, duration: d, requests: [{ setupRequest: (req: any) => ({ ...req, path: ps[i++ % ps.length] }) }] }); return Math.round(r.requests.average) }
console.log('warm', await run(appPort, paths.slice(0, 20), 3))
// no bare
console.log('compact', await run(appPort, paths, 8))
child.kill('SIGINT')
await new Promise((r) => child.once('exit', r))
