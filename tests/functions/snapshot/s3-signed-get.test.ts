import { PutObjectCommand } from '@aws-sdk/client-s3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3ReadError, signedGetObjectReader } from '../../../functions/snapshot/s3-signed-get.ts'
import { startLocalS3, type LocalS3 } from './local-s3.ts'

describe('signedGetObjectReader', () => {
  let s3: LocalS3
  const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256)
  beforeAll(async () => {
    s3 = await startLocalS3()
    await s3.client().send(new PutObjectCommand({ Bucket: s3.bucket, Key: 'signed/a b+c.bin', Body: bytes }))
  })
  afterAll(() => s3.close())

  const reader = (accessKeyId = 'S3RVER') =>
    signedGetObjectReader({ bucket: s3.bucket, region: 'eu-south-1', endpoint: s3.endpoint, credentials: { accessKeyId, secretAccessKey: 'S3RVER' } })

  it('reads a whole object, byte for byte, into a buffer that starts at offset 0', async () => {
    const read = await reader()('signed/a b+c.bin')
    expect(read).toEqual(bytes)
    expect(read!.byteOffset).toBe(0)
  })

  it('answers undefined for a key that does not exist', async () => {
    expect(await reader()('signed/missing.bin')).toBeUndefined()
  })

  it("rejects a refused request with S3's error code as its name, without retrying it", async () => {
    const refused = await reader('NOT-A-KEY')('signed/a b+c.bin').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(S3ReadError)
    expect(refused).toMatchObject({ name: 'InvalidAccessKeyId', status: 403 })
    expect(String(refused)).toContain(`GET s3://${s3.bucket}/signed/a b+c.bin answered 403 InvalidAccessKeyId`)
  })

  it('names the missing option', () => {
    expect(() => signedGetObjectReader({ bucket: '', region: 'eu-south-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })).toThrow('signedGetObjectReader: bucket is required')
    expect(() => signedGetObjectReader({ bucket: 'b', region: '', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })).toThrow('signedGetObjectReader: region is required')
  })
})
