import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib'
import * as lambda from 'aws-cdk-lib/aws-lambda'
import * as logs from 'aws-cdk-lib/aws-logs'
import type { Construct } from 'constructs'
import { LAMBDA_HANDLER } from '../../functions/lambda/build.ts'

export interface NodeFunctionProps {
  /** Folder holding the esbuild bundle `index.mjs` (functions/lambda/build.ts writes it). */
  readonly codeDir: string
  readonly description: string
  readonly memoryMiB: number
  readonly timeout: Duration
  readonly environment: Record<string, string>
  readonly reservedConcurrentExecutions?: number
  /** Its /tmp, in MiB (Lambda's default: 512). */
  readonly ephemeralStorageMiB?: number
}

export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_22_X
export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH

/**
 * The project's Lambda functions differ only in code, size and environment: Node.js 22 on arm64
 * (Graviton: about 20% cheaper per GB-second), JSON logs at INFO through Lambda's own log
 * controls, a log group of its own kept a month.
 */
export function createNodeFunction(scope: Construct, id: string, props: NodeFunctionProps): lambda.Function {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: LOG_RETENTION, removalPolicy: RemovalPolicy.DESTROY })
  return new lambda.Function(scope, id, {
    runtime: FUNCTION_RUNTIME,
    architecture: lambda.Architecture.ARM_64,
    handler: LAMBDA_HANDLER,
    code: lambda.Code.fromAsset(props.codeDir),
    description: props.description,
    memorySize: props.memoryMiB,
    timeout: props.timeout,
    environment: { ...props.environment, NODE_ENV: 'production' },
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    systemLogLevelV2: lambda.SystemLogLevel.WARN,
    ...(props.reservedConcurrentExecutions !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions } : {}),
    ...(props.ephemeralStorageMiB !== undefined ? { ephemeralStorageSize: Size.mebibytes(props.ephemeralStorageMiB) } : {}),
  })
}

/** Lambda accepts 128–10,240 MiB; a construct names its own prop when it rejects one. */
export function checkMemory(construct: string, memoryMiB: number): void {
  if (!Number.isInteger(memoryMiB) || memoryMiB < 128 || memoryMiB > 10_240) {
    throw new Error(`${construct}: memoryMiB must be a whole number between 128 and 10240, got ${memoryMiB}`)
  }
}
