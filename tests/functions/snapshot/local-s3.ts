import { S3Client } from '@aws-sdk/client-s3'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'
import type { ReadS3Object } from '../../../functions/snapshot/s3-object-reader.ts'
import { signedGetObjectReader } from '../../../functions/snapshot/s3-signed-get.ts'

/** A real S3-compatible server (s3rver) on loopback with one bucket, reached by the real AWS SDK. */
export interface LocalS3 {
  readonly endpoint: string
  readonly bucket: string
  client(): S3Client
  /** The bucket read as the deployed read function reads it: signed GETs without the SDK. */
  reader(): ReadS3Object
  close(): Promise<void>
}

export async function startLocalS3(bucket = 'puntovicino-snapshots'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'pv-s3rver-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const clients: S3Client[] = []
  return {
    endpoint,
    bucket,
    client: () => {
      // s3rver checks no signature; path-style because it serves buckets under the path.
      const client = new S3Client({ endpoint, region: 'eu-south-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })
      clients.push(client)
      return client
    },
    reader: () => signedGetObjectReader({ bucket, region: 'eu-south-1', endpoint, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }),
    close: async () => {
      for (const client of clients) client.destroy()
      await server.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}

/**
 * Makes `client` refuse the upload parts `refused` picks, as S3 does when it throttles (SlowDown),
 * and answer AbortMultipartUpload as S3 does, since s3rver has none (it answers 405). Every command
 * that ends is noted in the list returned, as `<command> <key>`, aborts included.
 */
export function refuseUploadParts(client: S3Client, refused: (part: { Key?: string; PartNumber?: number }) => boolean): string[] {
  const ended: string[] = []
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: string; PartNumber?: number }
      if (context.commandName === 'UploadPartCommand' && refused(input)) throw Object.assign(new Error(`SlowDown: injected on part ${input.PartNumber}`), { name: 'SlowDown' })
      if (context.commandName === 'AbortMultipartUploadCommand') {
        ended.push(`${context.commandName} ${input.Key}`)
        return { output: { $metadata: { httpStatusCode: 204 } }, response: {} } as never
      }
      const output = await next(args)
      ended.push(`${context.commandName} ${input.Key}`)
      return output
    },
    { step: 'initialize', name: 'refuseUploadParts' },
  )
  return ended
}
