/** Bytes `start` to before `end` of an object (an HTTP Range of `start`…`end - 1`). */
export interface ByteRange {
  readonly start: number
  readonly end: number
}

/**
 * The one thing the read API asks of S3: the bytes of an object (or of a range of it), or
 * undefined when there is no such key. Two implementations: a signed HTTPS GET without the AWS SDK
 * (the Lambda's cold-start path, `s3-signed-get.ts`) and one over an SDK client
 * (`s3-sdk-object-reader.ts`, for callers that already hold an `S3Client`). A range is answered
 * with exactly its bytes, or an error.
 */
export type ReadS3Object = (key: string, range?: ByteRange) => Promise<Uint8Array | undefined>

/** The Range header's value for `range`; an empty or malformed range is a RangeError (a bug of the caller's). */
export function rangeHeader(range: ByteRange): string {
  if (!(Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && 0 <= range.start && range.start < range.end)) {
    throw new RangeError(`range: ${range.start}…${range.end} is not a non-empty byte range`)
  }
  return `bytes=${range.start}-${range.end - 1}`
}
