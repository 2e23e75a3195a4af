import { Duration } from 'aws-cdk-lib'
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import type * as lambda from 'aws-cdk-lib/aws-lambda'
import { Construct } from 'constructs'
import { checkMemory, createNodeFunction } from './node-function.ts'

/** Where the operators' write routes live on the HTTP API. */
export const WRITE_API_PATH = '/v1/admin/{proxy+}'

export interface WriteApiProps {
  readonly httpApi: apigwv2.HttpApi
  /** Folder with the write path bundle. */
  readonly codeDir: string
  /** @default 512 */
  readonly memoryMiB?: number
}

/**
 * The operators' write path, reserved: its own function behind routes that require SigV4-signed
 * IAM callers, so nothing public reaches it. The function answers 501, and holds no permission on
 * the table, until the operators' issue fills it in.
 */
export class WriteApi extends Construct {
  public readonly function: lambda.Function
  public readonly routes: apigwv2.HttpRoute[]

  constructor(scope: Construct, id: string, { httpApi, codeDir, memoryMiB = 512 }: WriteApiProps) {
    super(scope, id)
    checkMemory('WriteApi', memoryMiB)
    this.function = createNodeFunction(this, 'Function', {
      codeDir,
      description: 'PuntoVicino write API (reserved, IAM-only)',
      memoryMiB,
      timeout: Duration.seconds(10),
      environment: {},
      // No table, no permission: a function that answers 501 needs none (least privilege); the
      // operators' issue gives it exactly what its writes need.
    })
    this.routes = httpApi.addRoutes({
      path: WRITE_API_PATH,
      methods: [apigwv2.HttpMethod.POST, apigwv2.HttpMethod.PUT, apigwv2.HttpMethod.PATCH, apigwv2.HttpMethod.DELETE, apigwv2.HttpMethod.GET],
      integration: new HttpLambdaIntegration('Write', this.function),
      authorizer: new HttpIamAuthorizer(),
    })
  }
}
