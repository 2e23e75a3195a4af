import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { rangeHeader, type ReadS3Object } from './s3-object-reader.ts'

const isNoSuchKey = (error: unknown): boolean => error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')

/** Reads objects of `bucket` (or ranges of them) through an AWS SDK client: one GetObject per read. */
export function sdkObjectReader(s3: S3Client, bucket: string): ReadS3Object {
  return async (key, range) => {
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(range ? { Range: rangeHeader(range) } : {}) }))
      const bytes = await object.Body!.transformToByteArray()
      if (!range || bytes.byteLength === range.end - range.start) return bytes
      // As the signed GET does: a store that ignored Range sent the whole object.
      if (object.ContentRange === undefined && bytes.byteLength >= range.end) return bytes.subarray(range.start, range.end)
      throw new Error(`GetObject s3://${bucket}/${key} bytes ${range.start}-${range.end - 1}: received ${bytes.byteLength} bytes`)
    } catch (error) {
      if (isNoSuchKey(error)) return undefined
      throw error
    }
  }
}
