/**
 * The one thing the read API asks of S3: the bytes of an object, or undefined when there is no
 * such key. Two implementations: a signed HTTPS GET without the AWS SDK (the Lambda's cold-start
 * path, `s3-signed-get.ts`) and one over an SDK client (`s3-sdk-object-reader.ts`, for callers
 * that already hold an `S3Client`).
 */
export type ReadS3Object = (key: string) => Promise<Uint8Array | undefined>
