import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { ReadS3Object } from './s3-object-reader.ts'

const isNoSuchKey = (error: unknown): boolean => error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')

/** Reads objects of `bucket` through an AWS SDK client: one GetObject per read. */
export function sdkObjectReader(s3: S3Client, bucket: string): ReadS3Object {
  return async (key) => {
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      return await object.Body!.transformToByteArray()
    } catch (error) {
      if (isNoSuchKey(error)) return undefined
      throw error
    }
  }
}
