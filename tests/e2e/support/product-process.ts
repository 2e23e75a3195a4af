import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { promisify } from 'node:util'

/**
 * The product as a new user runs it: `tsx functions/local/start.ts` (what `npm start` runs once
 * web/dist is built) in its own process, on its own `.data/` folder, and the project's CLIs
 * (`npm run basemap -- …`) run the same way against that folder.
 */
const TSX = 'node_modules/.bin/tsx'
const run = promisify(execFile)

export interface ProductProcess {
  readonly baseUrl: string
  readonly output: () => string
  close(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** `npm run <script> -- args` with PUNTOVICINO_DATA_DIR set: its exit code and what it printed. */
export async function runCli(file: string, args: string[], dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [file, ...args], { env: { ...process.env, PUNTOVICINO_DATA_DIR: dataDir } })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

export async function startProductProcess(dataDir: string): Promise<ProductProcess> {
  const port = await freePort()
  let output = ''
  const child: ChildProcess = spawn(TSX, ['functions/local/start.ts'], { env: { ...process.env, PORT: String(port), PUNTOVICINO_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`)
    const ready = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false)
    if (ready) break
    if (Date.now() > deadline) throw new Error(`npm start did not answer /healthz within 90 s:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return {
    baseUrl,
    output: () => output,
    close: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
    },
  }
}
