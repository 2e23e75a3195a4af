import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { S3Client } from '@aws-sdk/client-s3'
import type { Environment } from './lambda-environment.ts'

// The SDK's clients, for the indexer and the write function only: the read function reaches S3
// and Secrets Manager without them (lambda-environment.ts), and a module it imports must not name
// the SDK, or esbuild puts the SDK's shared modules in a chunk every cold start loads.

/**
 * An S3 client for the function's region. `AWS_ENDPOINT_URL_S3` (read by the SDK itself) points
 * it at a stand-in such as s3rver, which only understands path-style bucket addressing; on AWS
 * the variable is unset and virtual-host addressing stays the default.
 */
export function s3ClientFromEnvironment(env: Environment): S3Client {
  return new S3Client({ forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3) })
}

/** A DynamoDB client for the function's region (`AWS_ENDPOINT_URL_DYNAMODB` reaches a stand-in). */
export function dynamoDbClientFromEnvironment(): DynamoDBClient {
  return new DynamoDBClient({})
}
