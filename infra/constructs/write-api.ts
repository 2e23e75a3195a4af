import { CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib'
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2'
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers'
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations'
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb'
import type * as lambda from 'aws-cdk-lib/aws-lambda'
import { Construct } from 'constructs'
import { checkMemory, createNodeFunction } from './node-function.ts'

/** Where the operators' write routes live on the HTTP API. */
export const WRITE_API_PATH = '/v1/admin/{proxy+}'

export interface WriteApiProps {
  readonly httpApi: apigwv2.HttpApi
  readonly table: dynamodb.ITable
  /** Folder with the write path bundle. */
  readonly codeDir: string
  /** @default 512 */
  readonly memoryMiB?: number
}

/**
 * The operators' write path, reserved: its own function (the only one allowed to write the
 * table) behind routes that require SigV4-signed IAM callers, so nothing public reaches it.
 * The function answers 501 until the operators' issue fills it in.
 */
export class WriteApi extends Construct {
  public readonly function: lambda.Function
  public readonly routes: apigwv2.HttpRoute[]

  constructor(scope: Construct, id: string, { httpApi, table, codeDir, memoryMiB = 512 }: WriteApiProps) {
    super(scope, id)
    checkMemory('WriteApi', memoryMiB)
    this.function = createNodeFunction(this, 'Function', {
      codeDir,
      description: 'PuntoVicino write API (reserved, IAM-only)',
      memoryMiB,
      timeout: Duration.seconds(10),
      environment: { PUNTOVICINO_TABLE: table.tableName },
    })
    table.grantReadWriteData(this.function)
    Validations.of(this.function).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(table.node.defaultChild as CfnElement)}.Arn>/index/*]`,
      reason: "Operators list the points of their own area through the table's by-area index; index/* is the registry table's own indexes and nothing else.",
    })
    this.routes = httpApi.addRoutes({
      path: WRITE_API_PATH,
      methods: [apigwv2.HttpMethod.POST, apigwv2.HttpMethod.PUT, apigwv2.HttpMethod.PATCH, apigwv2.HttpMethod.DELETE, apigwv2.HttpMethod.GET],
      integration: new HttpLambdaIntegration('Write', this.function),
      authorizer: new HttpIamAuthorizer(),
    })
  }
}
