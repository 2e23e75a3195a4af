import { afterEach, describe, expect, it } from 'vitest'
import { resultOfFunctionScript } from '../../bench/bench-support.ts'

// The bench's cold starts and memory runs stand for a Lambda function: a fresh node process with
// the function's environment. This sandbox's shell sets NODE_EXTRA_CA_CERTS, which makes every
// node process read and parse a CA bundle at startup (50–80 ms here): inherited, it added the same
// time to both contenders and pulled the cold-start ratio towards 1 (printed 2.0×, 3.0× without).
describe('a bench process standing for a Lambda function', () => {
  const saved = { ...process.env }
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  })

  it("sees the function's environment and Lambda's own variables, not the shell's", async () => {
    process.env.NODE_EXTRA_CA_CERTS = '/etc/ssl/certs/ca-certificates.crt'
    process.env.NODE_OPTIONS = '--max-semi-space-size=64'
    process.env.SOME_SHELL_VARIABLE = 'shell'
    const script = `process.stdout.write(JSON.stringify({ env: process.env }))`
    const { env } = await resultOfFunctionScript<{ env: Record<string, string> }>(script, { SNAPSHOT_BUCKET: 'bucket' }, 'env', 'the env probe')
    expect(env.SNAPSHOT_BUCKET).toBe('bucket')
    expect(env.TZ).toBe(':UTC')
    expect(env.NODE_EXTRA_CA_CERTS).toBeUndefined()
    expect(env.NODE_OPTIONS).toBeUndefined()
    expect(env.SOME_SHELL_VARIABLE).toBeUndefined()
  })

  it('gives back the last JSON object that starts with the key, after the log lines before it', async () => {
    const script = `console.log(JSON.stringify({ level: 'info', msg: 'a log line' })); process.stdout.write('{"other":1}\\n' + JSON.stringify({ ms: 12.5, status: 200 }))`
    expect(await resultOfFunctionScript(script, {}, 'ms', 'the key probe')).toEqual({ ms: 12.5, status: 200 })
  })

  it('fails with what it ran when the process fails', async () => {
    await expect(resultOfFunctionScript(`process.exit(3)`, {}, 'ms', 'the failing probe')).rejects.toThrow('the failing probe exited with 3')
  })
})
