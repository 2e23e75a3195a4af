import type { ReadS3Object } from './s3-object-reader.ts'
import { SnapshotPointer } from './snapshot-pointer.ts'

/**
 * Reads and validates the pointer object; undefined when none was ever published (a fresh stack
 * before the first import). A malformed pointer is an error naming the object and the field.
 */
export async function readPointerObject(readObject: ReadS3Object, bucket: string, pointerKey: string): Promise<SnapshotPointer | undefined> {
  const bytes = await readObject(pointerKey)
  if (!bytes) return undefined
  const parsed = SnapshotPointer.safeParse(JSON.parse(new TextDecoder().decode(bytes)))
  if (!parsed.success) {
    throw new Error(`snapshot pointer s3://${bucket}/${pointerKey}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`)
  }
  return parsed.data
}
