import type { AwsCredentials } from '../aws/aws-signer.ts'
import { secretsManagerReader, type ReadSecret } from '../aws/secrets-manager.ts'
import type { ReadS3Object } from '../snapshot/s3-object-reader.ts'
import { signedGetObjectReader } from '../snapshot/s3-signed-get.ts'

export type Environment = Readonly<Record<string, string | undefined>>

/** The environment variables the stack (or Lambda itself) sets; a missing one stops the cold start with its name. */
export function requireEnv(env: Environment, name: string, setBy = 'the CDK stack'): string {
  const value = env[name]
  if (!value) throw new Error(`environment variable ${name} is required (set by ${setBy})`)
  return value
}

/**
 * Reads objects of `bucket` without the AWS SDK, with the credentials Lambda puts in the
 * environment of every function (the execution role's, session token included) and the
 * function's region; `AWS_ENDPOINT_URL_S3` reaches a stand-in, as it does for the SDK.
 */
export function s3ObjectReaderFromEnvironment(env: Environment, bucket: string): ReadS3Object {
  return signedGetObjectReader({ bucket, region: requireEnv(env, 'AWS_REGION', 'Lambda'), endpoint: env.AWS_ENDPOINT_URL_S3 || undefined, credentials: credentialsFromEnvironment(env) })
}

/** Reads secrets the same way (`AWS_ENDPOINT_URL_SECRETS_MANAGER` reaches a stand-in, as the SDK's own variable does). */
export function secretsReaderFromEnvironment(env: Environment): ReadSecret {
  return secretsManagerReader({ region: requireEnv(env, 'AWS_REGION', 'Lambda'), endpoint: env.AWS_ENDPOINT_URL_SECRETS_MANAGER || undefined, credentials: credentialsFromEnvironment(env) })
}

/** The execution role's temporary credentials, which Lambda puts in every function's environment. */
function credentialsFromEnvironment(env: Environment): AwsCredentials {
  return {
    accessKeyId: requireEnv(env, 'AWS_ACCESS_KEY_ID', 'Lambda'),
    secretAccessKey: requireEnv(env, 'AWS_SECRET_ACCESS_KEY', 'Lambda'),
    sessionToken: env.AWS_SESSION_TOKEN || undefined,
  }
}
