import type { APIGatewayProxyEventV2, APIGatewayProxyResult } from 'aws-lambda'

/**
 * The operators' write path, reserved: its routes exist on the HTTP API behind IAM authorisation
 * (so nothing public can call them) and answer 501 until the operators' issue fills them in.
 */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResult> {
  return {
    statusCode: 501,
    headers: { 'Content-Type': 'application/problem+json' },
    body: JSON.stringify({
      type: 'https://github.com/puntovicino/puntovicino/blob/main/docs/problems.md#not-implemented',
      title: 'Not implemented',
      status: 501,
      instance: event.rawPath,
      detail: `${event.requestContext.http.method} ${event.rawPath}: the operators' write API is reserved and not available yet.`,
    }),
  }
}
