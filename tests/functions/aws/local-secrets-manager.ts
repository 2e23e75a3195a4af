import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { signAwsRequest, type AwsCredentials } from '../../../functions/aws/aws-signer.ts'

/**
 * A stand-in for Secrets Manager's GetSecretValue on loopback (there is no local Secrets Manager
 * on npm or Debian): it answers only requests whose SigV4 signature it can reproduce with the
 * credentials it was given (by the SDK's signer, from the date the request carries), speaks the
 * service's JSON 1.1 protocol, and records what it was asked.
 */
export interface LocalSecretsManager {
  readonly endpoint: string
  readonly credentials: AwsCredentials
  readonly region: string
  readonly calls: Array<{ secretId: string; versionStage: string }>
  set(secretId: string, value: string, stage?: 'AWSCURRENT' | 'AWSPREVIOUS'): void
  /** Answers 500 to the next `count` requests (an outage). */
  fail(count: number): void
  close(): Promise<void>
}

export async function startLocalSecretsManager(credentials: AwsCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, region = 'eu-south-1'): Promise<LocalSecretsManager> {
  const secrets = new Map<string, string>()
  const calls: LocalSecretsManager['calls'] = []
  let failing = 0
  const server = createServer(async (req, res) => {
    const body = await readBody(req)
    const reply = (status: number, payload: object) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' })
      res.end(JSON.stringify(payload))
    }
    if (failing > 0) {
      failing--
      return reply(500, { __type: 'InternalServiceError', message: 'injected outage' })
    }
    if (req.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return reply(400, { __type: 'UnknownOperationException' })
    const date = String(req.headers['x-amz-date'] ?? '')
    const at = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`)
    const url = new URL(`http://${req.headers.host}${req.url}`)
    const expected = await signAwsRequest(
      { service: 'secretsmanager', region, credentials, at },
      { method: 'POST', url, body, headers: { 'content-type': String(req.headers['content-type']), 'x-amz-target': String(req.headers['x-amz-target']) } },
    )
    if (Number.isNaN(at.getTime()) || expected.authorization !== req.headers.authorization) {
      return reply(400, { __type: 'com.amazon.coral.service#UnrecognizedClientException', message: 'The security token included in the request is invalid.' })
    }
    const { SecretId, VersionStage = 'AWSCURRENT' } = JSON.parse(body) as { SecretId: string; VersionStage?: string }
    calls.push({ secretId: SecretId, versionStage: VersionStage })
    const value = secrets.get(`${SecretId}|${VersionStage}`)
    if (value === undefined) return reply(400, { __type: 'com.amazonaws.secretsmanager#ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." })
    reply(200, { ARN: SecretId, Name: SecretId, SecretString: value, VersionStages: [VersionStage] })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    credentials,
    region,
    calls,
    set: (secretId, value, stage = 'AWSCURRENT') => void secrets.set(`${secretId}|${stage}`, value),
    fail: (count) => void (failing = count),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (text += chunk))
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })
}
