import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

/**
 * `npm start` as a user runs it (dynalite on disk, the demo seeded on first start, the Hono app),
 * in a child process on a free loopback port with its own data folder: what the load and crash
 * benchmarks put under stress, and nothing shared with the benchmark's own process.
 */
export interface LocalServer {
  readonly url: string
  readonly process: ChildProcess
  /** Resident memory of the server process, from /proc (Linux). */
  rssMiB(): number
  stop(): Promise<void>
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export async function startLocalServer(dataDir: string, { readyWithinMs = 120_000, stdout = 'ignore' as 'ignore' | 'inherit' | number } = {}): Promise<LocalServer> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', 'functions/local/start.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUNTOVICINO_DATA_DIR: dataDir, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', stdout, 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const started = Date.now()
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode} before answering`)
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) break
    } catch {
      // not listening yet
    }
    if (Date.now() - started > readyWithinMs) {
      child.kill('SIGKILL')
      throw new Error(`npm start did not answer /healthz within ${readyWithinMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return {
    url,
    process: child,
    rssMiB: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
