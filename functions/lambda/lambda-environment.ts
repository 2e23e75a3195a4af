import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { S3Client } from '@aws-sdk/client-s3'

export type Environment = Readonly<Record<string, string | undefined>>

/** The environment variables the stack sets; a missing one stops the cold start with its name. */
export function requireEnv(env: Environment, name: string): string {
  const value = env[name]
  if (!value) throw new Error(`environment variable ${name} is required (set by the CDK stack)`)
  return value
}

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
